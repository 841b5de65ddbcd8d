// A websocket frame or REST body → every venue's parser. Whatever arrives, no
// crash, and a price is only ever a positive finite number from a Data frame.
#include "core/model/live/venue_protocol.h"
#include "tests/fuzz/invariants.h"

#include <QByteArray>

namespace {

using namespace levlab::model;

void checkPrice(const std::optional<double>& v, const char* what)
{
    if (v)
        levlab::fuzz::check(std::isfinite(*v) && *v > 0.0, std::string(what) + " is not a positive finite price");
}

void checkCandle(const LiveCandle& c)
{
    levlab::fuzz::check(c.low > 0.0 && c.low <= c.high && c.close >= c.low && c.close <= c.high
                            && std::isfinite(c.high) && std::isfinite(c.open) && c.volume >= 0.0,
                        "a candle whose prices do not hold together");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    static const std::pair<LiveVenue, const char*> sources[] = {
        {LiveVenue::BinanceUsdm, "BTCUSDT"}, {LiveVenue::BybitLinear, "BTCUSDT"},
        {LiveVenue::BybitInverse, "BTCUSD"}, {LiveVenue::Bitmex, "XBTUSD"},
        {LiveVenue::Hyperliquid, "BTC"},
    };
    for (const auto& [venue, symbol] : sources) {
        auto p = VenueProtocol::create(venue, QString::fromLatin1(symbol));
        // Twice: the second pass meets the state the first one left (a BitMEX partial, the last times).
        for (int pass = 0; pass < 2; ++pass) {
            const FrameResult r = p->parse(bytes, 1730160006192);
            if (r.kind != FrameKind::Data) {
                levlab::fuzz::check(r.quote.empty() && r.trades.empty() && r.candles.empty(),
                                    "a skipped frame carried market data");
                continue;
            }
            checkPrice(r.quote.mark, "mark");
            checkPrice(r.quote.last, "last");
            checkPrice(r.quote.index, "index");
            levlab::fuzz::finite(r.quote.fundingRate, "funding rate");
            for (const LiveTrade& t : r.trades)
                levlab::fuzz::check(std::isfinite(t.price) && t.price > 0.0 && t.size >= 0.0, "a bad trade");
            for (const LiveCandle& c : r.candles)
                checkCandle(c);
        }
        const auto rest = p->parseCandles(bytes);
        if (rest) {
            for (const LiveCandle& c : *rest)
                checkCandle(c);
        } else {
            levlab::fuzz::namesAField(rest.error());
        }
    }
    return 0;
}
