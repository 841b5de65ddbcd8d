#include "core/engine/history/odds.h"
#include "core/engine/history/price_history.h"
#include "core/engine/history/time_text.h"
#include "tests/core/market_data.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>

namespace {

using namespace levlab::engine;

/// `n` one-minute BitMEX-style rows (ISO end times, 13 columns), a random walk from 40,000.
std::string millionRowCsv(std::size_t n)
{
    std::mt19937_64 rng(42);
    std::normal_distribution<double> step(0.0, 0.001);
    std::string out = "timestamp,symbol,open,high,low,close,trades,volume,vwap,lastSize,turnover,homeNotional,foreignNotional\n";
    out.reserve(n * 120);
    double price = 40000.0;
    std::int64_t t = 1577836800;
    char line[256];
    for (std::size_t i = 0; i < n; ++i) {
        const double open = price;
        const double close = std::round(open * std::exp(step(rng)) * 2.0) / 2.0;
        const double high = std::max(open, close) + 0.5;
        const double low = std::min(open, close) - 0.5;
        std::string when = isoMinute(t + 60);  // "2020-01-01 00:01" → "2020-01-01T00:01"
        when[10] = 'T';
        std::snprintf(line, sizeof line, "%s:00.000Z,XBTUSD,%.1f,%.1f,%.1f,%.1f,100,500000,%.4f,10,1234567890,%.8f,500000\n",
                      when.c_str(), open, high, low, close, (open + close) / 2.0, 500000.0 / close);
        out += line;
        price = close;
        t += 60;
    }
    return out;
}

/// 1,000,000-row CSV through the importer: parse, sort check, de-duplicate, report (target < 1.5 s).
void BM_ImportMillionRowCsv(benchmark::State& state)
{
    const std::string text = millionRowCsv(1000000);
    for (auto _ : state) {
        PriceHistory h = importCsvPrices(text);
        if (h.bars.size() != 1000000)
            state.SkipWithError("the generated file did not import whole");
        benchmark::DoNotOptimize(h);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_ImportMillionRowCsv)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Binance_BTCUSDT_1h.csv: 36,062 rows, two interleaved formats (target < 50 ms).
void BM_ImportBinanceHourly(benchmark::State& state)
{
    const auto path = levlab::test::marketDataFile("hourly/Binance_BTCUSDT_1h.csv");
    if (!path) {
        state.SkipWithError("market data not found (set LEVLAB_MARKET_DATA)");
        return;
    }
    const std::string text = levlab::test::readAll(*path);
    for (auto _ : state) {
        PriceHistory h = importCsvPrices(text);
        benchmark::DoNotOptimize(h);
    }
}
BENCHMARK(BM_ImportBinanceHourly)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The full odds grid over 1,000,000 one-minute bars: 19 leverages (1x … 125x, Binance BTCUSDT rows),
/// 6 holding periods (1 h … 30 d), both sides, with a stop (target < 1 s).
void BM_OddsFullGridMillionBars(benchmark::State& state)
{
    const PriceHistory h = importCsvPrices(millionRowCsv(1000000));
    OddsPosition plan;
    plan.venue = Venue::Binance;
    plan.position.quantity = 0.5;
    plan.position.entryPrice = 40000.0;
    plan.position.leverage = 10.0;
    plan.position.brackets.brackets = {{0, 50000, 0.004, 0, 125}, {50000, 250000, 0.005, 50, 100}};
    plan.position.feeRate = 0.0004;
    plan.stopDistance = 0.02;
    const std::vector<double> leverages{1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 100, 125};
    const std::vector<double> hours{1, 4, 24, 72, 168, 720};
    for (auto _ : state) {
        auto grid = liquidationOdds(h.bars, 60, plan, leverages, hours);
        if (!grid)
            state.SkipWithError(grid.error().message().c_str());
        benchmark::DoNotOptimize(grid);
    }
    state.counters["cells"] = static_cast<double>(2 * leverages.size() * hours.size());
}
BENCHMARK(BM_OddsFullGridMillionBars)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The grid the Odds dock counts for Black Thursday's month: 44,640 BitMEX XBTUSD minutes, 18
/// leverages (1x … 100x), 6 holding periods, both sides, with a stop. The dock counts it off the
/// GUI thread, so a grid slower than a frame never stalls the window.
void BM_OddsCrashLabMonth(benchmark::State& state)
{
    const auto path = levlab::test::marketDataFile("bitmex/bitmex_XBTUSD_1m_2020-03.csv");
    if (!path) {
        state.SkipWithError("market data not found (set LEVLAB_MARKET_DATA)");
        return;
    }
    const PriceHistory h = importCsvPrices(levlab::test::readAll(*path));
    OddsPosition plan;
    plan.venue = Venue::Bitmex;
    plan.position.contract.kind = ContractKind::Inverse;
    plan.position.quantity = 10000.0;
    plan.position.entryPrice = 7931.5;
    plan.position.leverage = 10.0;
    plan.position.mmRate = 0.005;
    plan.position.feeRate = 0.00075;
    plan.stopDistance = 0.02;
    const std::vector<double> leverages{1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 100};
    const std::vector<double> hours{1, 4, 24, 72, 168, 720};
    for (auto _ : state) {
        auto grid = liquidationOdds(h.bars, 60, plan, leverages, hours);
        if (!grid)
            state.SkipWithError(grid.error().message().c_str());
        benchmark::DoNotOptimize(grid);
    }
    state.counters["cells"] = static_cast<double>(2 * leverages.size() * hours.size());
}
BENCHMARK(BM_OddsCrashLabMonth)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
