// A plan replayed through real history, as the window and `levlab-cli replay` run it: every
// bar walked along its path, each point a market update of the plan model, funding settled.
#include "core/model/history/funding_import.h"
#include "core/model/history/price_import.h"
#include "core/model/plan/risk_model.h"
#include "core/model/replay/replay_journal.h"
#include "core/model/replay/replay_source.h"
#include "core/model/tiers/tier_library.h"
#include "tests/core/market_data.h"

#include <benchmark/benchmark.h>

namespace {

using namespace levlab;

/// March 2020 (44,640 one-minute bars) against a 1× isolated short that never exits, with the
/// BitMEX funding history (93 settlements in the month): the whole month, bar by bar.
void BM_ReplayMarch2020(benchmark::State& state)
{
    const auto prices = test::marketDataFile("bitmex/bitmex_XBTUSD_1m_2020-03.csv");
    const auto funding = test::marketDataFile("funding/bitmex_XBTUSD_funding_2016-05_2020-11.csv");
    if (!prices || !funding) {
        state.SkipWithError("market data absent (set LEVLAB_MARKET_DATA)");
        return;
    }
    const engine::PriceHistory history = model::importPriceFile(QString::fromStdString(*prices));
    const engine::FundingHistory rates = model::importFundingFile(QString::fromStdString(*funding));
    const model::TierLibrary tiers = model::TierLibrary::loadShipped();
    model::PlanInputs plan;
    plan.venue = engine::Venue::Bitmex;
    plan.symbol = QStringLiteral("XBTUSD");
    plan.side = engine::Side::Short;
    plan.size = 10000;
    plan.leverage = 1;
    plan.wallet = 10;
    plan.feeRate = 0.00075;
    std::size_t events = 0;
    for (auto _ : state) {
        model::RiskModel risk(tiers);
        model::ReplaySource source(QStringLiteral("bench"), plan.symbol, history.bars);
        source.setFunding(rates.settlements);
        QObject::connect(&source, &model::MarketSource::advanced, &risk,
                         [&] { risk.setMarket(source.state(risk.inputs().symbol)); });
        model::ReplayJournal journal(risk, source);
        risk.setMarket(source.state());
        risk.setInputs(plan);
        risk.openAtMarket();
        model::playToExit(source, risk);
        events = journal.events().size();
        benchmark::DoNotOptimize(events);
    }
    state.counters["bars"] = static_cast<double>(history.bars.size());
    state.counters["events"] = static_cast<double>(events);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * history.bars.size()));
}
BENCHMARK(BM_ReplayMarch2020)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
