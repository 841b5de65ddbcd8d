#include "core/engine/sizing/sizing.h"

#include <gtest/gtest.h>

namespace levlab::engine {
namespace {

SizingInput seedTrade()
{
    // Reference text 004: 20,000 capital, the 1% rule, a stop 1.25% from entry (40,000 → 39,500).
    SizingInput in;
    in.capital = Money(20000);
    in.risk = Rate(0.01);
    in.entry = Price(40000);
    in.stop = Price(39500);
    in.leverage = Leverage(10);
    return in;
}

TEST(Sizing, OnePercentRuleGivesSixteenThousandNotional)
{
    auto r = sizePosition(seedTrade());
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r->side, Side::Long);
    EXPECT_DOUBLE_EQ(r->riskAmount.value(), 200.0);
    EXPECT_DOUBLE_EQ(r->quantity.value(), 0.4);
    EXPECT_DOUBLE_EQ(r->notional.value(), 16000.0);
    EXPECT_DOUBLE_EQ(r->initialMargin->value(), 1600.0);
    EXPECT_DOUBLE_EQ(r->stopDistance.value(), 0.0125);
    // Textbook isolated at 10x, MMR 0.5%: 40,000 × (1 − 0.1 + 0.005) = 36,200.
    EXPECT_NEAR(r->liquidationPrice->value(), 36200.0, 1e-9);
    EXPECT_TRUE(r->warnings.empty());
}

TEST(Sizing, RewardToRiskFromTakeProfit)
{
    // Reference text 004: entry 50,000, stop 49,000, take-profit 53,000 ⇒ 3 : 1.
    SizingInput in = seedTrade();
    in.entry = Price(50000);
    in.stop = Price(49000);
    in.takeProfit = Price(53000);
    auto r = sizePosition(in);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_DOUBLE_EQ(*r->rewardRisk, 3.0);
}

TEST(Sizing, WarnsWhenTheStopLiesBeyondLiquidation)
{
    // At 100x liquidation is 40,000 × (1 − 0.01 + 0.005) = 39,800: the 39,500 stop would never fire.
    SizingInput in = seedTrade();
    in.leverage = Leverage(100);
    auto r = sizePosition(in);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(r->liquidationPrice->value(), 39800.0, 1e-9);
    ASSERT_FALSE(r->warnings.empty());
    EXPECT_EQ(r->warnings.front(),
              "the stop at 39500 lies beyond the liquidation price 39800: the position would be liquidated before the stop fires");
}

TEST(Sizing, HighestLeverageKeepingLiquidationBeyondTheStop)
{
    // 1 / (1.25% + 0.5% buffer + 0.5% MMR) = 44.44x.
    auto r = sizePosition(seedTrade());
    ASSERT_TRUE(r.ok());
    EXPECT_NEAR(r->maxLeverageForStop->value(), 1.0 / 0.0225, 1e-9);
    EXPECT_NEAR(maxLeverageForStop(Rate(0.05), Rate(0.005), Rate(0.0)).value(), 1.0 / 0.055, 1e-12);
}

TEST(Sizing, ShortFromAStopAboveEntry)
{
    SizingInput in = seedTrade();
    in.stop = Price(40500);
    auto r = sizePosition(in);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r->side, Side::Short);
    EXPECT_NEAR(r->liquidationPrice->value(), 43800.0, 1e-9);  // 40,000 × (1 + 0.1 − 0.005)
}

struct BadSizing {
    void (*spoil)(SizingInput&);
    const char* message;
};

class SizingRefuses : public ::testing::TestWithParam<BadSizing> {};

TEST_P(SizingRefuses, WithTheFieldAndReason)
{
    SizingInput in = seedTrade();
    GetParam().spoil(in);
    auto r = sizePosition(in);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message(), GetParam().message);
}

// clang-format off
INSTANTIATE_TEST_SUITE_P(Classes, SizingRefuses, ::testing::Values(
    BadSizing{[](SizingInput& s) { s.stop = s.entry; }, "stop: must differ from the entry: a stop at entry risks nothing and sizes nothing"},
    BadSizing{[](SizingInput& s) { s.side = Side::Short; }, "stop: a short's stop must lie above the entry"},
    BadSizing{[](SizingInput& s) { s.side = Side::Long; s.stop = Price(41000); }, "stop: a long's stop must lie below the entry"},
    BadSizing{[](SizingInput& s) { s.takeProfit = Price(39000); }, "take_profit: must lie above the entry for a long (the stop says which side the trade is on)"},
    BadSizing{[](SizingInput& s) { s.capital = Money(0); }, "capital: must be a finite amount greater than 0"},
    BadSizing{[](SizingInput& s) { s.risk = Rate(1.5); }, "risk: must be a share of capital in (0, 1] (0.01 is 1%)"},
    BadSizing{[](SizingInput& s) { s.entry = Price(std::numeric_limits<double>::quiet_NaN()); }, "entry: must be a finite price greater than 0"},
    BadSizing{[](SizingInput& s) { s.leverage = Leverage(-3); }, "leverage: must be a finite number greater than 0"}
));
// clang-format on

}  // namespace
}  // namespace levlab::engine
