#include "core/engine/funding/funding.h"
#include "tests/core/engine/test_positions.h"

#include <gtest/gtest.h>

namespace levlab::engine {
namespace {

TEST(Funding, PaymentIsValueAtMarkTimesRate)
{
    // Linear: quantity × mark × rate; positive rate: longs pay, shorts receive.
    EXPECT_DOUBLE_EQ(fundingPayment(ContractKind::Linear, Side::Long, 2.0, 30000.0, 0.0001), 6.0);
    EXPECT_DOUBLE_EQ(fundingPayment(ContractKind::Linear, Side::Short, 2.0, 30000.0, 0.0001), -6.0);
    EXPECT_DOUBLE_EQ(fundingPayment(ContractKind::Linear, Side::Long, 2.0, 30000.0, -0.0003), -18.0);
    // Inverse: contracts ÷ mark × rate, in coin: 10,000 USD at 8,000 is 1.25 XBT.
    EXPECT_DOUBLE_EQ(fundingPayment(ContractKind::Inverse, Side::Long, 10000.0, 8000.0, 0.0001), 0.000125);
}

TEST(Funding, AccrualDrainsIsolatedMarginAndMovesLiquidation)
{
    // 1 BTC long at 10,000, 10x, MMR 1%, funding 0.01% per 8 h: 1.00 per interval. Ten days (30 intervals)
    // cost 30; margin 970 ⇒ liquidation 10,000 − (970 − 100) = 9,130 (from 9,100).
    AccountInput acc;
    PositionInput p = test::linear(Side::Long, 1, 10000, 10, 0.01);
    p.fundingRate = 0.0001;
    acc.positions = {p};
    auto r = accrueFunding(acc, 30);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_DOUBLE_EQ(r->paid[0], 30.0);
    EXPECT_DOUBLE_EQ(r->totalPaid, 30.0);
    EXPECT_NEAR(*r->before.positions[0].liquidationPrice, 9100.0, 1e-9);
    EXPECT_NEAR(*r->after.positions[0].liquidationPrice, 9130.0, 1e-9);
    EXPECT_NEAR(r->after.walletBalance, 970.0, 1e-9);
}

TEST(Funding, ReceivingShortGainsRoom)
{
    AccountInput acc;
    PositionInput p = test::linear(Side::Short, 1, 10000, 10, 0.01);
    p.fundingRate = 0.0001;
    acc.positions = {p};
    auto r = accrueFunding(acc, 30);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_DOUBLE_EQ(r->paid[0], -30.0);
    EXPECT_NEAR(*r->after.positions[0].liquidationPrice, 10930.0, 1e-9);
}

TEST(Funding, CrossPaymentsComeOutOfTheWallet)
{
    AccountInput acc;
    acc.walletBalance = 2000;
    PositionInput p = test::linear(Side::Long, 1, 10000, 10, 0.01);
    p.mode = MarginMode::Cross;
    p.fundingRate = 0.0003;
    acc.positions = {p};
    auto r = accrueFunding(acc, 10);  // 3.00 × 10
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(r->after.walletBalance, 1970.0, 1e-9);
    // 1,970 + (P − 10,000) = 100 ⇒ 8,130 (from 8,100).
    EXPECT_NEAR(*r->before.positions[0].liquidationPrice, 8100.0, 1e-9);
    EXPECT_NEAR(*r->after.positions[0].liquidationPrice, 8130.0, 1e-9);
}

TEST(Funding, DrainedMarginShowsAsLiquidated)
{
    AccountInput acc;
    PositionInput p = test::linear(Side::Long, 1, 10000, 10, 0.01);
    p.fundingRate = 0.001;  // 10 per interval
    acc.positions = {p};
    auto r = accrueFunding(acc, 95);  // 950 paid: margin 50 < maintenance 100
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_TRUE(r->after.positions[0].liquidated);
}

TEST(Funding, RefusesNegativeIntervals)
{
    AccountInput acc;
    acc.positions = {test::linear(Side::Long, 1, 10000, 10, 0.01)};
    auto r = accrueFunding(acc, -1);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message(), "intervals: must not be negative");
}

}  // namespace
}  // namespace levlab::engine
