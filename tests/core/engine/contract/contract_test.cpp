// The engine's contract: it accepts what a figure does not depend on, says what
// it left out, and never returns an impossible number.
#include "core/engine/account/account.h"
#include "core/engine/account/layouts.h"
#include "tests/core/engine/test_positions.h"

#include <gtest/gtest.h>

#include <cmath>

namespace levlab::engine {
namespace {

using test::linear;

/// OKX BTC-USDT-SWAP position tiers as shipped (USDT notional, a tier raises the whole rate).
BracketTable okxBtc()
{
    BracketTable t;
    t.style = BracketStyle::Step;
    t.brackets = {{0, 500000, 0.004, 0, 100},         {500000, 1000000, 0.006, 0, 75},
                  {1000000, 2000000, 0.008, 0, 50},   {2000000, 5000000, 0.01, 0, 20},
                  {5000000, 10000000, 0.015, 0, 10},  {10000000, 20000000, 0.02, 0, 5}};
    return t;
}

PositionInput okxShort(std::optional<double> mark = std::nullopt)
{
    PositionInput p = linear(Side::Short, 10, 90000, 8.4, 0);
    p.mmRate.reset();
    p.brackets = okxBtc();
    p.markPrice = mark;
    return p;
}

TEST(StepTiers, LiquidationInsideATierJumpIsTheBoundary)
{
    // Short 10 BTC at 90,000, 8.4x: margin 900,000 / 8.4 = 107,142.857. Tier 2's own root,
    // 1,007,142.857 / (10 × 1.006) = 100,113.60, lies in tier 3 (notional 1,001,136); tier 3's,
    // 1,007,142.857 / 10.08 = 99,915.05, lies in tier 2. At 100,000 the notional reaches 1,000,000,
    // tier 3 applies: equity 7,142.857 < maintenance 8,000. Just below it, tier 2: 7,142.96 > 6,000.
    auto r = evaluatePosition(Venue::Okx, okxShort());
    ASSERT_TRUE(r.ok()) << r.error().message();
    ASSERT_TRUE(r->liquidationPrice.has_value());
    EXPECT_DOUBLE_EQ(*r->liquidationPrice, 100000.0);

    auto at = evaluateOpenPosition(Venue::Okx, okxShort(100000.0));
    ASSERT_TRUE(at.ok());
    EXPECT_NEAR(at->equity, 7142.857142857, 1e-6);
    EXPECT_DOUBLE_EQ(at->maintenanceMargin, 8000.0);
    EXPECT_TRUE(at->liquidated);
    auto beyond = evaluateOpenPosition(Venue::Okx, okxShort(100050.0));
    ASSERT_TRUE(beyond.ok());
    EXPECT_TRUE(beyond->liquidated);
    auto inside = evaluateOpenPosition(Venue::Okx, okxShort(99999.9));
    ASSERT_TRUE(inside.ok());
    EXPECT_FALSE(inside->liquidated);
    EXPECT_DOUBLE_EQ(inside->liquidationPrice.value(), 100000.0) << "the answer does not depend on the mark";
}

TEST(StepTiers, ShockLiquidatesTheShortBeforeElevenPointTwoPercent)
{
    // 100,000 is +11.11% from 90,000: a +11.2% move liquidates it, +11.1% does not.
    AccountInput a;
    a.venue = Venue::Okx;
    a.positions = {okxShort()};
    a.positions[0].id = "s";
    auto up = outcomeOfMove(a, 0.112);
    ASSERT_TRUE(up.ok()) << up.error().message();
    EXPECT_EQ(up->liquidated, std::vector<std::string>{"s"});
    auto short_of = outcomeOfMove(a, 0.111);
    ASSERT_TRUE(short_of.ok());
    EXPECT_TRUE(short_of->liquidated.empty());
}

TEST(StepTiers, ARowBoundaryBeyondAnyPriceIsNeverTheAnswer)
{
    // Found by the tier-table fuzzer: a first row capped at 1.5e-323 put the next boundary at price
    // 1.5e-323 / 2, which underflows to 0, and 0 came back as a liquidation price. A 1x long (margin
    // 200 on 2 at 100) is never liquidated at any price.
    PositionInput p = linear(Side::Long, 2, 100, 1, 0);
    p.mmRate.reset();
    p.brackets.style = BracketStyle::Step;
    p.brackets.brackets = {{0, 1.5e-323, 0.005, 0, 0}, {1.5e-323, 3e6, 0.015, 0, 20}};
    auto r = evaluatePosition(Venue::Gate, p);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_FALSE(r->liquidationPrice.has_value());
}

TEST(Maintenance, ABracketDeductionAboveRateTimesFloorIsRefusedNamingTheRow)
{
    PositionInput p = linear(Side::Long, 1, 10000, 10, 0);
    p.mmRate.reset();
    p.brackets.style = BracketStyle::Cumulative;
    p.brackets.brackets = {{0, 50000, 0.004, 500, 125}, {50000, 250000, 0.005, 550, 100}};
    auto r = evaluatePosition(Venue::Binance, p);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message(), "positions[0].brackets[0].maintenance_amount: is 500, above mm_rate × notional_floor (0): "
                                   "the maintenance margin would be negative");
}

TEST(Maintenance, AGivenDeductionAboveRateTimesValueIsRefused)
{
    // 1 BTC at 10,000 with mm_rate 0.4% has a requirement of 40 before the deduction; 500 would make it −460.
    auto r = evaluatePosition(Venue::Binance, linear(Side::Long, 1, 10000, 10, 0.004, 500));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message(), "positions[0].maintenance_amount: is 500, above mm_rate × the notional at entry (40): "
                                   "the maintenance margin would be negative");
}

TEST(Maintenance, ARequirementNeverGoesNegativeSoLiquidationNeverPassesBankruptcy)
{
    // Rate 1%, deduction 95 on 1 BTC at 10,000, 10x (margin 1,000): the formula's root, (10,000 − 1,000 − 95)
    // / 0.99 = 8,994.95, would need a requirement of 89.95 − 95 < 0. The requirement stops at 0, where
    // equity is 0: liquidation and bankruptcy meet at 9,000.
    auto r = evaluatePosition(Venue::Binance, linear(Side::Long, 1, 10000, 10, 0.01, 95));
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(*r->liquidationPrice, 9000.0, 1e-9);
    EXPECT_NEAR(*r->bankruptcyPrice, 9000.0, 1e-9);
}

TEST(Limits, OverflowAndUnderflowAreRefusedNamingTheField)
{
    AccountInput a;
    a.walletBalance = 1000;
    PositionInput cross = linear(Side::Long, 1, 1e308, 10, 0.01);
    cross.mode = MarginMode::Cross;
    a.positions = {cross};
    auto huge = evaluateAccount(a);
    ASSERT_FALSE(huge.ok());
    EXPECT_EQ(huge.error().message(), "positions[0].entry_price: must lie between 1e-09 and 1e+12");

    auto tinyLeverage = evaluatePosition(Venue::Textbook, linear(Side::Long, 1, 10000, 5e-324, 0.01));
    ASSERT_FALSE(tinyLeverage.ok());
    EXPECT_EQ(tinyLeverage.error().message(), "positions[0].leverage: must lie between 1 and 10000 (1 means no leverage)");

    auto tinyEntry = evaluatePosition(Venue::Textbook, linear(Side::Long, 1, 5e-324, 10, 0.01));
    ASSERT_FALSE(tinyEntry.ok());
    EXPECT_EQ(tinyEntry.error().message(), "positions[0].entry_price: must lie between 1e-09 and 1e+12");
}

TEST(Optional, ACrossPositionNeedsNoLeverage)
{
    // Wallet 2,000; 1 BTC cross long at 10,000, MMR 1%: 2,000 + (P − 10,000) = 0.01 × 10,000 → 8,100,
    // whatever the leverage. Only the initial margin needs it.
    AccountInput a;
    a.walletBalance = 2000;
    PositionInput p = linear(Side::Long, 1, 10000, 10, 0.01);
    p.mode = MarginMode::Cross;
    p.leverage.reset();
    a.positions = {p};
    auto r = evaluateAccount(a);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(*r->positions[0].liquidationPrice, 8100.0, 1e-9);
    EXPECT_FALSE(r->positions[0].initialMarginKnown);
    ASSERT_EQ(r->positions[0].notes.size(), 1u);
    EXPECT_EQ(r->positions[0].notes[0], "initial_margin: needs the leverage; the liquidation price of a cross position does not");
}

TEST(Optional, AnIsolatedPositionNeedsLeverageOrMargin)
{
    PositionInput p = linear(Side::Long, 1, 10000, 10, 0.01);
    p.leverage.reset();
    auto r = evaluatePosition(Venue::Textbook, p);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message(), "positions[0].leverage: is required for an isolated position (or give isolated_margin)");
    p.isolatedMargin = 1000;
    auto withMargin = evaluatePosition(Venue::Textbook, p);
    ASSERT_TRUE(withMargin.ok()) << withMargin.error().message();
    EXPECT_NEAR(*withMargin->liquidationPrice, 9100.0, 1e-9);
    EXPECT_DOUBLE_EQ(withMargin->initialMargin, 1000.0);
}

TEST(Optional, ARowWithoutMaxLeverageSetsNoCap)
{
    PositionInput p = linear(Side::Long, 1, 10000, 500, 0);
    p.mmRate.reset();
    p.brackets.style = BracketStyle::Cumulative;
    p.brackets.brackets = {{0, 50000, 0.001, 0, 0}, {50000, 250000, 0.005, 200, 0}};
    auto r = evaluatePosition(Venue::Binance, p);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_DOUBLE_EQ(r->maxLeverage, 0.0);
    // (10,000 − 20) / (1 − 0.001): margin 20 at 500x.
    EXPECT_NEAR(*r->liquidationPrice, 9980.0 / 0.999, 1e-9);
}

TEST(Optional, WithoutAMaintenanceRateTheRestIsStillComputed)
{
    // 2 BTC long at 10,000, 5x, funding 0.01%: initial margin 4,000, bankruptcy 8,000, funding 2 per interval.
    PositionInput p = linear(Side::Long, 2, 10000, 5, 0);
    p.mmRate.reset();
    p.fundingRate = 0.0001;
    auto r = evaluatePosition(Venue::Binance, p);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_DOUBLE_EQ(r->initialMargin, 4000.0);
    EXPECT_DOUBLE_EQ(*r->bankruptcyPrice, 8000.0);
    EXPECT_DOUBLE_EQ(r->fundingPayment, 2.0);
    EXPECT_FALSE(r->maintenanceKnown);
    EXPECT_FALSE(r->liquidationKnown);
    EXPECT_FALSE(r->liquidationPrice.has_value());
    ASSERT_EQ(r->notes.size(), 1u);
    EXPECT_EQ(r->notes[0], "maintenance_margin, liquidation_price: no maintenance rate: give mm_rate, brackets, or a symbol with a shipped table");
}

TEST(Optional, HyperliquidWithoutMaxLeverageSaysSo)
{
    PositionInput p = linear(Side::Short, 1, 50000, 10, 0);
    p.mmRate.reset();
    auto r = evaluatePosition(Venue::Hyperliquid, p);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_DOUBLE_EQ(*r->bankruptcyPrice, 55000.0);
    ASSERT_EQ(r->notes.size(), 1u);
    EXPECT_EQ(r->notes[0], "maintenance_margin, liquidation_price: this venue derives maintenance from the asset's max leverage: "
                           "give max_leverage, mm_rate or brackets");
}

TEST(Optional, ACrossPositionWithoutARateLeavesTheCrossAccountUnknown)
{
    AccountInput a;
    a.walletBalance = 5000;
    PositionInput known = linear(Side::Long, 1, 10000, 10, 0.01);
    known.mode = MarginMode::Cross;
    known.id = "a";
    PositionInput unknown = linear(Side::Long, 10, 100, 5, 0);
    unknown.mode = MarginMode::Cross;
    unknown.mmRate.reset();
    unknown.id = "b";
    a.positions = {known, unknown};
    auto r = evaluateAccount(a);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_FALSE(r->crossMaintenanceKnown);
    EXPECT_FALSE(r->shockToLiquidation.has_value());
    EXPECT_FALSE(r->positions[0].liquidationPrice.has_value());
    EXPECT_TRUE(r->positions[0].maintenanceKnown);
    EXPECT_DOUBLE_EQ(r->positions[0].maintenanceMargin, 100.0);
    ASSERT_EQ(r->positions[0].notes.size(), 1u);
    EXPECT_EQ(r->positions[0].notes[0], "liquidation_price: the cross account's maintenance needs the maintenance rate of "
                                        "positions[1], which shares the wallet");
    // Bankruptcy needs no rate: 5,000 + (P − 10,000) + 0 = 0 → 5,000.
    EXPECT_DOUBLE_EQ(*r->positions[0].bankruptcyPrice, 5000.0);
}

TEST(ContractTiers, TheSizeInContractsPicksTheRowWhateverThePrice)
{
    // OKX-style tiers counted in contracts of 0.01 BTC: [0, 1,000) at 0.4%, [1,000, 2,000) at 0.6%.
    // Long 1,500 contracts (15 BTC) at 20,000, 10x: margin 30,000; the row is the second at any price, so
    // liquidation = (15 × 20,000 − 30,000) / (15 × (1 − 0.006)) = 270,000 / 14.91 = 18,108.65…
    PositionInput p = linear(Side::Long, 1500, 20000, 10, 0);
    p.contract.contractSize = 0.01;
    p.mmRate.reset();
    p.brackets.style = BracketStyle::Step;
    p.brackets.unit = BracketUnit::Contracts;
    p.brackets.brackets = {{0, 1000, 0.004, 0, 100}, {1000, 2000, 0.006, 0, 75}};
    auto r = evaluatePosition(Venue::Okx, p);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r->bracket, 1);
    EXPECT_DOUBLE_EQ(r->maintenanceMargin, 1800.0);
    EXPECT_NEAR(*r->liquidationPrice, 270000.0 / 14.91, 1e-9);
    p.quantity = 900;  // 9 BTC: the first row, 0.4%: (180,000 − 18,000) / (9 × 0.996)
    auto small = evaluatePosition(Venue::Okx, p);
    ASSERT_TRUE(small.ok()) << small.error().message();
    EXPECT_EQ(small->bracket, 0);
    EXPECT_NEAR(*small->liquidationPrice, 162000.0 / 8.964, 1e-9);
}

TEST(ContractTiers, CountedInContractsTheyMustBeSteps)
{
    PositionInput p = linear(Side::Long, 1500, 20000, 10, 0);
    p.mmRate.reset();
    p.brackets.style = BracketStyle::Cumulative;
    p.brackets.unit = BracketUnit::Contracts;
    p.brackets.brackets = {{0, 1000, 0.004, 0, 100}, {1000, 2000, 0.006, 2, 75}};
    auto r = evaluatePosition(Venue::Okx, p);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "positions[0].brackets");
}

AccountInput hedged()
{
    // Binance hedge mode: one cross wallet of 1,000 holding 1 BTC long and 0.5 BTC short, both at 10,000, MMR 1%.
    AccountInput a;
    a.venue = Venue::Binance;
    a.walletBalance = 1000;
    PositionInput longLeg = linear(Side::Long, 1, 10000, 10, 0.01);
    longLeg.id = "long";
    longLeg.symbol = "BTCUSDT";
    longLeg.mode = MarginMode::Cross;
    PositionInput shortLeg = linear(Side::Short, 0.5, 10000, 10, 0.01);
    shortLeg.id = "short";
    shortLeg.symbol = "BTCUSDT";
    shortLeg.mode = MarginMode::Cross;
    a.positions = {longLeg, shortLeg};
    return a;
}

TEST(HedgeMode, BothLegsOfASymbolMoveWithItsOneMark)
{
    // Binance's cross formula with pos_1L and pos_1S: LP = (WB + cum − pos_L·EP_L + pos_S·EP_S) /
    // (pos_L·MMR_L + pos_S·MMR_S − pos_L + pos_S) = (1,000 − 10,000 + 5,000) / (0.01 + 0.005 − 1 + 0.5)
    // = 4,000 / 0.485 = 8,247.42…, the same price for both legs. (Holding the short at 10,000 while the
    // long alone moves would give (10,000 − 950) / 0.99 = 9,141.41.)
    auto r = evaluateAccount(hedged());
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(*r->positions[0].liquidationPrice, 4000.0 / 0.485, 1e-6);
    EXPECT_NEAR(*r->positions[1].liquidationPrice, 4000.0 / 0.485, 1e-6);

    const double liq = 4000.0 / 0.485;
    for (auto [factor, expected] : {std::pair{1.0 + 1e-6, false}, std::pair{1.0 - 1e-6, true}}) {
        AccountInput moved = hedged();
        for (auto& p : moved.positions)
            p.markPrice = liq * factor;
        auto at = evaluateAccount(moved);
        ASSERT_TRUE(at.ok());
        EXPECT_EQ(at->positions[0].liquidated, expected) << factor;
        EXPECT_EQ(at->positions[1].liquidated, expected) << factor;
    }
}

}  // namespace
}  // namespace levlab::engine
