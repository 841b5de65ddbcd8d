#pragma once

#include "core/model/live/frame_fields.h"
#include "core/model/live/venue_protocol.h"

namespace levlab::model {

/// Hyperliquid: activeAssetCtx (mark, oracle, funding rate; funding is paid every
/// hour, so the next funding is the next whole hour), trades and candle 1m; an
/// app-level {"method":"ping"} every 50 s (the server closes a connection silent
/// for 60 s). REST backfill: POST /info {"type":"candleSnapshot"}.
class HyperliquidProtocol final : public VenueProtocol {
public:
    explicit HyperliquidProtocol(QString coin) : VenueProtocol(std::move(coin)) {}
    [[nodiscard]] LiveVenue venue() const override { return LiveVenue::Hyperliquid; }
    [[nodiscard]] QList<QByteArray> subscribeFrames() const override;
    [[nodiscard]] QByteArray pingFrame() const override { return R"({"method":"ping"})"; }
    [[nodiscard]] int pingIntervalMs() const override { return 50000; }
    FrameResult parse(QByteArrayView frame, qint64 nowMs) override;
    void reset() override;
    [[nodiscard]] RestRequest candleRequest(const LiveEndpoints& endpoints, qint64 fromMs, qint64 toMs) const override;
    [[nodiscard]] engine::Result<std::vector<LiveCandle>> parseCandles(const QByteArray& body) const override;
    [[nodiscard]] int candleLimit() const override { return 5000; }

private:
    FrameResult assetContext(const QJsonObject& data, qint64 nowMs) const;
    FrameResult trades(const QJsonArray& rows);
    FrameResult candle(const QJsonObject& data);

    detail::TradeGate m_tradeGate;
    detail::TimeGate m_candleGate;
};

/// A Hyperliquid candle object {"t","o","h","l","c","v",…}; none when a field is bad.
std::optional<LiveCandle> hyperliquidCandle(const QJsonObject& o);

}  // namespace levlab::model
