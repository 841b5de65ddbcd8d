// Opening a .levlab file: reading it and putting it into the models and the market.
#include "core/model/file/document.h"
#include "core/model/file/document_binding.h"
#include "tests/core/model/file/document_session.h"

#include <QCoreApplication>

#include <benchmark/benchmark.h>

namespace {

using namespace levlab::model;

/// A 200-position portfolio (and a plan) saved from a market with `historyMinutes` of history.
QByteArray portfolioFile(const TierLibrary& tiers, std::size_t historyMinutes)
{
    MarketFeed feed(20240101, 42000.0, 1704067200000);
    feed.setSpeed(0.0);
    feed.generateHistory(240);
    PortfolioModel portfolio(tiers);
    RiskModel risk(tiers);
    risk.setMarket(feed.state());
    QHash<QString, double> marks{{QStringLiteral("BTC"), feed.markOf(QStringLiteral("BTC"))}};
    for (const auto& f : feed.followers())
        marks.insert(f.symbol(), f.price());
    portfolio.setMarks(marks, feed.lastTick().fundingRate);
    portfolio.setWallet(2'000'000.0);
    const char* symbols[]{"BTCUSDT", "ETHUSDT", "SOLUSDT"};
    for (int i = 0; i < 200; ++i) {
        Holding h;
        h.symbol = QLatin1String(symbols[i % 3]);
        h.side = i % 2 ? levlab::engine::Side::Short : levlab::engine::Side::Long;
        h.quantity = (i % 3 == 0 ? 0.01 : i % 3 == 1 ? 0.3 : 5.0) * (1 + i % 7);
        h.leverage = 2.0 + i % 9;
        h.mode = i % 4 == 0 ? levlab::engine::MarginMode::Isolated : levlab::engine::MarginMode::Cross;
        portfolio.add(h);
    }
    Document doc = captureDocument(risk, portfolio, feed, {});
    doc.market.historyMinutes = historyMinutes;  // what opening it regenerates
    return writeDocument(doc);
}

/// Reading the file and applying it (target: under 50 ms). A file asks for at most a week
/// (10,080 minutes) of history to regenerate.
void BM_OpenPortfolio200(benchmark::State& state)
{
    const TierLibrary tiers = TierLibrary::loadShipped();
    const QByteArray bytes = portfolioFile(tiers, static_cast<std::size_t>(state.range(0)));
    levlab::model::testing::Session session(tiers);
    for (auto _ : state) {
        auto doc = readDocument(bytes);
        if (!doc || !applyDocument(doc.value(), session.risk, session.portfolio, session.feed)) {
            state.SkipWithError("the file was refused");
            break;
        }
        benchmark::DoNotOptimize(session.portfolio.snapshot().account.equity);
    }
    state.counters["bytes"] = static_cast<double>(bytes.size());
}
BENCHMARK(BM_OpenPortfolio200)->Arg(240)->Arg(static_cast<int>(MarketFeed::kPointHistoryMinutes))->Unit(benchmark::kMillisecond);

/// Reading alone: the strict reader with line and column tracking.
void BM_ReadPortfolio200(benchmark::State& state)
{
    const TierLibrary tiers = TierLibrary::loadShipped();
    const QByteArray bytes = portfolioFile(tiers, 240);
    for (auto _ : state)
        benchmark::DoNotOptimize(readDocument(bytes));
}
BENCHMARK(BM_ReadPortfolio200)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
