#include "core/model/live/bitmex_protocol.h"


#include <QDateTime>
#include <QJsonDocument>
#include <QUrlQuery>

namespace levlab::model {

using namespace detail;

namespace {
constexpr qint64 kMinuteMs = 60 * 1000;
const QLatin1String kSymbol("symbol");
}  // namespace

QList<QByteArray> BitmexProtocol::subscribeFrames() const
{
    const QByteArray s = symbol().toLatin1();
    return {R"({"op":"subscribe","args":["instrument:)" + s + R"(","trade:)" + s + R"(","tradeBin1m:)" + s + R"("]})"};
}

void BitmexProtocol::reset()
{
    m_partials.clear();
    m_instrument = {};
    m_instrumentGate.reset();
    m_tradeGate.reset();
    m_binGate.reset();
}

FrameResult BitmexProtocol::parse(QByteArrayView frame, qint64 /*nowMs*/)
{
    if (frame == QByteArrayView("pong"))
        return ofKind(FrameKind::Pong);
    if (frame == QByteArrayView("ping")) {
        FrameResult r = ofKind(FrameKind::Ping);
        r.reply = QByteArrayLiteral("pong");
        return r;
    }
    const auto object = frameObject(frame);
    if (!object)
        return malformed(QStringLiteral("not a JSON object"));
    const QJsonObject& o = *object;
    if (o.contains(QLatin1String("error")))
        return ofKind(FrameKind::Rejected, o.value(QLatin1String("error")).toString());
    if (o.contains(QLatin1String("info")) || o.contains(QLatin1String("success")))
        return ofKind(FrameKind::Control);
    const QString table = o.value(QLatin1String("table")).toString();
    const QString action = o.value(QLatin1String("action")).toString();
    if (table.isEmpty())
        return ofKind(FrameKind::Unknown, QStringLiteral("a frame without a table"));
    if (table != QLatin1String("instrument") && table != QLatin1String("trade") && table != QLatin1String("tradeBin1m"))
        return ofKind(FrameKind::Unknown, QStringLiteral("table \"%1\" is not followed").arg(table));
    if (!o.value(QLatin1String("data")).isArray())
        return malformed(QStringLiteral("a table frame without data"));
    if (action == QLatin1String("partial")) {
        m_partials.insert(table);
        if (table == QLatin1String("instrument"))
            m_instrument = {};
    } else if (action != QLatin1String("insert") && action != QLatin1String("update")
               && action != QLatin1String("delete")) {
        return ofKind(FrameKind::Unknown, QStringLiteral("action \"%1\" is not known").arg(action));
    } else if (!m_partials.contains(table)) {
        return ofKind(FrameKind::OutOfOrder, QStringLiteral("an %1 before the table's partial").arg(action));
    }
    const QJsonArray rows = o.value(QLatin1String("data")).toArray();
    if (table == QLatin1String("instrument"))
        return instrument(action, rows);
    if (action == QLatin1String("update") || action == QLatin1String("delete"))
        return ofKind(FrameKind::Unknown, QStringLiteral("a %1 of %2 rows is not followed").arg(action, table));
    return table == QLatin1String("trade") ? trades(rows) : bins(rows);
}

FrameResult BitmexProtocol::instrument(const QString& action, const QJsonArray& rows)
{
    bool ours = false;
    for (const QJsonValue& v : rows) {
        const QJsonObject row = v.toObject();
        if (row.value(kSymbol).toString() != symbol())
            continue;
        ours = true;
        if (action == QLatin1String("delete")) {
            m_instrument = {};
            return ofKind(FrameKind::Control, QStringLiteral("the instrument was removed"));
        }
        if (action == QLatin1String("update") && m_instrument.isEmpty())
            return ofKind(FrameKind::OutOfOrder, QStringLiteral("an update of a row the partial did not hold"));
        const auto time = isoTime(row, QLatin1String("timestamp"));
        if (time.bad)
            return malformed(QStringLiteral("an instrument row with a bad timestamp"));
        if (time.value && !m_instrumentGate.accept(*time.value))
            return ofKind(FrameKind::OutOfOrder, QStringLiteral("an instrument row older than the last one"));
        QJsonObject merged = m_instrument;
        for (auto it = row.begin(); it != row.end(); ++it)
            merged.insert(it.key(), it.value());
        const auto mark = decimal(merged, QLatin1String("markPrice"), true);
        const auto last = decimal(merged, QLatin1String("lastPrice"), true);
        const auto index = decimal(merged, QLatin1String("indicativeSettlePrice"), true);
        const auto rate = decimal(merged, QLatin1String("fundingRate"), true);
        const auto next = isoTime(merged, QLatin1String("fundingTimestamp"));
        const auto interval = isoTime(merged, QLatin1String("fundingInterval"));
        if (mark.bad || last.bad || index.bad || rate.bad || next.bad || interval.bad)
            return malformed(QStringLiteral("an instrument row with a bad field"));
        for (const auto* p : {&mark, &last, &index})
            if (p->value && !(*p->value > 0.0))
                return malformed(QStringLiteral("an instrument row with a price that is not positive"));
        m_instrument = merged;
        FrameResult r;
        r.kind = FrameKind::Data;
        r.quote.mark = mark.value;
        r.quote.last = last.value;
        r.quote.index = index.value;
        r.quote.fundingRate = rate.value;
        r.quote.nextFundingMs = next.value;
        // A BitMEX timespan is a date offset from 2000-01-01T00:00Z (946684800000 ms).
        if (interval.value) {
            const qint64 span = *interval.value - 946684800000LL;
            if (span > 0 && span % (3600 * 1000) == 0 && span <= 24LL * 3600 * 1000)
                r.quote.fundingIntervalHours = int(span / (3600 * 1000));
        }
        return r;
    }
    if (!ours)
        return ofKind(action == QLatin1String("partial") ? FrameKind::Control : FrameKind::Unknown,
                      QStringLiteral("no row of our symbol"));
    return ofKind(FrameKind::Unknown);
}

FrameResult BitmexProtocol::trades(const QJsonArray& rows)
{
    FrameResult r;
    r.kind = FrameKind::Data;
    bool ours = false;
    for (const QJsonValue& v : rows) {
        const QJsonObject t = v.toObject();
        if (t.value(kSymbol).toString() != symbol())
            continue;
        ours = true;
        const auto time = isoTime(t, QLatin1String("timestamp"));
        const auto price = decimal(t, QLatin1String("price"), true);
        const auto size = decimal(t, QLatin1String("size"), true);
        const QString side = t.value(QLatin1String("side")).toString();
        if (!time.value || !price.value || !(*price.value > 0.0) || !size.value || *size.value < 0.0
            || (side != QLatin1String("Buy") && side != QLatin1String("Sell")))
            return malformed(QStringLiteral("a trade with a missing or bad field"));
        if (!m_tradeGate.accept(*time.value, t.value(QLatin1String("trdMatchID")).toString()))
            continue;
        r.trades.push_back({*time.value, *price.value, *size.value, side == QLatin1String("Buy")});
    }
    if (!ours)
        return ofKind(FrameKind::Control, QStringLiteral("no trade of our symbol"));
    if (r.trades.empty())
        return ofKind(FrameKind::OutOfOrder, QStringLiteral("no trade newer than the last one"));
    r.quote.last = r.trades.back().price;
    return r;
}

std::optional<LiveCandle> bitmexBin(const QJsonObject& row)
{
    const auto end = isoTime(row, QLatin1String("timestamp"));
    const auto o = decimal(row, QLatin1String("open"), true);
    const auto h = decimal(row, QLatin1String("high"), true);
    const auto l = decimal(row, QLatin1String("low"), true);
    const auto c = decimal(row, QLatin1String("close"), true);
    const auto v = decimal(row, QLatin1String("volume"), true);
    if (!end.value || !o.value || !h.value || !l.value || !c.value || !v.value)
        return std::nullopt;
    const LiveCandle candle{*end.value - kMinuteMs, *o.value, *h.value, *l.value, *c.value, *v.value, true};
    // BitMEX's open is the previous bin's close and may lie outside the bin's low–high.
    if (!plausible(candle, true))
        return std::nullopt;
    return candle;
}

FrameResult BitmexProtocol::bins(const QJsonArray& rows)
{
    FrameResult r;
    r.kind = FrameKind::Data;
    for (const QJsonValue& v : rows) {
        const QJsonObject row = v.toObject();
        if (row.value(kSymbol).toString() != symbol())
            continue;
        const auto c = bitmexBin(row);
        if (!c)
            return malformed(QStringLiteral("a one-minute bin with a missing or bad field"));
        if (m_binGate.accept(c->openMs))
            r.candles.push_back(*c);
    }
    if (r.candles.empty())
        return ofKind(rows.isEmpty() ? FrameKind::Control : FrameKind::OutOfOrder,
                      QStringLiteral("no bin newer than the last one"));
    r.quote.last = r.candles.back().close;
    return r;
}

RestRequest BitmexProtocol::candleRequest(const LiveEndpoints& endpoints, qint64 fromMs, qint64 toMs) const
{
    QUrl url = endpoints.rest;
    url.setPath(url.path() + QLatin1String("/api/v1/trade/bucketed"));
    const auto iso = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    };
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("binSize"), QStringLiteral("1m"));
    q.addQueryItem(QStringLiteral("partial"), QStringLiteral("false"));
    q.addQueryItem(QStringLiteral("symbol"), symbol());
    q.addQueryItem(QStringLiteral("count"), QString::number(candleLimit()));
    q.addQueryItem(QStringLiteral("reverse"), QStringLiteral("false"));
    // Bins are stamped at their end: the bin opening at fromMs ends a minute later.
    q.addQueryItem(QStringLiteral("startTime"), iso(fromMs + kMinuteMs));
    q.addQueryItem(QStringLiteral("endTime"), iso(toMs + kMinuteMs));
    url.setQuery(q);
    return {url, {}};
}

engine::Result<std::vector<LiveCandle>> BitmexProtocol::parseCandles(const QByteArray& body) const
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isArray())
        return engine::Error{"trade/bucketed", "the response is not a JSON array of bins"};
    std::vector<LiveCandle> out;
    const QJsonArray rows = doc.array();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const std::string field = "trade/bucketed[" + std::to_string(i) + "]";
        const auto c = bitmexBin(rows.at(i).toObject());
        if (!c)
            return engine::Error{field, "a bin with a missing or bad number, or prices that do not hold together"};
        if (!out.empty() && c->openMs <= out.back().openMs)
            return engine::Error{field, "bins out of time order"};
        out.push_back(*c);
    }
    return out;
}

}  // namespace levlab::model
