#include "core/engine/account/account.h"
#include "core/engine/history/price_history.h"
#include "core/engine/stress/history_stress.h"
#include "core/engine/stress/plan_stress.h"
#include "tests/core/market_data.h"

#include <benchmark/benchmark.h>

#include <fstream>
#include <string>

namespace {

using namespace levlab::engine;

BracketTable binanceBtc()
{
    BracketTable t;
    t.brackets = {{0, 50000, 0.004, 0, 125},          {50000, 250000, 0.005, 50, 100},
                  {250000, 1000000, 0.01, 1300, 50},  {1000000, 10000000, 0.025, 16300, 20},
                  {10000000, 20000000, 0.05, 266300, 10}, {20000000, 50000000, 0.10, 1266300, 5}};
    return t;
}

PositionInput position(int i, MarginMode mode)
{
    PositionInput p;
    p.id = "p" + std::to_string(i);
    p.symbol = "BTCUSDT";
    p.side = i % 3 == 0 ? Side::Short : Side::Long;
    p.quantity = 0.5 + 0.01 * i;
    p.entryPrice = 30000.0 + 10.0 * i;
    p.markPrice = 30500.0;
    p.mode = mode;
    p.leverage = 10;
    p.brackets = binanceBtc();
    p.feeRate = 0.0004;
    p.fundingRate = 0.0001;
    return p;
}

/// One position, everything the engine reports for it (target: < 1 µs).
void BM_OnePositionFullResult(benchmark::State& state)
{
    const PositionInput p = position(1, MarginMode::Isolated);
    const Venue venue = static_cast<Venue>(state.range(0));
    for (auto _ : state) {
        auto r = evaluatePosition(venue, p);
        benchmark::DoNotOptimize(r);
    }
    state.SetLabel(std::string(venueName(venue)));
}
BENCHMARK(BM_OnePositionFullResult)->DenseRange(0, 6)->Unit(benchmark::kNanosecond);

/// A 100-position cross account: every liquidation price and the account shock (target: < 50 µs).
void BM_CrossAccount100(benchmark::State& state)
{
    AccountInput acc;
    acc.venue = static_cast<Venue>(state.range(0));
    acc.walletBalance = 400000;
    for (int i = 0; i < 100; ++i)
        acc.positions.push_back(position(i, MarginMode::Cross));
    for (auto _ : state) {
        auto r = evaluateAccount(acc);
        if (!r.ok() || !r->shockToLiquidation)
            state.SkipWithError("evaluation failed");
        benchmark::DoNotOptimize(r);
    }
    state.SetLabel(std::string(venueName(acc.venue)));
}
BENCHMARK(BM_CrossAccount100)->Arg(static_cast<int>(Venue::Binance))->Arg(static_cast<int>(Venue::Textbook))->Unit(benchmark::kMicrosecond);

/// Peak resident memory of the process so far, in MB (Linux: VmHWM).
double peakRssMb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0;
    }
    return 0.0;
}

/// 100,000 positions in one account, half cross and half isolated, every venue rule
/// with its table: every figure, every liquidation price and the cross account's shock
/// (target: < 1 s and < 300 MB peak, inputs included).
void BM_Account100k(benchmark::State& state)
{
    AccountInput acc;
    acc.venue = static_cast<Venue>(state.range(0));
    acc.walletBalance = 4e9;
    acc.positions.reserve(100000);
    for (int i = 0; i < 100000; ++i)
        acc.positions.push_back(position(i % 2000, i % 2 == 0 ? MarginMode::Cross : MarginMode::Isolated));
    for (std::size_t i = 0; i < acc.positions.size(); ++i)
        acc.positions[i].id = "p" + std::to_string(i);
    for (auto _ : state) {
        auto r = evaluateAccount(acc);
        if (!r.ok())
            state.SkipWithError(r.error().message().c_str());
        benchmark::DoNotOptimize(r);
    }
    state.counters["peak_rss_mb"] = peakRssMb();
    state.SetLabel(std::string(venueName(acc.venue)));
}
BENCHMARK(BM_Account100k)->Arg(static_cast<int>(Venue::Binance))->Arg(static_cast<int>(Venue::Okx))->Unit(benchmark::kMillisecond);

/// A 10× long with a three-rung ladder, break-even after the first, a 1% trailing
/// stop and a top-up rule. `wide` puts every level out of a day's reach, so each
/// path runs its full 1,440 minutes (the worst case for time).
TradePlan stressedPlan(bool wide)
{
    TradePlan plan;
    plan.venue = Venue::Binance;
    plan.position = position(1, MarginMode::Isolated);
    plan.position.entryPrice = 30000.0;
    plan.position.markPrice.reset();
    const double k = wide ? 10.0 : 1.0;
    plan.exits.stopLoss = 30000.0 * (1.0 - 0.01 * k);
    plan.exits.targets = {{30000.0 * (1.0 + 0.005 * k), 0.5}, {30000.0 * (1.0 + 0.01 * k), 0.3}, {30000.0 * (1.0 + 0.02 * k), 0.2}};
    plan.exits.stopMoves = {StopMove{1, true, 0.0}};
    plan.exits.trailing = TrailingStop{0.01, false, 30000.0 * (1.0 + 0.015 * k)};
    plan.exits.topUps = {TopUpRule{0.6, 100.0, 3, std::nullopt}};
    return plan;
}

/// 10,000 one-day paths at one-minute resolution, the plan with and without its
/// ladder and rules on each (target: < 2 s on two cores). Args: threads, regime, wide.
void BM_StressPlan10k(benchmark::State& state)
{
    StressRunOptions o;
    o.paths = 10000;
    o.threads = static_cast<unsigned>(state.range(0));
    o.regime = static_cast<market::Regime>(state.range(1));
    const TradePlan plan = stressedPlan(state.range(2) != 0);
    std::size_t open = 0;
    for (auto _ : state) {
        auto r = stressPlan(plan, o);
        if (!r.ok())
            state.SkipWithError(r.error().message().c_str());
        else
            open = r->plain.counts[static_cast<std::size_t>(TradeOutcome::OpenAtEnd)];
        benchmark::DoNotOptimize(r);
    }
    state.counters["plain_open_all_day"] = static_cast<double>(open);
    state.SetLabel(std::string(market::regimeName(o.regime)) + (state.range(2) != 0 ? ", levels out of reach" : ", levels in reach"));
}
BENCHMARK(BM_StressPlan10k)
    ->Args({1, static_cast<int>(market::Regime::Calm), 1})
    ->Args({2, static_cast<int>(market::Regime::Calm), 1})
    ->Args({2, static_cast<int>(market::Regime::CrashProne), 1})
    ->Args({2, static_cast<int>(market::Regime::CrashProne), 0})
    ->Args({2, static_cast<int>(market::Regime::Trend), 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

/// The same plan over every entry of a real history, each held a day, with and without
/// its ladder and rules (stressPlanOverHistory). Args: file (0: Binance BTCUSDT hourly,
/// 36,062 bars; 1: BitMEX XBTUSD one-minute, March 2020, 44,640 bars), threads.
void BM_StressPlanOverHistory(benchmark::State& state)
{
    const char* file = state.range(0) == 0 ? "hourly/Binance_BTCUSDT_1h.csv" : "bitmex/bitmex_XBTUSD_1m_2020-03.csv";
    const auto path = levlab::test::marketDataFile(file);
    if (!path) {
        state.SkipWithError("market data not found (set LEVLAB_MARKET_DATA)");
        return;
    }
    const PriceHistory h = importCsvPrices(levlab::test::readAll(*path));
    HistoryRunOptions o;
    o.intervalSeconds = h.report.intervalSeconds;
    o.threads = static_cast<unsigned>(state.range(1));
    const TradePlan plan = stressedPlan(false);
    std::size_t entries = 0;
    for (auto _ : state) {
        auto r = stressPlanOverHistory(plan, h.bars, o);
        if (!r.ok())
            state.SkipWithError(r.error().message().c_str());
        else
            entries = r->entries;
        benchmark::DoNotOptimize(r);
    }
    state.counters["entries"] = static_cast<double>(entries);
    state.SetLabel(file);
}
BENCHMARK(BM_StressPlanOverHistory)->Args({0, 2})->Args({1, 2})->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
