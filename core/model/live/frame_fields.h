#pragma once

#include "core/engine/result.h"
#include "core/model/live/live_types.h"

#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace levlab::model::detail {

/// A field read from a frame: absent, present with a value, or present but bad.
template<typename T> struct Field final {
    std::optional<T> value;
    bool bad = false;
};

/// A decimal sent as a string ("11794.15") — or, where `numberAllowed`, as a JSON
/// number (BitMEX) — read as the decimal written. Absent or null: no value.
Field<double> decimal(const QJsonObject& o, QLatin1StringView key, bool numberAllowed = false);
/// A time in UTC ms sent as a JSON integer or a string of digits.
Field<qint64> millis(const QJsonObject& o, QLatin1StringView key);
/// An ISO-8601 time ("2021-07-22T22:36:11.685Z") in UTC ms.
Field<qint64> isoTime(const QJsonObject& o, QLatin1StringView key);

/// The JSON object of a frame, or none when it is not one.
std::optional<QJsonObject> frameObject(QByteArrayView frame);

/// Frame results.
FrameResult malformed(const QString& reason);
FrameResult ofKind(FrameKind kind, const QString& reason = {});

/// Trades at one time are many; a trade is a repeat when its id was seen at the
/// latest time, and out of order when its time is older than the latest.
class TradeGate final {
public:
    bool accept(qint64 timeMs, const QString& id);
    void reset() { *this = TradeGate {}; }

private:
    static constexpr qsizetype kMaxIdsAtOneTime = 1024;
    qint64 m_lastMs = -1;
    QStringList m_idsAtLast;
};

/// Accepts times that never go back.
class TimeGate final {
public:
    bool accept(qint64 timeMs)
    {
        if (timeMs < m_lastMs)
            return false;
        m_lastMs = timeMs;
        return true;
    }
    void reset() { m_lastMs = -1; }

private:
    qint64 m_lastMs = -1;
};

/// A candle written as an array [openTime, "open", "high", "low", "close", "volume", …]
/// (Binance klines, Bybit kline list). None when a field is missing or bad.
std::optional<LiveCandle> candleFromRow(const QJsonArray& row);

/// Checks a candle is a price: positive, finite, low ≤ open, close ≤ high (BitMEX's
/// open is the previous close and may lie outside; `openOutsideAllowed`).
bool plausible(const LiveCandle& c, bool openOutsideAllowed = false);

/// Reads one row of a REST candle list (candleFromRow) onto the end of `out`, which
/// runs oldest first; the error names `field` and says what is wrong with the row.
engine::Result<bool> appendCandleRow(std::vector<LiveCandle>& out, const QJsonArray& row, const std::string& field);

} // namespace levlab::model::detail
