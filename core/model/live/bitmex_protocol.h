#pragma once

#include "core/model/live/frame_fields.h"
#include "core/model/live/venue_protocol.h"

#include <QSet>

namespace levlab::model {

/// BitMEX realtime API: the instrument table (mark, last, index as
/// indicativeSettlePrice, funding rate, next funding time, 8-hour interval),
/// trade and tradeBin1m. Every table starts with a `partial`; `insert`/`update`
/// before it are skipped, and sparse update rows are merged into the row of the
/// same key. Heartbeat: the literal text `ping`, answered `pong`. Numbers arrive
/// as JSON numbers. REST backfill: /api/v1/trade/bucketed (bins stamped at their end).
class BitmexProtocol final : public VenueProtocol {
public:
    explicit BitmexProtocol(QString symbol) : VenueProtocol(std::move(symbol)) {}
    [[nodiscard]] LiveVenue venue() const override { return LiveVenue::Bitmex; }
    [[nodiscard]] QList<QByteArray> subscribeFrames() const override;
    [[nodiscard]] QByteArray pingFrame() const override { return QByteArrayLiteral("ping"); }
    [[nodiscard]] int pingIntervalMs() const override { return 5000; }
    FrameResult parse(QByteArrayView frame, qint64 nowMs) override;
    void reset() override;
    [[nodiscard]] RestRequest candleRequest(const LiveEndpoints& endpoints, qint64 fromMs, qint64 toMs) const override;
    [[nodiscard]] engine::Result<std::vector<LiveCandle>> parseCandles(const QByteArray& body) const override;
    [[nodiscard]] int candleLimit() const override { return 1000; }

private:
    FrameResult instrument(const QString& action, const QJsonArray& rows);
    FrameResult trades(const QJsonArray& rows);
    FrameResult bins(const QJsonArray& rows);

    QSet<QString> m_partials;   ///< tables whose partial has arrived
    QJsonObject m_instrument;   ///< our symbol's instrument row, merged
    detail::TimeGate m_instrumentGate;
    detail::TradeGate m_tradeGate;
    detail::TimeGate m_binGate;
};

/// A BitMEX tradeBin1m / bucketed row as a candle opening a minute before its stamp; none when bad.
std::optional<LiveCandle> bitmexBin(const QJsonObject& row);

}  // namespace levlab::model
