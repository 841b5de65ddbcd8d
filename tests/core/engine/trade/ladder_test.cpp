#include "core/engine/account/account.h"
#include "core/engine/trade/ladder_preview.h"
#include "core/engine/trade/partial_close.h"
#include "core/engine/trade/trade_simulator.h"

#include "tests/core/engine/test_positions.h"

#include <gtest/gtest.h>

namespace {

using namespace levlab::engine;
using Kind = TradeStep::Kind;

/// The issue's ladder: 1 BTC long at 10,000, 10× isolated, textbook rule with MMR 1%,
/// taker fee 0.05%; stop 9,500; take 50% at +5% (10,500), 30% at +8% (10,800), the
/// rest at +12% (11,200); stop to break-even after the first.
TradePlan issueLadder()
{
    TradePlan plan;
    plan.position = test::linear(Side::Long, 1.0, 10000.0, 10.0, 0.01);
    plan.position.feeRate = 0.0005;
    plan.exits.stopLoss = 9500.0;
    plan.exits.targets = {{10500.0, 0.5}, {10800.0, 0.3}, {11200.0, 0.2}};
    plan.exits.stopMoves = {StopMove{1, true, 0.0}};
    return plan;
}

std::vector<PathPoint> path(std::initializer_list<double> marks)
{
    std::vector<PathPoint> out;
    std::int64_t t = 0;
    for (double m : marks) {
        out.push_back({t, m, m});
        t += 60'000;
    }
    return out;
}

// Worked by hand. Margin 1,000; fee to open 0.0005 × 10,000 = 5; maintenance 1% of the
// value at entry. Liquidation at opening: 10,000 − (1,000 − 100) / 1 = 9,100.
// TP1 10,500 × 0.5 BTC: PnL 0.5 × 500 = 250, fee to close 0.0005 × 5,250 = 2.625, its share of
//   the fee to open 2.5 → 244.875. Left 0.5 BTC on the same 1,000: maintenance 50,
//   liquidation 10,000 − (1,000 − 50) / 0.5 = 8,100.
// Break-even: fees so far 5 + 2.625 = 7.625; 0.5 (P − 10,000) = 7.625 + 0.0005 × 0.5 × P
//   → P = (5,000 + 7.625) / (0.5 × 0.9995) = 10,020.2601300650…
// TP2 10,800 × 0.3: PnL 240 − 1.62 − 1.5 = 236.88. Left 0.2: maintenance 20,
//   liquidation 10,000 − 980 / 0.2 = 5,100.
// TP3 11,200 × 0.2 (the rest): PnL 240 − 1.12 − 1.0 = 237.88.
// Whole trade: 730 gross − 10.365 fees = 719.635.
TEST(ExitLadder, IssueLadderEveryStepWorkedByHand)
{
    const auto run = simulateTrade(issueLadder(), path({10000, 10600, 10900, 11300}));
    ASSERT_TRUE(run.ok()) << run.error().message();
    const auto& s = run->steps;
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[0].kind, Kind::TakeProfit);
    EXPECT_DOUBLE_EQ(s[0].price, 10500.0);
    EXPECT_DOUBLE_EQ(s[0].quantityClosed, 0.5);
    EXPECT_NEAR(s[0].result, 244.875, 1e-9);
    EXPECT_NEAR(s[0].fees, 2.625, 1e-12);
    EXPECT_NEAR(*s[0].liquidationAfter, 8100.0, 1e-9);
    EXPECT_EQ(s[1].kind, Kind::StopMoved);
    EXPECT_NEAR(s[1].price, 5007.625 / 0.49975, 1e-9);
    EXPECT_NEAR(s[1].price, 10020.26013006503, 1e-8);
    EXPECT_EQ(s[2].kind, Kind::TakeProfit);
    EXPECT_NEAR(s[2].quantityClosed, 0.3, 1e-15);
    EXPECT_NEAR(s[2].result, 236.88, 1e-9);
    EXPECT_NEAR(*s[2].liquidationAfter, 5100.0, 1e-9);
    EXPECT_EQ(s[3].kind, Kind::TakeProfit);
    EXPECT_NEAR(s[3].quantityClosed, 0.2, 1e-15);
    EXPECT_NEAR(s[3].result, 237.88, 1e-9);
    EXPECT_DOUBLE_EQ(s[3].quantityLeft, 0.0);
    EXPECT_FALSE(s[3].liquidationAfter.has_value());
    EXPECT_EQ(run->outcome, TradeOutcome::Targets);
    EXPECT_NEAR(run->result, 719.635, 1e-9);
}

// After TP1 the price falls back through the break-even stop (10,020.26…): the last half
// closes there; its PnL 0.5 × 20.2601… = 10.1300650 less its fee to close 2.5050650 pays back
// the 7.625 of fees paid, so the whole trade keeps TP1's gross 250 — the exit lost nothing.
TEST(ExitLadder, BreakEvenExitLosesNothing)
{
    const auto run = simulateTrade(issueLadder(), path({10000, 10600, 9900}));
    ASSERT_TRUE(run.ok());
    ASSERT_EQ(run->steps.size(), 3u);
    EXPECT_EQ(run->steps[2].kind, Kind::BreakEvenStop);
    EXPECT_NEAR(run->steps[2].result, 5.125, 1e-9);  // 7.625 of fees recovered less its 2.5 share of the fee to open
    EXPECT_EQ(run->outcome, TradeOutcome::BreakEven);
    EXPECT_NEAR(run->result, 250.0, 1e-9);
    // It fired (10,600 − 10,020.26…) / 700 = 0.8282 of the way through the second minute.
    EXPECT_EQ(run->steps[2].timeMs, 60'000 + 49'692);  // 579.7398… / 700 × 60,000 ms
}

// Without a first target the initial stop fires: 1 × (9,500 − 10,000) = −500, fees 5 + 4.75.
TEST(ExitLadder, StopBeforeAnyTarget)
{
    const auto run = simulateTrade(issueLadder(), path({10000, 10400, 9400}));
    ASSERT_TRUE(run.ok());
    ASSERT_EQ(run->steps.size(), 1u);
    EXPECT_EQ(run->steps[0].kind, Kind::StopLoss);
    EXPECT_DOUBLE_EQ(run->steps[0].price, 9500.0);
    EXPECT_NEAR(run->result, -509.75, 1e-9);
    EXPECT_EQ(run->outcome, TradeOutcome::Stop);
}

// A stop moved to a chosen level after TP2: 10,400 (profit locked) fires on the way down.
// TP1 244.875 + TP2 236.88 + (0.2 × 400 − 0.0005 × 0.2 × 10,400 − 1.0 = 77.96) = 559.715.
TEST(ExitLadder, StopMovedToAChosenLevelAfterTheSecondTarget)
{
    TradePlan plan = issueLadder();
    plan.exits.stopMoves.push_back(StopMove{2, false, 10400.0});
    const auto run = simulateTrade(plan, path({10000, 10900, 10000}));
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->outcome, TradeOutcome::Stop);
    EXPECT_DOUBLE_EQ(run->steps.back().price, 10400.0);
    EXPECT_NEAR(run->steps.back().result, 77.96, 1e-9);
    EXPECT_NEAR(run->result, 559.715, 1e-9);
}

// Liquidation on the mark: with no stop, a fall to 9,000 liquidates at 9,100 and takes the margin.
TEST(ExitLadder, LiquidationTakesTheMargin)
{
    TradePlan plan = issueLadder();
    plan.exits.stopLoss.reset();
    plan.exits.stopMoves.clear();
    const auto run = simulateTrade(plan, path({10000, 9000}));
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->outcome, TradeOutcome::Liquidation);
    EXPECT_DOUBLE_EQ(run->steps[0].price, 9100.0);
    EXPECT_DOUBLE_EQ(run->result, -1000.0);
}

// A wick in the last price the mark does not follow: a stop on last fires, one on mark does not.
TEST(ExitLadder, StopOnLastSeesTheWickTheMarkDoesNot)
{
    TradePlan plan = issueLadder();
    const std::vector<PathPoint> wick{{0, 10000, 10000}, {60'000, 9990, 9450}, {120'000, 10000, 10000}};
    auto onMark = simulateTrade(plan, wick);
    plan.exits.trigger = ExitTrigger::Last;
    auto onLast = simulateTrade(plan, wick);
    ASSERT_TRUE(onMark.ok() && onLast.ok());
    EXPECT_EQ(onMark->outcome, TradeOutcome::OpenAtEnd);
    EXPECT_EQ(onLast->outcome, TradeOutcome::Stop);
}

// Every venue's own liquidation rule applies after a partial close: the price equals
// evaluate's for the smaller position on the same margin.
TEST(PartialClose, LiquidationAfterIsTheEnginesForEveryVenue)
{
    for (Venue venue : kAllVenues) {
        TradePlan plan;
        plan.venue = venue;
        plan.position = test::linear(Side::Short, 2.0, 30000.0, 20.0, 0.005);
        plan.position.feeRate = 0.0006;
        plan.position.brackets.brackets = {{0, 50000, 0.004, 0, 125}, {50000, 250000, 0.005, 50, 100}, {250000, 1e9, 0.01, 1300, 50}};
        plan.position.mmRate.reset();
        plan.position.maxLeverage = 50.0;
        auto h = openHolding(plan);
        ASSERT_TRUE(h.ok()) << venueName(venue) << ": " << h.error().message();
        const PartialClose c = closePart(h.value(), 1.5, 29000.0);
        PositionInput left = plan.position;
        left.quantity = 0.5;
        left.isolatedMargin = h->position.isolatedMargin;
        left.markPrice = 29000.0;
        auto e = evaluateOpenPosition(venue, left);
        ASSERT_TRUE(e.ok());
        ASSERT_TRUE(c.liquidationAfter && e->liquidationPrice) << venueName(venue);
        EXPECT_DOUBLE_EQ(*c.liquidationAfter, *e->liquidationPrice) << venueName(venue);
        EXPECT_DOUBLE_EQ(c.pnl, 1.5 * 1000.0);
        EXPECT_NEAR(c.closeFee, 0.0006 * 1.5 * 29000.0, 1e-12);
    }
}

TEST(ExitLadder, RefusesSharesAboveAllAndTargetsOnTheWrongSide)
{
    TradePlan plan = issueLadder();
    plan.exits.targets[2].share = 0.3;
    auto r = openHolding(plan);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message(), "exit_ladder.targets[2].share: brings the shares to 110%: together they may close at most 100%");
    plan = issueLadder();
    plan.exits.targets[1].price = 10400.0;
    EXPECT_EQ(openHolding(plan).error().message(),
              "exit_ladder.targets[1].price: must lie beyond the take-profit before it (10500)");
    plan = issueLadder();
    plan.exits.targets.assign(6, TakeProfit{10500.0, 0.1});
    EXPECT_EQ(openHolding(plan).error().message(), "exit_ladder.targets: holds at most 5 take-profits");
    plan = issueLadder();
    plan.exits.stopMoves = {StopMove{4, true, 0.0}};
    EXPECT_EQ(openHolding(plan).error().message(), "break_even_after.target: names take-profit 4, but the ladder has 3");
}

// The risk panel's figures for the issue's ladder: reward 719.635 (the three rungs worked
// above); risk at the stop 500 + 5 + 4.75 = 509.75; blended reward:risk 719.635 / 509.75.
TEST(LadderPreview, BlendedRewardRiskAndEachRung)
{
    const auto p = previewLadder(issueLadder());
    ASSERT_TRUE(p.ok());
    EXPECT_NEAR(p->reward, 719.635, 1e-9);
    EXPECT_NEAR(p->risk, 509.75, 1e-9);
    EXPECT_NEAR(*p->rewardRisk, 719.635 / 509.75, 1e-12);
    ASSERT_EQ(p->targetSteps.size(), 4u);  // three take-profits and the move to break-even
    EXPECT_NEAR(*p->targetSteps[0].liquidationAfter, 8100.0, 1e-9);
    EXPECT_NEAR(*p->targetSteps[2].liquidationAfter, 5100.0, 1e-9);
    EXPECT_TRUE(p->marginSteps.empty());
}

}  // namespace
