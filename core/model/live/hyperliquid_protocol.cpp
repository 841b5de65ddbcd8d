#include "core/model/live/hyperliquid_protocol.h"

#include <QJsonDocument>

namespace levlab::model {

using namespace detail;

namespace {
constexpr qint64 kHourMs = 3600 * 1000;
}

QList<QByteArray> HyperliquidProtocol::subscribeFrames() const
{
    const QByteArray coin = symbol().toLatin1();
    return {R"({"method":"subscribe","subscription":{"type":"activeAssetCtx","coin":")" + coin + R"("}})",
            R"({"method":"subscribe","subscription":{"type":"trades","coin":")" + coin + R"("}})",
            R"({"method":"subscribe","subscription":{"type":"candle","coin":")" + coin + R"(","interval":"1m"}})"};
}

void HyperliquidProtocol::reset()
{
    m_tradeGate.reset();
    m_candleGate.reset();
}

FrameResult HyperliquidProtocol::parse(QByteArrayView frame, qint64 nowMs)
{
    const auto object = frameObject(frame);
    if (!object)
        return malformed(QStringLiteral("not a JSON object"));
    const QString channel = object->value(QLatin1String("channel")).toString();
    const QJsonValue data = object->value(QLatin1String("data"));
    if (channel == QLatin1String("pong"))
        return ofKind(FrameKind::Pong);
    if (channel == QLatin1String("subscriptionResponse"))
        return ofKind(FrameKind::Control);
    if (channel == QLatin1String("error"))
        return ofKind(FrameKind::Rejected, data.toString());
    if (channel == QLatin1String("activeAssetCtx"))
        return assetContext(data.toObject(), nowMs);
    if (channel == QLatin1String("trades"))
        return trades(data.toArray());
    if (channel == QLatin1String("candle"))
        return candle(data.toObject());
    return ofKind(FrameKind::Unknown, QStringLiteral("channel \"%1\" is not followed").arg(channel));
}

FrameResult HyperliquidProtocol::assetContext(const QJsonObject& data, qint64 nowMs) const
{
    if (data.value(QLatin1String("coin")).toString() != symbol())
        return ofKind(FrameKind::Unknown, QStringLiteral("another coin"));
    const QJsonObject ctx = data.value(QLatin1String("ctx")).toObject();
    const auto mark = decimal(ctx, QLatin1String("markPx"));
    const auto oracle = decimal(ctx, QLatin1String("oraclePx"));
    const auto rate = decimal(ctx, QLatin1String("funding"));
    if (!mark.value || !(*mark.value > 0.0) || oracle.bad || rate.bad || (oracle.value && !(*oracle.value > 0.0)))
        return malformed(QStringLiteral("an asset context with a missing or bad field"));
    FrameResult r;
    r.kind = FrameKind::Data;
    r.quote.mark = mark.value;
    r.quote.index = oracle.value;
    r.quote.fundingRate = rate.value;
    r.quote.fundingIntervalHours = 1;
    if (nowMs > 0)
        r.quote.nextFundingMs = (nowMs / kHourMs + 1) * kHourMs;
    return r;
}

FrameResult HyperliquidProtocol::trades(const QJsonArray& rows)
{
    FrameResult r;
    r.kind = FrameKind::Data;
    bool ours = false;
    for (const QJsonValue& row : rows) {
        const QJsonObject t = row.toObject();
        if (t.value(QLatin1String("coin")).toString() != symbol())
            continue;
        ours = true;
        const auto time = millis(t, QLatin1String("time"));
        const auto price = decimal(t, QLatin1String("px"));
        const auto size = decimal(t, QLatin1String("sz"));
        const auto tid = millis(t, QLatin1String("tid"));
        const QString side = t.value(QLatin1String("side")).toString();
        if (!time.value || !price.value || !(*price.value > 0.0) || !size.value || *size.value < 0.0
            || (side != QLatin1String("B") && side != QLatin1String("A")))
            return malformed(QStringLiteral("a trade with a missing or bad field"));
        if (!m_tradeGate.accept(*time.value, tid.value ? QString::number(*tid.value) : QString()))
            continue;
        r.trades.push_back({*time.value, *price.value, *size.value, side == QLatin1String("B")});
    }
    if (!ours)
        return ofKind(FrameKind::Unknown, QStringLiteral("trades of another coin"));
    if (r.trades.empty())
        return ofKind(FrameKind::OutOfOrder, QStringLiteral("no trade newer than the last one"));
    r.quote.last = r.trades.back().price;
    return r;
}

std::optional<LiveCandle> hyperliquidCandle(const QJsonObject& o)
{
    const auto t = millis(o, QLatin1String("t"));
    const auto open = decimal(o, QLatin1String("o"));
    const auto h = decimal(o, QLatin1String("h"));
    const auto l = decimal(o, QLatin1String("l"));
    const auto c = decimal(o, QLatin1String("c"));
    const auto v = decimal(o, QLatin1String("v"));
    if (!t.value || !open.value || !h.value || !l.value || !c.value || !v.value)
        return std::nullopt;
    const LiveCandle candle{*t.value, *open.value, *h.value, *l.value, *c.value, *v.value, false};
    if (!plausible(candle))
        return std::nullopt;
    return candle;
}

FrameResult HyperliquidProtocol::candle(const QJsonObject& data)
{
    if (data.value(QLatin1String("s")).toString() != symbol())
        return ofKind(FrameKind::Unknown, QStringLiteral("a candle of another coin"));
    if (data.value(QLatin1String("i")).toString() != QLatin1String("1m"))
        return ofKind(FrameKind::Unknown, QStringLiteral("a candle of another interval"));
    const auto c = hyperliquidCandle(data);
    if (!c)
        return malformed(QStringLiteral("a candle with a missing or bad field"));
    if (!m_candleGate.accept(c->openMs))
        return ofKind(FrameKind::OutOfOrder, QStringLiteral("a candle older than the last one"));
    FrameResult r;
    r.kind = FrameKind::Data;
    r.candles.push_back(*c);
    r.quote.last = c->close;
    return r;
}

RestRequest HyperliquidProtocol::candleRequest(const LiveEndpoints& endpoints, qint64 fromMs, qint64 toMs) const
{
    QUrl url = endpoints.rest;
    url.setPath(url.path() + QLatin1String("/info"));
    const QByteArray body = R"({"type":"candleSnapshot","req":{"coin":")" + symbol().toLatin1()
                            + R"(","interval":"1m","startTime":)" + QByteArray::number(fromMs) + R"(,"endTime":)"
                            + QByteArray::number(toMs) + "}}";
    return {url, body};
}

engine::Result<std::vector<LiveCandle>> HyperliquidProtocol::parseCandles(const QByteArray& body) const
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isArray())
        return engine::Error{"candleSnapshot", "the response is not a JSON array of candles"};
    std::vector<LiveCandle> out;
    const QJsonArray rows = doc.array();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const std::string field = "candleSnapshot[" + std::to_string(i) + "]";
        auto c = hyperliquidCandle(rows.at(i).toObject());
        if (!c)
            return engine::Error{field, "a candle with a missing or bad number, or prices that do not hold together"};
        if (!out.empty() && c->openMs <= out.back().openMs)
            return engine::Error{field, "candles out of time order"};
        c->closed = true;
        out.push_back(*c);
    }
    return out;
}

}  // namespace levlab::model
