#include "core/model/live/bybit_protocol.h"

#include <QJsonDocument>
#include <QUrlQuery>

namespace levlab::model {

using namespace detail;

QList<QByteArray> BybitProtocol::subscribeFrames() const
{
    const QByteArray s = symbol().toUpper().toLatin1();
    return { R"({"req_id":"levlab-sub","op":"subscribe","args":["tickers.)" + s + R"(","publicTrade.)" + s
        + R"(","kline.1.)" + s + R"("]})" };
}

void BybitProtocol::reset()
{
    m_haveSnapshot = false;
    m_tickerGate.reset();
    m_tradeGate.reset();
    m_klineGate.reset();
}

FrameResult BybitProtocol::parse(QByteArrayView frame, qint64 /*nowMs*/)
{
    const auto object = frameObject(frame);
    if (!object)
        return malformed(QStringLiteral("not a JSON object"));
    const QJsonObject& o = *object;
    if (o.contains(QLatin1String("op")))
        return control(o);
    const QString topic = o.value(QLatin1String("topic")).toString();
    const auto ts = millis(o, QLatin1String("ts"));
    if (topic.isEmpty() || !ts.value)
        return ofKind(FrameKind::Unknown, QStringLiteral("a frame without topic or time"));
    const QString s = symbol().toUpper();
    if (topic == QLatin1String("tickers.") + s) {
        if (!o.value(QLatin1String("data")).isObject())
            return malformed(QStringLiteral("a ticker without data"));
        return ticker(o, *ts.value);
    }
    if (topic == QLatin1String("publicTrade.") + s)
        return trades(o.value(QLatin1String("data")).toArray());
    if (topic == QLatin1String("kline.1.") + s)
        return klines(o.value(QLatin1String("data")).toArray(), *ts.value);
    return ofKind(FrameKind::Unknown, QStringLiteral("topic \"%1\" is not followed").arg(topic));
}

FrameResult BybitProtocol::control(const QJsonObject& o) const
{
    const QString op = o.value(QLatin1String("op")).toString();
    const QString message = o.value(QLatin1String("ret_msg")).toString();
    if (op == QLatin1String("pong") || (op == QLatin1String("ping") && message == QLatin1String("pong")))
        return ofKind(FrameKind::Pong);
    if (op == QLatin1String("ping") && !o.contains(QLatin1String("success")))
        return ofKind(FrameKind::Unknown, QStringLiteral("our own ping echoed"));
    if (o.value(QLatin1String("success")).toBool(false))
        return ofKind(FrameKind::Control);
    return ofKind(FrameKind::Rejected, message.isEmpty() ? QStringLiteral("refused") : message);
}

FrameResult BybitProtocol::ticker(const QJsonObject& o, qint64 ts)
{
    const QString type = o.value(QLatin1String("type")).toString();
    const QJsonObject d = o.value(QLatin1String("data")).toObject();
    if (type == QLatin1String("snapshot"))
        m_haveSnapshot = true;
    else if (type != QLatin1String("delta"))
        return ofKind(FrameKind::Unknown, QStringLiteral("a ticker of type \"%1\"").arg(type));
    else if (!m_haveSnapshot)
        return ofKind(FrameKind::OutOfOrder, QStringLiteral("a ticker delta before its snapshot"));
    const auto mark = decimal(d, QLatin1String("markPrice"));
    const auto last = decimal(d, QLatin1String("lastPrice"));
    const auto index = decimal(d, QLatin1String("indexPrice"));
    const auto rate = decimal(d, QLatin1String("fundingRate"));
    const auto next = millis(d, QLatin1String("nextFundingTime"));
    const auto hours = decimal(d, QLatin1String("fundingIntervalHour"));
    if (mark.bad || last.bad || index.bad || rate.bad || next.bad || hours.bad)
        return malformed(QStringLiteral("a ticker with a bad field"));
    for (const auto* p : { &mark, &last, &index })
        if (p->value && !(*p->value > 0.0))
            return malformed(QStringLiteral("a ticker with a price that is not positive"));
    if (hours.value && !(*hours.value >= 1.0 && *hours.value <= 24.0 && *hours.value == int(*hours.value)))
        return malformed(QStringLiteral("a ticker with a funding interval that is not 1 to 24 hours"));
    if (!m_tickerGate.accept(ts))
        return ofKind(FrameKind::OutOfOrder, QStringLiteral("a ticker older than the last one"));
    FrameResult r;
    r.kind = FrameKind::Data;
    r.quote.mark = mark.value;
    r.quote.last = last.value;
    r.quote.index = index.value;
    r.quote.fundingRate = rate.value;
    r.quote.nextFundingMs = next.value;
    if (hours.value)
        r.quote.fundingIntervalHours = int(*hours.value);
    return r;
}

FrameResult BybitProtocol::trades(const QJsonArray& rows)
{
    FrameResult r;
    r.kind = FrameKind::Data;
    for (const QJsonValue& row : rows) {
        const QJsonObject t = row.toObject();
        const auto time = millis(t, QLatin1String("T"));
        const auto price = decimal(t, QLatin1String("p"));
        const auto size = decimal(t, QLatin1String("v"));
        const QString side = t.value(QLatin1String("S")).toString();
        if (!time.value || !price.value || !(*price.value > 0.0) || !size.value || *size.value < 0.0
            || (side != QLatin1String("Buy") && side != QLatin1String("Sell")))
            return malformed(QStringLiteral("a trade with a missing or bad field"));
        if (!m_tradeGate.accept(*time.value, t.value(QLatin1String("i")).toString()))
            continue;
        r.trades.push_back({ *time.value, *price.value, *size.value, side == QLatin1String("Buy") });
    }
    if (r.trades.empty())
        return ofKind(FrameKind::OutOfOrder, QStringLiteral("no trade newer than the last one"));
    r.quote.last = r.trades.back().price;
    return r;
}

FrameResult BybitProtocol::klines(const QJsonArray& rows, qint64 ts)
{
    FrameResult r;
    r.kind = FrameKind::Data;
    for (const QJsonValue& row : rows) {
        const QJsonObject k = row.toObject();
        const auto start = millis(k, QLatin1String("start"));
        const auto o1 = decimal(k, QLatin1String("open"));
        const auto h = decimal(k, QLatin1String("high"));
        const auto l = decimal(k, QLatin1String("low"));
        const auto c = decimal(k, QLatin1String("close"));
        const auto v = decimal(k, QLatin1String("volume"));
        const QJsonValue confirm = k.value(QLatin1String("confirm"));
        if (!start.value || !o1.value || !h.value || !l.value || !c.value || !v.value || !confirm.isBool())
            return malformed(QStringLiteral("a candle with a missing or bad field"));
        const LiveCandle candle { *start.value, *o1.value, *h.value, *l.value, *c.value, *v.value, confirm.toBool() };
        if (!plausible(candle))
            return malformed(QStringLiteral("a candle whose prices do not hold together"));
        if (!m_klineGate.accept(candle.openMs))
            continue;
        r.candles.push_back(candle);
    }
    if (r.candles.empty())
        return ofKind(FrameKind::OutOfOrder, QStringLiteral("no candle newer than the last one"));
    Q_UNUSED(ts);
    r.quote.last = r.candles.back().close;
    return r;
}

RestRequest BybitProtocol::candleRequest(const LiveEndpoints& endpoints, qint64 fromMs, qint64 toMs) const
{
    QUrl url = endpoints.rest;
    url.setPath(url.path() + QLatin1String("/v5/market/kline"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("category"), m_inverse ? QStringLiteral("inverse") : QStringLiteral("linear"));
    q.addQueryItem(QStringLiteral("symbol"), symbol().toUpper());
    q.addQueryItem(QStringLiteral("interval"), QStringLiteral("1"));
    q.addQueryItem(QStringLiteral("start"), QString::number(fromMs));
    q.addQueryItem(QStringLiteral("end"), QString::number(toMs));
    q.addQueryItem(QStringLiteral("limit"), QString::number(candleLimit()));
    url.setQuery(q);
    return { url, {} };
}

engine::Result<std::vector<LiveCandle>> BybitProtocol::parseCandles(const QByteArray& body) const
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return engine::Error { "kline", "the response is not a JSON object" };
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("retCode")).toInt(-1) != 0)
        return engine::Error { "retCode",
            "the venue refused: " + o.value(QLatin1String("retMsg")).toString().toStdString() };
    const QJsonArray rows = o.value(QLatin1String("result")).toObject().value(QLatin1String("list")).toArray();
    std::vector<LiveCandle> out;
    // Bybit lists the newest first.
    for (qsizetype i = rows.size() - 1; i >= 0; --i) {
        const QJsonArray a = rows.at(i).toArray();
        const std::string field = "result.list[" + std::to_string(i) + "]";
        if (auto added = appendCandleRow(out, a, field); !added)
            return added.error();
    }
    return out;
}

} // namespace levlab::model
