#pragma once

#include "core/model/live/frame_fields.h"
#include "core/model/live/venue_protocol.h"

namespace levlab::model {

/// Binance USDⓈ-M futures: the combined stream of markPrice@1s (mark, index,
/// funding rate, next funding; 8-hour funding), aggTrade and kline_1m; the
/// server pings and the websocket layer answers. REST backfill: /fapi/v1/klines.
class BinanceProtocol final : public VenueProtocol {
public:
    explicit BinanceProtocol(QString symbol) : VenueProtocol(std::move(symbol)) {}
    [[nodiscard]] LiveVenue venue() const override { return LiveVenue::BinanceUsdm; }
    [[nodiscard]] QList<QByteArray> subscribeFrames() const override;
    [[nodiscard]] QByteArray pingFrame() const override { return {}; }
    [[nodiscard]] int pingIntervalMs() const override { return 0; }
    FrameResult parse(QByteArrayView frame, qint64 nowMs) override;
    void reset() override;
    [[nodiscard]] RestRequest candleRequest(const LiveEndpoints& endpoints, qint64 fromMs, qint64 toMs) const override;
    [[nodiscard]] engine::Result<std::vector<LiveCandle>> parseCandles(const QByteArray& body) const override;
    [[nodiscard]] int candleLimit() const override { return 1500; }

private:
    FrameResult markPrice(const QJsonObject& o);
    FrameResult aggTrade(const QJsonObject& o);
    FrameResult kline(const QJsonObject& o);

    detail::TimeGate m_markGate;
    detail::TradeGate m_tradeGate;
    detail::TimeGate m_klineGate;
};

}  // namespace levlab::model
