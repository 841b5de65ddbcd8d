#include "core/engine/account/layouts.h"
#include "tests/core/engine/test_positions.h"

#include <gtest/gtest.h>

namespace levlab::engine {
namespace {

/// The portfolio case worked by hand (textbook venue, MMR 1% each): wallet 2,000; `a` long 1 BTC at
/// 10,000, 10x (isolated liquidation 9,100, −9%); `b` long 10 ETH at 100, 2x (isolated liquidation 51, −49%).
AccountInput portfolio()
{
    AccountInput acc;
    acc.walletBalance = 2000;
    PositionInput a = test::linear(Side::Long, 1, 10000, 10, 0.01);
    a.id = "a";
    PositionInput b = test::linear(Side::Long, 10, 100, 2, 0.01);
    b.id = "b";
    acc.positions = {a, b};
    return acc;
}

struct Row {
    double move;
    Layout layout;
    double equity;
    std::vector<std::string> liquidated;
};

class WorkedCase : public ::testing::TestWithParam<Row> {};

TEST_P(WorkedCase, EquityAndLiquidations)
{
    const Row& row = GetParam();
    auto r = outcomeOfMove(arrange(portfolio(), row.layout), row.move);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(r->equity, row.equity, 1e-9) << layoutName(row.layout) << " at " << row.move;
    EXPECT_EQ(r->liquidated, row.liquidated) << layoutName(row.layout) << " at " << row.move;
}

// clang-format off
INSTANTIATE_TEST_SUITE_P(ByHand, WorkedCase, ::testing::Values(
    // −12%: cross keeps 2,000 − 1,200 − 120 = 680; isolated loses a's 1,000 margin: 2,000 − 1,000 − 120 = 880.
    Row{-0.12, Layout::AllCross, 680.0, {}},
    Row{-0.12, Layout::AllIsolated, 880.0, {"a"}},
    // −45%: the cross account is gone (equity 2,000 + 11,000 m falls to 110 at −17.18%); isolated keeps b: 2,000 − 1,000 − 450 = 550.
    Row{-0.45, Layout::AllCross, 0.0, {"a", "b"}},
    Row{-0.45, Layout::AllIsolated, 550.0, {"a"}},
    // As entered (both isolated here) is the isolated layout.
    Row{-0.45, Layout::AsEntered, 550.0, {"a"}},
    // Just short of the cross account's move: 2,000 − 11,000 × 0.17 = 130 left.
    Row{-0.17, Layout::AllCross, 130.0, {}},
    Row{0.10, Layout::AllCross, 3100.0, {}}
));
// clang-format on

TEST(Layouts, HybridLosesOnlyTheCrossBalance)
{
    // a cross, b isolated: cross balance 2,000 − 500 = 1,500 goes at 1,500 + 10,000 m = 100 (−14%);
    // b keeps 500 − 170 = 330 at −17%.
    AccountInput acc = portfolio();
    acc.positions[0].mode = MarginMode::Cross;
    auto r = outcomeOfMove(acc, -0.17);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_TRUE(r->crossLiquidated);
    EXPECT_NEAR(r->equity, 330.0, 1e-9);
    EXPECT_EQ(r->liquidated, std::vector<std::string>{"a"});
}

TEST(Layouts, LiquidationOrderFollowsTheMove)
{
    // All isolated at −50%: a goes at −9%, b at −49%.
    auto r = outcomeOfMove(arrange(portfolio(), Layout::AllIsolated), -0.50);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->liquidated, (std::vector<std::string>{"a", "b"}));
    EXPECT_NEAR(r->equity, 500.0, 1e-9);  // only the wallet beyond both margins is left
}

TEST(Layouts, PlayedCrashLiquidatesInTimeOrder)
{
    // A crash of 1% a step for 50 steps.
    std::vector<PathStep> path;
    for (int k = 1; k <= 50; ++k)
        path.push_back({k * 60'000LL, {10000.0 * (1 - 0.01 * k), 100.0 * (1 - 0.01 * k)}});
    auto iso = playPath(arrange(portfolio(), Layout::AllIsolated), path);
    ASSERT_TRUE(iso.ok()) << iso.error().message();
    ASSERT_EQ(iso->events.size(), 2u);
    EXPECT_EQ(iso->events[0].ids, std::vector<std::string>{"a"});
    EXPECT_EQ(iso->events[0].timeMs, 9 * 60'000LL);   // −9% reaches 9,100
    EXPECT_DOUBLE_EQ(iso->events[0].loss, 1000.0);
    EXPECT_EQ(iso->events[1].timeMs, 49 * 60'000LL);  // −49% reaches 51
    auto cross = playPath(arrange(portfolio(), Layout::AllCross), path);
    ASSERT_TRUE(cross.ok());
    ASSERT_EQ(cross->events.size(), 1u);
    EXPECT_TRUE(cross->events[0].cross);
    EXPECT_EQ(cross->events[0].timeMs, 18 * 60'000LL);  // first step past −17.18%
    EXPECT_EQ(cross->events[0].ids, (std::vector<std::string>{"a", "b"}));
    EXPECT_DOUBLE_EQ(cross->outcome.equity, 0.0);
}

TEST(Layouts, RefusesImpossibleMoves)
{
    EXPECT_EQ(outcomeOfMove(portfolio(), -1.0).error().message(), "move: must lie above -100% and at most +1000%");
    std::vector<PathStep> bad{{0, {10000.0}}};
    EXPECT_EQ(playPath(portfolio(), bad).error().message(), "path[0]: needs one mark per position");
}

}  // namespace
}  // namespace levlab::engine
