#pragma once

#include "core/model/live/frame_fields.h"
#include "core/model/live/venue_protocol.h"

namespace levlab::model {

/// Bybit v5 public streams (linear or inverse): tickers (snapshot, then sparse
/// deltas: mark, last, index, funding rate, next funding and the symbol's
/// fundingIntervalHour), publicTrade and kline.1; an app-level
/// {"op":"ping"} every 20 s. REST backfill: /v5/market/kline (newest first).
class BybitProtocol final : public VenueProtocol {
public:
    BybitProtocol(QString symbol, bool inverse) : VenueProtocol(std::move(symbol)), m_inverse(inverse) {}
    [[nodiscard]] LiveVenue venue() const override
    {
        return m_inverse ? LiveVenue::BybitInverse : LiveVenue::BybitLinear;
    }
    [[nodiscard]] QList<QByteArray> subscribeFrames() const override;
    [[nodiscard]] QByteArray pingFrame() const override { return R"({"req_id":"levlab-ping","op":"ping"})"; }
    [[nodiscard]] int pingIntervalMs() const override { return 20000; }
    FrameResult parse(QByteArrayView frame, qint64 nowMs) override;
    void reset() override;
    [[nodiscard]] RestRequest candleRequest(const LiveEndpoints& endpoints, qint64 fromMs, qint64 toMs) const override;
    [[nodiscard]] engine::Result<std::vector<LiveCandle>> parseCandles(const QByteArray& body) const override;
    [[nodiscard]] int candleLimit() const override { return 1000; }

private:
    FrameResult control(const QJsonObject& o) const;
    FrameResult ticker(const QJsonObject& o, qint64 ts);
    FrameResult trades(const QJsonArray& rows);
    FrameResult klines(const QJsonArray& rows, qint64 ts);

    bool m_inverse = false;
    bool m_haveSnapshot = false;
    detail::TimeGate m_tickerGate;
    detail::TradeGate m_tradeGate;
    detail::TimeGate m_klineGate;
};

}  // namespace levlab::model
