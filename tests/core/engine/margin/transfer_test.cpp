#include "core/engine/margin/transfer.h"
#include "tests/core/engine/test_positions.h"

#include <gtest/gtest.h>

namespace levlab::engine {
namespace {

PositionInput hyperliquidBtc(double mark)
{
    PositionInput p = test::linear(Side::Long, 1, 50000, 10, 0);
    p.mmRate.reset();
    p.maxLeverage = 40;
    p.markPrice = mark;
    return p;
}

TEST(Transfer, AddingMarginMovesLiquidationAway)
{
    // Hyperliquid, 1 BTC long at 50,000, 10x: 5,000 margin, liquidation (50,000 − 5,000) / 0.9875.
    // With 1,000 more: (50,000 − 6,000) / 0.9875.
    auto r = previewTransfer(Venue::Hyperliquid, hyperliquidBtc(50000), 1000);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_DOUBLE_EQ(r->newMargin, 6000.0);
    EXPECT_NEAR(*r->liquidationPrice, 45000.0 / 0.9875, 1e-6);
    EXPECT_NEAR(*r->newLiquidationPrice, 44000.0 / 0.9875, 1e-6);
}

TEST(Transfer, RemovalIsLimitedByTheTenPercentBuffer)
{
    // Hyperliquid "Margining": remaining ≥ max(initial margin, 10% of notional). Marked at 55,000 the
    // position has 5,000 + 5,000 PnL; it must keep max(5,500, 5,500) ⇒ at most 4,500 can come out.
    auto ok = previewTransfer(Venue::Hyperliquid, hyperliquidBtc(55000), -4500);
    ASSERT_TRUE(ok.ok()) << ok.error().message();
    EXPECT_DOUBLE_EQ(ok->maxRemovable, 4500.0);
    EXPECT_DOUBLE_EQ(ok->requiredRemaining, 5500.0);
    EXPECT_NEAR(*ok->newLiquidationPrice, 49500.0 / 0.9875, 1e-6);

    auto refused = previewTransfer(Venue::Hyperliquid, hyperliquidBtc(55000), -4500.01);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().message(),
              "amount: at most 4500.00 can be removed: margin plus unrealised PnL must stay at least 5500.00 "
              "(the larger of the initial margin at mark and 10.00% of the notional)");
}

TEST(Transfer, BufferCanBeRaisedAboveTheInitialMargin)
{
    // 10x ⇒ initial margin 10% of notional; a 15% buffer binds instead: 10,000 − 7,500 = 2,500.
    auto r = previewTransfer(Venue::Hyperliquid, hyperliquidBtc(50000), 1000, 0.15);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_DOUBLE_EQ(r->requiredRemaining, 7500.0);
    EXPECT_DOUBLE_EQ(r->maxRemovable, 0.0);
}

TEST(Transfer, TextbookRemovalOfExcessMargin)
{
    PositionInput p = test::linear(Side::Long, 1, 10000, 10, 0.01);
    p.isolatedMargin = 1500;
    auto r = previewTransfer(Venue::Textbook, p, -300);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_DOUBLE_EQ(r->maxRemovable, 500.0);
    EXPECT_NEAR(*r->liquidationPrice, 8600.0, 1e-9);
    EXPECT_NEAR(*r->newLiquidationPrice, 8900.0, 1e-9);
}

TEST(Transfer, WithoutABufferTheLimitNamesOnlyTheInitialMargin)
{
    // 1 BTC at 10,000, 10×, margin 1,500: 500 above the 1,000 initial margin can come out.
    PositionInput p = test::linear(Side::Long, 1, 10000, 10, 0.01);
    p.isolatedMargin = 1500;
    auto r = previewTransfer(Venue::Textbook, p, -500.01);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "at most 500.00 can be removed: margin plus unrealised PnL must stay at least 1000.00 "
                                "(the initial margin at mark)");
}

TEST(Transfer, StrictIsolatedRefusesRemovalButAcceptsAdding)
{
    PositionInput p = test::linear(Side::Long, 1, 10000, 10, 0.01);
    p.mode = MarginMode::StrictIsolated;
    p.isolatedMargin = 1500;
    auto refused = previewTransfer(Venue::Textbook, p, -100);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().message(),
              "amount: strict isolated margin cannot be removed while the position is open; it is released as the "
              "position closes");
    auto added = previewTransfer(Venue::Textbook, p, 100);
    ASSERT_TRUE(added.ok()) << added.error().message();
    EXPECT_DOUBLE_EQ(added->newMargin, 1600.0);
}

TEST(Transfer, CrossPositionsHaveNoMarginToMove)
{
    PositionInput p = test::linear(Side::Long, 1, 10000, 10, 0.01);
    p.mode = MarginMode::Cross;
    auto r = previewTransfer(Venue::Textbook, p, 100);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "mode");
}

}  // namespace
}  // namespace levlab::engine
