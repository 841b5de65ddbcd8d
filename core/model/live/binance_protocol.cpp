#include "core/model/live/binance_protocol.h"

#include <QJsonDocument>
#include <QUrlQuery>

namespace levlab::model {

using namespace detail;

QList<QByteArray> BinanceProtocol::subscribeFrames() const
{
    const QByteArray s = symbol().toLower().toLatin1();
    return { R"({"method":"SUBSCRIBE","params":[")" + s + R"(@markPrice@1s",")" + s + R"(@aggTrade",")" + s
        + R"(@kline_1m"],"id":1})" };
}

void BinanceProtocol::reset()
{
    m_markGate.reset();
    m_tradeGate.reset();
    m_klineGate.reset();
}

FrameResult BinanceProtocol::parse(QByteArrayView frame, qint64 /*nowMs*/)
{
    auto object = frameObject(frame);
    if (!object)
        return malformed(QStringLiteral("not a JSON object"));
    QJsonObject o = *object;
    if (o.contains(QLatin1String("id")) && o.contains(QLatin1String("result")))
        return ofKind(FrameKind::Control);
    if (o.contains(QLatin1String("error")) || o.contains(QLatin1String("code")))
        return ofKind(FrameKind::Rejected, QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    if (o.contains(QLatin1String("stream"))) {
        if (!o.value(QLatin1String("data")).isObject())
            return malformed(QStringLiteral("a combined-stream frame without data"));
        o = o.value(QLatin1String("data")).toObject();
    }
    if (o.value(QLatin1String("s")).toString().compare(symbol(), Qt::CaseInsensitive) != 0)
        return ofKind(FrameKind::Unknown, QStringLiteral("another symbol"));
    const QString event = o.value(QLatin1String("e")).toString();
    if (event == QLatin1String("markPriceUpdate"))
        return markPrice(o);
    if (event == QLatin1String("aggTrade"))
        return aggTrade(o);
    if (event == QLatin1String("kline"))
        return kline(o);
    return ofKind(FrameKind::Unknown, QStringLiteral("event \"%1\" is not followed").arg(event));
}

FrameResult BinanceProtocol::markPrice(const QJsonObject& o)
{
    const auto mark = decimal(o, QLatin1String("p"));
    const auto index = decimal(o, QLatin1String("i"));
    const auto rate = decimal(o, QLatin1String("r"));
    const auto next = millis(o, QLatin1String("T"));
    const auto time = millis(o, QLatin1String("E"));
    if (!mark.value || !(*mark.value > 0.0) || index.bad || rate.bad || next.bad || !time.value)
        return malformed(QStringLiteral("a mark-price update with a missing or bad field"));
    if (index.value && !(*index.value > 0.0))
        return malformed(QStringLiteral("a mark-price update with a bad index price"));
    if (!m_markGate.accept(*time.value))
        return ofKind(FrameKind::OutOfOrder, QStringLiteral("a mark price older than the last one"));
    FrameResult r;
    r.kind = FrameKind::Data;
    r.quote.mark = mark.value;
    r.quote.index = index.value;
    r.quote.fundingRate = rate.value;
    r.quote.nextFundingMs = next.value;
    r.quote.fundingIntervalHours = 8;
    return r;
}

FrameResult BinanceProtocol::aggTrade(const QJsonObject& o)
{
    const auto price = decimal(o, QLatin1String("p"));
    const auto size = decimal(o, QLatin1String("q"));
    const auto time = millis(o, QLatin1String("T"));
    const auto id = millis(o, QLatin1String("a"));
    const QJsonValue maker = o.value(QLatin1String("m"));
    if (!price.value || !(*price.value > 0.0) || !size.value || *size.value < 0.0 || !time.value || !id.value
        || !maker.isBool())
        return malformed(QStringLiteral("a trade with a missing or bad field"));
    if (!m_tradeGate.accept(*time.value, QString::number(*id.value)))
        return ofKind(FrameKind::OutOfOrder, QStringLiteral("a trade older than the last one, or a repeat"));
    FrameResult r;
    r.kind = FrameKind::Data;
    r.trades.push_back({ *time.value, *price.value, *size.value, !maker.toBool() });
    r.quote.last = price.value;
    return r;
}

FrameResult BinanceProtocol::kline(const QJsonObject& o)
{
    const QJsonObject k = o.value(QLatin1String("k")).toObject();
    if (k.value(QLatin1String("i")).toString() != QLatin1String("1m"))
        return ofKind(FrameKind::Unknown, QStringLiteral("a candle of another interval"));
    const auto open = millis(k, QLatin1String("t"));
    const auto o1 = decimal(k, QLatin1String("o"));
    const auto h = decimal(k, QLatin1String("h"));
    const auto l = decimal(k, QLatin1String("l"));
    const auto c = decimal(k, QLatin1String("c"));
    const auto v = decimal(k, QLatin1String("v"));
    const QJsonValue closed = k.value(QLatin1String("x"));
    if (!open.value || !o1.value || !h.value || !l.value || !c.value || !v.value || !closed.isBool())
        return malformed(QStringLiteral("a candle with a missing or bad field"));
    const LiveCandle candle { *open.value, *o1.value, *h.value, *l.value, *c.value, *v.value, closed.toBool() };
    if (!plausible(candle))
        return malformed(QStringLiteral("a candle whose prices do not hold together"));
    if (!m_klineGate.accept(candle.openMs))
        return ofKind(FrameKind::OutOfOrder, QStringLiteral("a candle older than the last one"));
    FrameResult r;
    r.kind = FrameKind::Data;
    r.candles.push_back(candle);
    r.quote.last = candle.close;
    return r;
}

RestRequest BinanceProtocol::candleRequest(const LiveEndpoints& endpoints, qint64 fromMs, qint64 toMs) const
{
    QUrl url = endpoints.rest;
    url.setPath(url.path() + QLatin1String("/fapi/v1/klines"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("symbol"), symbol().toUpper());
    q.addQueryItem(QStringLiteral("interval"), QStringLiteral("1m"));
    q.addQueryItem(QStringLiteral("startTime"), QString::number(fromMs));
    q.addQueryItem(QStringLiteral("endTime"), QString::number(toMs));
    q.addQueryItem(QStringLiteral("limit"), QString::number(candleLimit()));
    url.setQuery(q);
    return { url, {} };
}

engine::Result<std::vector<LiveCandle>> BinanceProtocol::parseCandles(const QByteArray& body) const
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isArray())
        return engine::Error { "klines", "the response is not a JSON array of candles" };
    std::vector<LiveCandle> out;
    const QJsonArray rows = doc.array();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonArray a = rows.at(i).toArray();
        const std::string field = "klines[" + std::to_string(i) + "]";
        if (auto added = appendCandleRow(out, a, field); !added)
            return added.error();
    }
    return out;
}

} // namespace levlab::model
