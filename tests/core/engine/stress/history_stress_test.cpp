// A plan over every entry of a price history: each bar's open is an entry, held for the
// period, the plan moved to that price; the counts equal a replay of each entry one by
// one, and a small hand-made history gives the hand-worked outcomes.
#include "core/engine/stress/history_stress.h"

#include "core/engine/history/odds.h"
#include "core/engine/history/price_history.h"
#include "tests/core/engine/test_positions.h"
#include "tests/core/market_data.h"

#include <gtest/gtest.h>

namespace {

using namespace levlab::engine;

Bar bar(std::int64_t time, double open, double high, double low, double close) { return Bar{time, open, high, low, close, 0.0, 0.0}; }

/// Five hourly bars: up through 104 and 108, then down to 100 and 90.
std::vector<Bar> handMade()
{
    return {bar(0, 100, 105, 99, 104), bar(3600, 104, 109, 103, 108), bar(7200, 108, 108, 100, 101),
            bar(10800, 101, 101, 90, 92), bar(14400, 92, 95, 91, 94)};
}

/// 1 long at 100, 10× isolated, no fees: stop 95, half off at 104 and at 108, the stop
/// to break-even (100) after the first.
TradePlan ladder()
{
    TradePlan plan;
    plan.position = test::linear(Side::Long, 1.0, 100.0, 10.0, 0.005);
    plan.exits.stopLoss = 95.0;
    plan.exits.targets = {{104.0, 0.5}, {108.0, 0.5}};
    plan.exits.stopMoves = {StopMove{1, true, 0.0}};
    return plan;
}

HistoryRunOptions twoHours()
{
    HistoryRunOptions o;
    o.hours = 2.0;
    o.intervalSeconds = 3600;
    return o;
}

TEST(HistoryStress, EntriesAreTheBarsWhoseWholePeriodIsInTheData)
{
    // The data end at 18,000 s (last open + 1 h): a 2 h period fits from 0, 3600, 7200, 10800.
    const auto bars = handMade();
    EXPECT_EQ(entryBars(bars, twoHours(), 0), 2u);
    EXPECT_EQ(entryBars(bars, twoHours(), 3), 2u);
    EXPECT_EQ(entryBars(bars, twoHours(), 4), 0u);
    HistoryRunOptions o = twoHours();
    o.hours = 5.0;
    EXPECT_EQ(entryBars(bars, o, 0), 5u);
    EXPECT_EQ(entryBars(bars, o, 1), 0u);
    o.hours = 5.5;
    EXPECT_FALSE(stressPlanOverHistory(ladder(), bars, o).ok());
}

TEST(HistoryStress, PathWalksEachBarLikeTheReplay)
{
    // Entry 2 (bearish 108 → 108 → 100 → 101, then 101 → 101 → 90 → 92), each bar's points
    // at its end time.
    const auto path = historyPath(handMade(), twoHours(), 2);
    const std::vector<double> prices{108, 108, 100, 101, 101, 101, 90, 92};
    ASSERT_EQ(path.size(), prices.size());
    for (std::size_t k = 0; k < prices.size(); ++k) {
        EXPECT_EQ(path[k].last, prices[k]) << k;
        EXPECT_EQ(path[k].mark, prices[k]) << k;
    }
    EXPECT_EQ(path[0].timeMs, 7'200'000);
    EXPECT_EQ(path[1].timeMs, 10'800'000);
    EXPECT_EQ(path[4].timeMs, 14'400'000);
}

TEST(HistoryStress, PlanMovesToEachEntryInProportion)
{
    const TradePlan p = planAtEntry(ladder(), 104.0);
    EXPECT_DOUBLE_EQ(p.position.entryPrice, 104.0);
    EXPECT_DOUBLE_EQ(p.position.quantity, 100.0 / 104.0);  // the same 100 of value
    EXPECT_DOUBLE_EQ(*p.exits.stopLoss, 98.8);
    EXPECT_DOUBLE_EQ(p.exits.targets[0].price, 108.16);
    EXPECT_DOUBLE_EQ(p.exits.targets[1].price, 112.32);
    EXPECT_EQ(p.exits.targets[0].share, 0.5);
}

TEST(HistoryStress, HandWorkedHistory)
{
    const auto r = stressPlanOverHistory(ladder(), handMade(), twoHours());
    ASSERT_TRUE(r.ok()) << r.error().message();
    ASSERT_EQ(r->entries, 4u);
    const auto& with = r->run.pathsWithRules;
    const auto& plain = r->run.pathsPlain;
    // Entry 0 at 100: 105 fills TP1 at 104 (+2 on half), 109 TP2 at 108 (+4). Plain: 108 for all (+8).
    EXPECT_EQ(with[0].outcome, TradeOutcome::Targets);
    EXPECT_NEAR(with[0].result, 6.0, 1e-9);
    EXPECT_EQ(plain[0].outcome, TradeOutcome::Targets);
    EXPECT_NEAR(plain[0].result, 8.0, 1e-9);
    // Entry 1 at 104 (100/104 BTC): TP1 at 108.16 (+2), then 100 passes break-even 104 (0).
    // Plain: stop 98.8 and target 112.32 never reached; closed at 101 at the end (−3 × 100/104).
    EXPECT_EQ(with[1].outcome, TradeOutcome::BreakEven);
    EXPECT_NEAR(with[1].result, 2.0, 1e-9);
    EXPECT_EQ(plain[1].outcome, TradeOutcome::OpenAtEnd);
    EXPECT_NEAR(plain[1].result, -300.0 / 104.0, 1e-9);
    // Entries 2 (108) and 3 (101): the stop 5% below, before liquidation about 9.5% below: −5.
    for (std::size_t i : {2u, 3u}) {
        EXPECT_EQ(with[i].outcome, TradeOutcome::Stop) << i;
        EXPECT_NEAR(with[i].result, -5.0, 1e-9) << i;
        EXPECT_EQ(plain[i].outcome, TradeOutcome::Stop) << i;
        EXPECT_NEAR(plain[i].result, -5.0, 1e-9) << i;
    }
    const OutcomeSummary& s = r->run.withRules;
    EXPECT_EQ(s.counts[static_cast<std::size_t>(TradeOutcome::Targets)], 1u);
    EXPECT_EQ(s.counts[static_cast<std::size_t>(TradeOutcome::BreakEven)], 1u);
    EXPECT_EQ(s.counts[static_cast<std::size_t>(TradeOutcome::Stop)], 2u);
    EXPECT_NEAR(s.median, -1.5, 1e-9);       // (−5 + 2) ÷ 2
    EXPECT_NEAR(s.percentile5, -5.0, 1e-9);  // the ⌈0.05 × 4⌉ = 1st smallest
    EXPECT_NEAR(s.mean, -0.5, 1e-9);         // (6 + 2 − 5 − 5) ÷ 4
    // The worst is one of the two −5s (they differ only in the last bits of the scaled stop).
    EXPECT_TRUE(s.worstPath == 2u || s.worstPath == 3u) << s.worstPath;
    EXPECT_NEAR(s.worstResult, -5.0, 1e-9);
    EXPECT_EQ(r->worstEntryTime, s.worstPath == 2u ? 7200 : 10800);
    EXPECT_NEAR(r->run.plain.median, 0.5 * (-5.0 - 300.0 / 104.0), 1e-9);
    EXPECT_EQ(r->run.plain.counts[static_cast<std::size_t>(TradeOutcome::OpenAtEnd)], 1u);
}

/// Each entry replayed on its own through simulateTrade, the slow obvious way.
void expectBruteForce(const TradePlan& plan, const std::vector<Bar>& bars, const HistoryRunOptions& o)
{
    const auto r = stressPlanOverHistory(plan, bars, o);
    ASSERT_TRUE(r.ok()) << r.error().message();
    std::array<std::size_t, kOutcomeCount> counts{};
    for (std::size_t i = 0; i < r->entries; ++i) {
        const auto run = simulateTrade(planAtEntry(plan, bars[i].open), historyPath(bars, o, i));
        ASSERT_TRUE(run.ok());
        EXPECT_EQ(r->run.pathsWithRules[i].outcome, run->outcome) << "entry " << i;
        EXPECT_EQ(r->run.pathsWithRules[i].result, run->result) << "entry " << i;
        const auto plain = simulateTrade(planAtEntry(plainPlan(plan), bars[i].open), historyPath(bars, o, i));
        EXPECT_EQ(r->run.pathsPlain[i].outcome, plain->outcome) << "entry " << i;
        EXPECT_EQ(r->run.pathsPlain[i].result, plain->result) << "entry " << i;
        ++counts[static_cast<std::size_t>(run->outcome)];
    }
    EXPECT_EQ(r->run.withRules.counts, counts);
    EXPECT_EQ(historyPath(bars, o, r->entries).size(), 0u);  // the next bar's period runs past the data
}

TEST(HistoryStress, CountsEqualABruteForceReplayOfEachEntry)
{
    TradePlan plan = ladder();
    plan.exits.trailing = TrailingStop{0.5, true, 106.0};
    plan.exits.topUps = {TopUpRule{0.5, 2.0, 2, std::nullopt}};
    for (unsigned threads : {1u, 3u}) {
        HistoryRunOptions o = twoHours();
        o.threads = threads;
        expectBruteForce(plan, handMade(), o);
        o.hours = 1.0;
        expectBruteForce(plan, handMade(), o);
    }
}

// On the BitMEX crash days (12–13 March 2020), a 10× long held 4 h with a 5% stop: its
// exits are those the historical odds count with the same rule, bar by bar.
TEST(HistoryStress, CrashDaysAgreeWithTheHistoricalOdds)
{
    LEVLAB_REQUIRE_DATA(file, "bitmex/bitmex_XBTUSD_1m_2020-03.csv");
    PriceHistory h = importCsvPrices(levlab::test::readAll(file));
    ASSERT_TRUE(h.report.refused.empty());
    std::vector<Bar> days;
    for (const Bar& b : h.bars) {
        // 2020-03-12 00:00 … 2020-03-13 23:59 UTC.
        if (b.time >= 1583971200 && b.time < 1584144000)
            days.push_back(b);
    }
    ASSERT_EQ(days.size(), 2880u);
    OddsPosition odds;
    odds.venue = Venue::Textbook;
    odds.position = test::linear(Side::Long, 1.0, 7900.0, 10.0, 0.005);
    odds.stopDistance = 0.05;
    HistoryRunOptions o;
    o.hours = 4.0;
    o.intervalSeconds = 60;
    const auto grid = liquidationOdds(days, 60, odds, {10.0}, {4.0}, {Side::Long});
    ASSERT_TRUE(grid.ok());
    const OddsCell& cell = grid->cells.front();
    ASSERT_EQ(cell.entries, 2880u - 239u);  // a 4 h period fits from the first 2,641 minutes

    TradePlan stopOnly;
    stopOnly.position = odds.position;
    stopOnly.exits.stopLoss = 7900.0 * 0.95;
    const auto withStop = stressPlanOverHistory(stopOnly, days, o);
    ASSERT_TRUE(withStop.ok());
    EXPECT_EQ(withStop->entries, cell.entries);
    EXPECT_EQ(withStop->run.withRules.counts[static_cast<std::size_t>(TradeOutcome::Stop)], cell.stoppedFirst);

    TradePlan bare;
    bare.position = odds.position;
    const auto noStop = stressPlanOverHistory(bare, days, o);
    ASSERT_TRUE(noStop.ok());
    EXPECT_EQ(noStop->run.withRules.counts[static_cast<std::size_t>(TradeOutcome::Liquidation)], cell.liquidated);
    EXPECT_GT(cell.liquidated, 0u);  // the crash liquidated a 10× long
}

}  // namespace
