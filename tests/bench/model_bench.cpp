// What one market tick costs the plan's model while planning at market: the snapshot
// recomputed, with and without an exit ladder and margin rules (whose preview walks
// the engine's trade simulator twice), and an open ladder trade advanced one tick; and
// the simulated market's start, its history generated.
#include "core/model/feeds/market_feed.h"
#include "core/model/plan/risk_model.h"
#include "core/model/tiers/tier_library.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>

namespace {

using namespace levlab;

model::ExitLadder issueLadder(double entry)
{
    model::ExitLadder l;
    l.targets = {{entry * 1.05, 0.5}, {entry * 1.08, 0.3}, {entry * 1.12, 0.2}};
    l.stopMoves = {engine::StopMove{1, true, 0.0}};
    l.topUps = {engine::TopUpRule{0.8, 500.0, 1, std::nullopt}};
    l.deleverages = {engine::DeleverageRule{0.9, 0.5, 1}};
    return l;
}

void tick(model::RiskModel& m, qint64& t, double price)
{
    model::MarketState s = m.market();
    s.timeMs = ++t * 250;
    s.mark = s.last = s.index = price;
    m.setMarket(s);
}

void BM_MarketTickPlanning(benchmark::State& state)
{
    const auto tiers = model::TierLibrary::loadShipped();
    model::RiskModel m(tiers);
    qint64 t = 0;
    tick(m, t, 10000.0);
    model::PlanInputs in = m.inputs();
    in.size = 1.0;
    in.stopLoss = 9500.0;
    in.takeProfit = state.range(0) ? std::nullopt : std::optional(11200.0);
    (void)m.setInputs(in);
    if (state.range(0))
        (void)m.setExitLadder(issueLadder(10000.0));
    double p = 10000.0;
    for (auto _ : state) {
        p = p == 10000.0 ? 10001.0 : 10000.0;
        tick(m, t, p);
        benchmark::DoNotOptimize(m.snapshot());
    }
    state.SetLabel(state.range(0) ? "ladder and rules" : "one stop, one target");
}
BENCHMARK(BM_MarketTickPlanning)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_MarketTickOpenLadder(benchmark::State& state)
{
    const auto tiers = model::TierLibrary::loadShipped();
    model::RiskModel m(tiers);
    qint64 t = 0;
    tick(m, t, 10000.0);
    model::PlanInputs in = m.inputs();
    in.size = 1.0;
    in.stopLoss = 9000.0;
    in.takeProfit.reset();
    (void)m.setInputs(in);
    (void)m.setExitLadder(issueLadder(10000.0));
    (void)m.openAtMarket();
    double p = 10000.0;
    for (auto _ : state) {
        p = p == 10000.0 ? 10001.0 : 10000.0;  // inside the band: no step fires
        tick(m, t, p);
        benchmark::DoNotOptimize(m.snapshot());
    }
}
BENCHMARK(BM_MarketTickOpenLadder)->Unit(benchmark::kMicrosecond);

/// The simulated market's start: 100,000 one-minute bars of BTC and of the assets that follow it.
void BM_GenerateHistory(benchmark::State& state)
{
    for (auto _ : state) {
        model::MarketFeed feed(7, 60000.0, 1700000000000);
        feed.generateHistory(static_cast<std::size_t>(state.range(0)));
        benchmark::DoNotOptimize(feed.candles().series(model::Timeframe::M1).back());
    }
}
BENCHMARK(BM_GenerateHistory)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
