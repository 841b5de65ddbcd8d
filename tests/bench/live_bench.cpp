// Frames per second through each venue's parser, for its mark and trade frames
// (target: at least 200,000 frames/s each). The frames follow the recorded ones
// (shared/data/feeds); times and ids rise from frame to frame so every one is accepted.
#include "core/model/live/venue_protocol.h"

#include <benchmark/benchmark.h>

#include <QDateTime>

#include <functional>

namespace {

using namespace levlab::model;

constexpr int kFrames = 4096;

std::vector<QByteArray> frames(const std::function<QByteArray(qint64)>& make)
{
    std::vector<QByteArray> out;
    out.reserve(kFrames);
    for (qint64 i = 0; i < kFrames; ++i)
        out.push_back(make(i));
    return out;
}

void run(benchmark::State& state, LiveVenue venue, const char* symbol, const std::vector<QByteArray>& input)
{
    auto p = VenueProtocol::create(venue, QString::fromLatin1(symbol));
    std::size_t i = 0;
    std::size_t data = 0;
    for (auto _ : state) {
        if (i == input.size()) {
            i = 0;
            p->reset();  // the times start over: a new connection
        }
        const FrameResult r = p->parse(input[i++], 1760325052630);
        data += r.kind == FrameKind::Data;
        benchmark::DoNotOptimize(r.quote.mark);
    }
    if (data != std::size_t(state.iterations()))
        state.SkipWithError("a frame was not accepted as data");
    state.SetItemsProcessed(state.iterations());
}

QByteArray n(qint64 v) { return QByteArray::number(v); }

void BM_BinanceMark(benchmark::State& state)
{
    static const auto input = frames([](qint64 i) {
        return R"({"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":)" + n(1617308820003 + i * 1000)
               + R"(,"s":"BTCUSDT","p":"58940.14924532","P":"58905.14663658","i":"58857.26693664","r":"0.00058455","T":1617321600000}})";
    });
    run(state, LiveVenue::BinanceUsdm, "BTCUSDT", input);
}

void BM_BinanceTrade(benchmark::State& state)
{
    static const auto input = frames([](qint64 i) {
        return R"({"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1616202009196,"a":)" + n(389551486 + i)
               + R"(,"s":"BTCUSDT","p":"58665.00","q":"0.043","f":621622993,"l":621622993,"T":)" + n(1616202009188 + i)
               + R"(,"m":false}})";
    });
    run(state, LiveVenue::BinanceUsdm, "BTCUSDT", input);
}

void BM_BybitTicker(benchmark::State& state)
{
    static const auto input = frames([](qint64 i) {
        return R"({"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT","tickDirection":"MinusTick","price24hPcnt":"-0.158315","lastPrice":"66666.60","prevPrice24h":"79206.20","highPrice24h":"79266.30","lowPrice24h":"65076.90","prevPrice1h":"66666.60","markPrice":"66666.60","indexPrice":"115418.19","openInterest":"492373.72","openInterestValue":"32824881841.75","turnover24h":"4936790807.6521","volume24h":"73191.3870","fundingIntervalHour":"8","fundingCap":"0.005","nextFundingTime":"1760342400000","fundingRate":"-0.005","bid1Price":"66666.60","bid1Size":"23789.165","ask1Price":"66666.70","ask1Size":"23775.469","preOpenPrice":"","preQty":"","curPreListingPhase":""},"cs":9532239429,"ts":)"
               + n(1760325052630 + i * 100) + "}";
    });
    run(state, LiveVenue::BybitLinear, "BTCUSDT", input);
}

void BM_BybitTrade(benchmark::State& state)
{
    static const auto input = frames([](qint64 i) {
        return R"({"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1672304486868,"data":[{"T":)" + n(1672304486865 + i)
               + R"(,"s":"BTCUSDT","S":"Buy","v":"0.001","p":"16578.50","L":"PlusTick","i":"20f43950-d8dd-5b31-9112-a178eb6023af","BT":false}]})";
    });
    run(state, LiveVenue::BybitLinear, "BTCUSDT", input);
}

void BM_BitmexInstrumentUpdate(benchmark::State& state)
{
    static const auto input = frames([](qint64 i) {
        if (i == 0)
            return QByteArray(R"({"table":"instrument","action":"partial","keys":["symbol"],"data":[{"symbol":"XBTUSD","markPrice":9345.36,"lastPrice":9352,"indicativeSettlePrice":9344.93,"fundingRate":0.000106,"fundingTimestamp":"2020-02-02T04:00:00.000Z","fundingInterval":"2000-01-01T08:00:00.000Z","timestamp":"2020-02-02T00:30:43.772Z"}]})");
        const qint64 ms = 1580603443772 + i * 100;
        const QByteArray iso = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
        return R"({"table":"instrument","action":"update","data":[{"symbol":"XBTUSD","markPrice":9346.01,"timestamp":")" + iso
               + R"("}]})";
    });
    run(state, LiveVenue::Bitmex, "XBTUSD", input);
}

void BM_BitmexTrade(benchmark::State& state)
{
    static const auto input = frames([](qint64 i) {
        const QByteArray iso = QDateTime::fromMSecsSinceEpoch(1626993371685 + i, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
        return R"({"table":"trade","action":")" + QByteArray(i == 0 ? "partial" : "insert") + R"(","data":[{"timestamp":")" + iso
               + R"(","symbol":"XBTUSD","side":"Buy","size":100,"price":32180.5,"tickDirection":"PlusTick","trdMatchID":"6e70bebe-235e-08a6-d11b-e1042bf1f2ed","grossValue":310747,"homeNotional":0.00310747,"foreignNotional":100}]})";
    });
    run(state, LiveVenue::Bitmex, "XBTUSD", input);
}

void BM_HyperliquidAssetContext(benchmark::State& state)
{
    static const auto input = frames([](qint64) {
        return QByteArray(R"({"channel":"activeAssetCtx","data":{"coin":"BTC","ctx":{"funding":"0.00004863","openInterest":"18617460.0","prevDayPx":"0.20296","dayNtlVlm":"7665220.55613","premium":"0.00008521","oraclePx":"69990.0","markPx":"69997.0","midPx":"69996.5","impactPxs":["69996.0","69997.0"]}}})");
    });
    run(state, LiveVenue::Hyperliquid, "BTC", input);
}

void BM_HyperliquidTrades(benchmark::State& state)
{
    static const auto input = frames([](qint64 i) {
        return R"({"channel":"trades","data":[{"coin":"BTC","side":"B","px":"69997.0","sz":"0.38111","time":)" + n(1730160006192 + i)
               + R"(,"hash":"0x40d169aa50ad8a32b44a04156eee0201d8002e5c6456b7c1ae175e381f73f9dd","tid":)" + n(1016375172059570 + i) + "}]}";
    });
    run(state, LiveVenue::Hyperliquid, "BTC", input);
}

}  // namespace

BENCHMARK(BM_BinanceMark);
BENCHMARK(BM_BinanceTrade);
BENCHMARK(BM_BybitTicker);
BENCHMARK(BM_BybitTrade);
BENCHMARK(BM_BitmexInstrumentUpdate);
BENCHMARK(BM_BitmexTrade);
BENCHMARK(BM_HyperliquidAssetContext);
BENCHMARK(BM_HyperliquidTrades);
BENCHMARK_MAIN();
