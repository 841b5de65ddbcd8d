#include "core/model/live/frame_fields.h"

#include "core/engine/history/time_text.h"
#include "core/engine/units/decimal_text.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace levlab::model::detail {
namespace {

/// The Latin-1 bytes of a short string, on the stack.
template<typename F> auto withText(const QString& s, F&& f)
{
    char buffer[64];
    if (s.size() >= qsizetype(sizeof buffer))
        return f(std::string_view {});
    qsizetype n = 0;
    for (QChar c : s) {
        if (c.unicode() > 0x7f)
            return f(std::string_view {});
        buffer[n++] = static_cast<char>(c.unicode());
    }
    return f(std::string_view(buffer, static_cast<std::size_t>(n)));
}

} // namespace

Field<double> decimal(const QJsonObject& o, QLatin1StringView key, bool numberAllowed)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (v.isString()) {
        if (v.toString().isEmpty())
            return {}; // Bybit writes "" for a price it has not got
        auto d = withText(v.toString(), [](std::string_view t) { return engine::parseDecimal(t); });
        if (!d)
            return { std::nullopt, true };
        return { d, false };
    }
    if (numberAllowed && v.isDouble() && std::isfinite(v.toDouble()))
        return { v.toDouble(), false };
    return { std::nullopt, true };
}

Field<qint64> millis(const QJsonObject& o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (v.isString()) {
        auto t = withText(v.toString(), [](std::string_view s) { return engine::parseWhole(s); });
        if (!t || *t < 0)
            return { std::nullopt, true };
        return { static_cast<qint64>(*t), false };
    }
    if (v.isDouble()) {
        const double d = v.toDouble();
        // Exact integers only, below 2^53.
        if (!(d >= 0.0 && d < 9007199254740992.0) || std::floor(d) != d)
            return { std::nullopt, true };
        return { static_cast<qint64>(d), false };
    }
    return { std::nullopt, true };
}

Field<qint64> isoTime(const QJsonObject& o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isString())
        return { std::nullopt, true };
    const QByteArray text = v.toString().toLatin1();
    if (text.size() < 10 || text.at(4) != '-')
        return { std::nullopt, true };
    auto t = engine::parseTimeMs(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
    if (!t)
        return { std::nullopt, true };
    return { static_cast<qint64>(*t), false };
}

std::optional<QJsonObject> frameObject(QByteArrayView frame)
{
    if (frame.isEmpty() || frame.front() != '{')
        return std::nullopt;
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(frame.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

FrameResult malformed(const QString& reason)
{
    FrameResult r;
    r.kind = FrameKind::Malformed;
    r.reason = reason;
    return r;
}

FrameResult ofKind(FrameKind kind, const QString& reason)
{
    FrameResult r;
    r.kind = kind;
    r.reason = reason;
    return r;
}

bool TradeGate::accept(qint64 timeMs, const QString& id)
{
    if (timeMs < m_lastMs)
        return false;
    if (timeMs > m_lastMs) {
        m_lastMs = timeMs;
        m_idsAtLast.clear();
    } else if (!id.isEmpty() && m_idsAtLast.contains(id)) {
        return false;
    }
    if (!id.isEmpty()) {
        // Bounded: a venue stamping every trade with the same time must not grow this forever.
        if (m_idsAtLast.size() >= kMaxIdsAtOneTime)
            m_idsAtLast.removeFirst();
        m_idsAtLast.append(id);
    }
    return true;
}

std::optional<LiveCandle> candleFromRow(const QJsonArray& row)
{
    if (row.size() < 6)
        return std::nullopt;
    QJsonObject named;
    const char* keys[] = { "t", "o", "h", "l", "c", "v" };
    for (int j = 0; j < 6; ++j)
        named.insert(QLatin1String(keys[j]), row.at(j));
    const auto t = millis(named, QLatin1String("t"));
    const auto o = decimal(named, QLatin1String("o"));
    const auto h = decimal(named, QLatin1String("h"));
    const auto l = decimal(named, QLatin1String("l"));
    const auto c = decimal(named, QLatin1String("c"));
    const auto v = decimal(named, QLatin1String("v"));
    if (!t.value || !o.value || !h.value || !l.value || !c.value || !v.value)
        return std::nullopt;
    return LiveCandle { *t.value, *o.value, *h.value, *l.value, *c.value, *v.value, true };
}

bool plausible(const LiveCandle& c, bool openOutsideAllowed)
{
    const bool positive = c.open > 0.0 && c.high > 0.0 && c.low > 0.0 && c.close > 0.0 && c.volume >= 0.0;
    if (!positive || c.low > c.high || c.close < c.low || c.close > c.high)
        return false;
    return openOutsideAllowed || (c.open >= c.low && c.open <= c.high);
}

engine::Result<bool> appendCandleRow(std::vector<LiveCandle>& out, const QJsonArray& row, const std::string& field)
{
    const auto parsed = candleFromRow(row);
    if (!parsed)
        return engine::Error { field, "a candle needs open time, open, high, low, close and volume as numbers" };
    if (!plausible(*parsed))
        return engine::Error { field, "the candle's prices do not hold together" };
    if (!out.empty() && parsed->openMs <= out.back().openMs)
        return engine::Error { field, "candles out of time order" };
    out.push_back(*parsed);
    return true;
}

} // namespace levlab::model::detail
