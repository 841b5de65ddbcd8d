#include "core/engine/stress/plan_stress.h"

#include "tests/core/engine/test_positions.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace levlab::engine;

/// A 25× long with a three-rung ladder (tight enough that one-day paths reach it),
/// break-even after the first, a trailing stop and a top-up rule.
TradePlan laddered()
{
    TradePlan plan;
    plan.position = test::linear(Side::Long, 1.0, 10000.0, 25.0, 0.005);
    plan.position.feeRate = 0.0005;
    plan.exits.stopLoss = 9800.0;
    plan.exits.targets = {{10050.0, 0.5}, {10100.0, 0.3}, {10200.0, 0.2}};
    plan.exits.stopMoves = {StopMove{1, true, 0.0}};
    plan.exits.trailing = TrailingStop{0.01, false, 10150.0};
    plan.exits.topUps = {TopUpRule{0.6, 100.0, 2, std::nullopt}};
    return plan;
}

/// The same run replayed path by path through simulateTrade, the slow obvious way.
std::vector<PlanOutcome> bruteForce(const TradePlan& plan, const StressRunOptions& o)
{
    std::vector<PlanOutcome> out;
    for (std::size_t i = 0; i < o.paths; ++i) {
        const auto run = simulateTrade(plan, stressPath(plan, o, i));
        out.push_back({run->outcome, run->result});
    }
    return out;
}

TEST(PlanStress, CountsEqualABruteForceReplayOfEachPath)
{
    for (auto regime : {market::Regime::Calm, market::Regime::Trend, market::Regime::CrashProne}) {
        StressRunOptions o;
        o.paths = 60;
        o.seed = 7;
        o.regime = regime;
        const TradePlan plan = laddered();
        const auto r = stressPlan(plan, o);
        ASSERT_TRUE(r.ok()) << r.error().message();
        const auto withRules = bruteForce(plan, o);
        const auto plain = bruteForce(plainPlan(plan), o);
        for (std::size_t i = 0; i < o.paths; ++i) {
            EXPECT_EQ(r->pathsWithRules[i].outcome, withRules[i].outcome) << "path " << i;
            EXPECT_EQ(r->pathsWithRules[i].result, withRules[i].result) << "path " << i;
            EXPECT_EQ(r->pathsPlain[i].outcome, plain[i].outcome) << "path " << i;
            EXPECT_EQ(r->pathsPlain[i].result, plain[i].result) << "path " << i;
        }
        std::array<std::size_t, kOutcomeCount> counts{};
        for (const auto& p : withRules)
            ++counts[static_cast<std::size_t>(p.outcome)];
        EXPECT_EQ(r->withRules.counts, counts);
        // The median of 60 is the mean of the 30th and 31st; the 5th percentile the 3rd smallest.
        std::vector<double> sorted;
        for (const auto& p : withRules)
            sorted.push_back(p.result);
        std::sort(sorted.begin(), sorted.end());
        EXPECT_EQ(r->withRules.median, 0.5 * (sorted[29] + sorted[30]));
        EXPECT_EQ(r->withRules.percentile5, sorted[2]);
        EXPECT_EQ(r->withRules.worstResult, sorted[0]);
        EXPECT_EQ(withRules[r->withRules.worstPath].result, sorted[0]);
        EXPECT_EQ(r->withRules.worstSeed, market::pathSeed(7, r->withRules.worstPath));
    }
}

// The run sees every kind of ending somewhere: a test of the mix, not of one path.
TEST(PlanStress, CrashProneRunReachesEveryExit)
{
    StressRunOptions o;
    o.paths = 400;
    o.regime = market::Regime::CrashProne;
    const auto r = stressPlan(laddered(), o);
    ASSERT_TRUE(r.ok());
    EXPECT_GT(r->withRules.counts[static_cast<std::size_t>(TradeOutcome::Targets)], 0u);
    EXPECT_GT(r->withRules.counts[static_cast<std::size_t>(TradeOutcome::BreakEven)], 0u);
    EXPECT_GT(r->withRules.counts[static_cast<std::size_t>(TradeOutcome::Stop)], 0u);
    EXPECT_GT(r->plain.counts[static_cast<std::size_t>(TradeOutcome::Stop)], 0u);
    std::size_t total = 0;
    for (auto c : r->withRules.counts)
        total += c;
    EXPECT_EQ(total, 400u);
}

TEST(PlanStress, SameSeedSameResultWhateverTheThreads)
{
    StressRunOptions o;
    o.paths = 300;
    o.seed = 42;
    o.regime = market::Regime::CrashProne;
    o.threads = 1;
    const auto one = stressPlan(laddered(), o);
    o.threads = 2;
    const auto two = stressPlan(laddered(), o);
    const auto again = stressPlan(laddered(), o);
    ASSERT_TRUE(one.ok() && two.ok() && again.ok());
    for (std::size_t i = 0; i < o.paths; ++i) {
        EXPECT_EQ(one->pathsWithRules[i].result, two->pathsWithRules[i].result);
        EXPECT_EQ(one->pathsPlain[i].result, two->pathsPlain[i].result);
        EXPECT_EQ(two->pathsWithRules[i].result, again->pathsWithRules[i].result);
    }
    EXPECT_EQ(one->withRules.counts, two->withRules.counts);
    EXPECT_EQ(one->withRules.median, two->withRules.median);
    o.seed = 43;
    const auto other = stressPlan(laddered(), o);
    EXPECT_NE(other->withRules.mean, two->withRules.mean);
}

TEST(PlanStress, PathIsSeededAndOneMinuteApart)
{
    StressRunOptions o;
    const auto a = stressPath(laddered(), o, 3);
    const auto b = stressPath(laddered(), o, 3);
    const auto c = stressPath(laddered(), o, 4);
    ASSERT_EQ(a.size(), 1441u);
    EXPECT_EQ(a.back().timeMs, 1440LL * 60'000);
    EXPECT_EQ(a[100].mark, b[100].mark);
    EXPECT_NE(a[100].mark, c[100].mark);
    EXPECT_EQ(a.front().mark, 10000.0);
}

TEST(PlanStress, RefusesNoPaths)
{
    StressRunOptions o;
    o.paths = 0;
    EXPECT_EQ(stressPlan(laddered(), o).error().message(), "paths: must be a whole number from 1 to 1000000");
}

}  // namespace
