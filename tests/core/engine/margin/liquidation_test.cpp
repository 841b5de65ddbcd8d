#include "core/engine/account/account.h"
#include "core/engine/margin/liquidation.h"
#include "tests/core/engine/test_positions.h"

#include <gtest/gtest.h>

#include <cmath>
#include <ostream>

namespace levlab::engine {
namespace {

using test::inverse;
using test::linear;

/// One worked example: the venue, the position, the expected prices and where
/// the numbers come from.
struct Example {
    const char* source;
    Venue venue;
    PositionInput position;
    double liquidation;
    double bankruptcy;  ///< NAN: not checked
    double tolerance;
};

std::ostream& operator<<(std::ostream& os, const Example& e)
{
    const auto& p = e.position;
    return os << e.source << " [" << venueName(e.venue) << (p.contract.kind == ContractKind::Inverse ? " inverse " : " linear ")
              << (p.side == Side::Long ? "long " : "short ") << p.quantity << " @ " << p.entryPrice << " x" << p.leverage.value_or(-1)
              << " mmr=" << p.mmRate.value_or(-1) << " fee=" << p.feeRate << " margin=" << p.isolatedMargin.value_or(-1) << "]";
}

PositionInput withFee(PositionInput p, double fee)
{
    p.feeRate = fee;
    return p;
}

PositionInput withMargin(PositionInput p, double margin)
{
    p.isolatedMargin = margin;
    return p;
}

PositionInput withFunding(PositionInput p, double funding)
{
    p.fundingRate = funding;
    return p;
}

PositionInput withMaxLeverage(PositionInput p, double maxLev)
{
    p.mmRate.reset();
    p.maxLeverage = maxLev;
    return p;
}

class WorkedExample : public ::testing::TestWithParam<Example> {};

TEST_P(WorkedExample, LiquidationAndBankruptcyMatch)
{
    const Example& e = GetParam();
    auto r = evaluatePosition(e.venue, e.position);
    ASSERT_TRUE(r.ok()) << r.error().message();
    ASSERT_TRUE(r->liquidationPrice.has_value());
    EXPECT_NEAR(*r->liquidationPrice, e.liquidation, e.tolerance);
    if (!std::isnan(e.bankruptcy)) {
        ASSERT_TRUE(r->bankruptcyPrice.has_value());
        EXPECT_NEAR(*r->bankruptcyPrice, e.bankruptcy, e.tolerance);
    }
}

// clang-format off
INSTANTIATE_TEST_SUITE_P(Venues, WorkedExample, ::testing::Values(
    // Reference text 004 ("formula-level deep dive"): 1 BTC at 10,000, 10x, MMR 1% → IM 1,000, MM 100, liquidation 9,100.
    Example{"seed 004 worked liquidation example", Venue::Textbook, linear(Side::Long, 1, 10000, 10, 0.01), 9100.0, 9000.0, 1e-9},
    // Same trade short, worked by hand: 10,000 + (1,000 − 100) = 10,900; bankrupt at 11,000.
    Example{"seed 004 mirrored for a short", Venue::Textbook, linear(Side::Short, 1, 10000, 10, 0.01), 10900.0, 11000.0, 1e-9},
    // Bybit help "Liquidation Price (USDT Contract)", Example 1: long 1 BTC at 20,000, 50x, MMR 0.5% → 19,700.
    Example{"Bybit USDT contract example 1", Venue::Bybit, linear(Side::Long, 1, 20000, 50, 0.005), 19700.0, 19600.0, 1e-9},
    // Same formula, short side, by hand: 20,000 + (400 − 100) = 20,300.
    Example{"Bybit USDT formula, short", Venue::Bybit, linear(Side::Short, 1, 20000, 50, 0.005), 20300.0, 20400.0, 1e-9},
    // Bybit: extra margin of 100 on example 1 moves it by 100 / size: 19,600.
    Example{"Bybit USDT formula, extra margin", Venue::Bybit, withMargin(linear(Side::Long, 1, 20000, 50, 0.005), 500), 19600.0, 19500.0, 1e-9},
    // Bybit help "Liquidation Price Calculation under Isolated Mode (UTA)", inverse: 60,000 USD long at 50,000, 10x,
    // MMR 0.5%, no extra margin: 60,000 × 1.005 / (1.2 + 0.12) = 45,681.8181…
    Example{"Bybit UTA inverse isolated, long", Venue::Bybit, withFee(inverse(Side::Long, 60000, 50000, 10, 0.005), 0.00055), 60300.0 / 1.32, NAN, 1e-6},
    // Same, short: 60,000 × 0.995 / (1.2 − 0.12) = 55,277.77…
    Example{"Bybit UTA inverse isolated, short", Venue::Bybit, withFee(inverse(Side::Short, 60000, 50000, 10, 0.005), 0.00055), 59700.0 / 1.08, NAN, 1e-6},
    // Gate help "Calculation of Liquidation Price", linear long: (20,000 − 2,000/1/1) / (1 − (0.5% + 0.075%)).
    Example{"Gate linear formula, long", Venue::Gate, withFee(linear(Side::Long, 1, 20000, 10, 0.005), 0.00075), 18000.0 / 0.99425, 18000.0, 1e-6},
    // Gate, linear short: (20,000 + 2,000) / (1 + 0.575%).
    Example{"Gate linear formula, short", Venue::Gate, withFee(linear(Side::Short, 1, 20000, 10, 0.005), 0.00075), 22000.0 / 1.00575, 22000.0, 1e-6},
    // Gate inverse long: size × entry × (1 + MMR + taker) / (size + margin × entry) = 10,000 × 8,000 × 1.00575 / (10,000 + 0.125 × 8,000).
    Example{"Gate inverse formula, long", Venue::Gate, withFee(inverse(Side::Long, 10000, 8000, 10, 0.005), 0.00075), 80460000.0 / 11000.0, 80000000.0 / 11000.0, 1e-6},
    // OKX: margin ratio = (margin + UPL) / (MM + fee) = 100% ⇒ (q·E − margin) / (q·(1 − MMR − taker)): 100 contracts × 0.01 BTC at 30,000, 10x.
    Example{"OKX isolated linear, long", Venue::Okx, withFee([] { auto p = linear(Side::Long, 100, 30000, 10, 0.004); p.contract.contractSize = 0.01; return p; }(), 0.0005), 27000.0 / 0.9955, 27000.0, 1e-6},
    // Hyperliquid docs "Liquidations": liq = price − side·margin_available/size/(1 − l·side), l = 1/(2·40):
    // 50,000 − (5,000 − 625)/0.9875 = 45,569.62…
    Example{"Hyperliquid formula, long", Venue::Hyperliquid, withMaxLeverage(linear(Side::Long, 1, 50000, 10, 0), 40), 50000.0 - 4375.0 / 0.9875, 45000.0, 1e-6},
    Example{"Hyperliquid formula, short", Venue::Hyperliquid, withMaxLeverage(linear(Side::Short, 1, 50000, 10, 0), 40), 50000.0 + 4375.0 / 1.0125, 55000.0, 1e-6},
    // BitMEX XBTUSD: 10,000 contracts long at 10,000, 100x (margin 0.01 XBT); maintenance 0.5% + taker 0.075% + funding
    // 0.01% of the 1 XBT entry value = 0.00585 XBT ⇒ 10,000 / (1 + 0.01 − 0.00585); bankruptcy 10,000 / 1.01.
    Example{"BitMEX XBTUSD liquidation, long 100x", Venue::Bitmex, withFunding(withFee(inverse(Side::Long, 10000, 10000, 100, 0.005), 0.00075), 0.0001), 10000.0 / 1.00415, 10000.0 / 1.01, 1e-6},
    // The short receives the positive funding, so it is not added: 10,000 / (1 − 0.01 + 0.00575).
    Example{"BitMEX XBTUSD liquidation, short 100x", Venue::Bitmex, withFunding(withFee(inverse(Side::Short, 10000, 10000, 100, 0.005), 0.00075), 0.0001), 10000.0 / 0.99575, 10000.0 / 0.99, 1e-6}
));
// clang-format on

TEST(Liquidation, BinanceIsolatedFormulaWithBracketOne)
{
    // Binance FAQ, isolated (TMM1 = UPNL1 = 0): LP = (WB + cum − side·pos·EP) / (pos·MMR − side·pos)
    // = (1,000 + 0 − 10,000) / (0.004 − 1) for 1 BTC long at 10,000 with a 1,000 isolated wallet.
    PositionInput p = linear(Side::Long, 1, 10000, 10, 0.004);
    auto r = evaluatePosition(Venue::Binance, p);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(*r->liquidationPrice, 9000.0 / 0.996, 1e-9);
}

TEST(Liquidation, BinanceUsesTheBracketAtTheLiquidationNotional)
{
    // 26 BTC long at 10,000 is 260,000 notional (bracket 3: 1%, cum 1,300) but at 2x it liquidates near
    // 5,000, i.e. 130,000 notional in bracket 2 (0.5%, cum 50). Binance's FAQ: substitute the level at the
    // liquidation price and recalculate: (130,000 + 50 − 260,000) / (26·0.005 − 26) = 5,023.19…
    PositionInput p = linear(Side::Long, 26, 10000, 2, 0);
    p.mmRate.reset();
    p.brackets.style = BracketStyle::Cumulative;
    p.brackets.brackets = {{0, 50000, 0.004, 0, 125}, {50000, 250000, 0.005, 50, 100}, {250000, 1000000, 0.01, 1300, 50}};
    auto r = evaluatePosition(Venue::Binance, p);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(*r->liquidationPrice, 129950.0 / 25.87, 1e-9);
    EXPECT_EQ(r->bracket, 2) << "at mark the position sits in the third row";
    EXPECT_DOUBLE_EQ(r->maintenanceMargin, 260000 * 0.01 - 1300);
}

TEST(Liquidation, HyperliquidFormulaHoldsAtAMarkAwayFromEntry)
{
    // The docs' form uses the current price and margin_available = equity − maintenance at that price; the
    // liquidation price must not depend on where the mark is: at mark 52,000 margin_available =
    // 5,000 + 2,000 − 650 = 6,350 and liq = 52,000 − 6,350 / 0.9875, the same 45,569.62.
    PositionInput p = withMaxLeverage(linear(Side::Long, 1, 50000, 10, 0), 40);
    p.markPrice = 52000;
    auto r = evaluatePosition(Venue::Hyperliquid, p);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(*r->liquidationPrice, 52000.0 - 6350.0 / 0.9875, 1e-6);
    EXPECT_NEAR(*r->liquidationPrice, 50000.0 - 4375.0 / 0.9875, 1e-6);
    EXPECT_DOUBLE_EQ(r->mmRate, 0.0125);
}

TEST(Liquidation, OneTimesLongWithFullMarginIsNeverLiquidated)
{
    // 1x long at MMR 0: liquidation would need a price of zero — unreachable.
    auto r = evaluatePosition(Venue::Textbook, linear(Side::Long, 1, 10000, 1, 0.0));
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_FALSE(r->liquidationPrice.has_value());
    EXPECT_FALSE(r->liquidationDistance.has_value());
}

TEST(Liquidation, InverseShortAtOneTimesNeverGoesBankrupt)
{
    // A 1x inverse short loses at most its 1 XBT margin as the price runs to infinity: no bankruptcy
    // price. Maintenance (0.005 XBT) is still reached, where 1 + 10,000 (1/P − 1/10,000) = 0.005:
    // P = 10,000 / 0.005 = 2,000,000.
    auto r = evaluatePosition(Venue::Textbook, inverse(Side::Short, 10000, 10000, 1, 0.005));
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_FALSE(r->bankruptcyPrice.has_value());
    EXPECT_NEAR(*r->liquidationPrice, 2000000.0, 1e-6);
}

TEST(Liquidation, DistanceIsMeasuredFromEntry)
{
    auto r = evaluatePosition(Venue::Textbook, linear(Side::Long, 1, 10000, 10, 0.01));
    ASSERT_TRUE(r.ok());
    EXPECT_NEAR(*r->liquidationDistance, 0.09, 1e-12);
}

// Properties, across every venue and both contract kinds.
class LiquidationProperties : public ::testing::TestWithParam<std::tuple<Venue, ContractKind>> {
protected:
    PositionInput make(Side side, double leverage) const
    {
        auto [venue, kind] = GetParam();
        PositionInput p = kind == ContractKind::Linear ? linear(side, 1, 10000, leverage, 0.005)
                                                       : inverse(side, 10000, 10000, leverage, 0.005);
        p.feeRate = 0.0005;
        p.fundingRate = 0.0001;
        if (venue == Venue::Hyperliquid)
            p = withMaxLeverage(p, 100);
        return p;
    }
};

TEST_P(LiquidationProperties, LongBelowEntryBelowShort)
{
    const Venue venue = std::get<0>(GetParam());
    for (double lev : {2.0, 5.0, 10.0, 25.0, 50.0}) {
        auto lo = evaluatePosition(venue, make(Side::Long, lev));
        auto sh = evaluatePosition(venue, make(Side::Short, lev));
        ASSERT_TRUE(lo.ok()) << lo.error().message();
        ASSERT_TRUE(sh.ok()) << sh.error().message();
        ASSERT_TRUE(lo->liquidationPrice && sh->liquidationPrice) << "leverage " << lev;
        EXPECT_LT(*lo->liquidationPrice, 10000.0) << "leverage " << lev;
        EXPECT_GT(*sh->liquidationPrice, 10000.0) << "leverage " << lev;
        EXPECT_LE(*lo->bankruptcyPrice, *lo->liquidationPrice) << "leverage " << lev;
        EXPECT_GE(*sh->bankruptcyPrice, *sh->liquidationPrice) << "leverage " << lev;
    }
}

TEST_P(LiquidationProperties, LiquidationApproachesEntryAsLeverageRises)
{
    const Venue venue = std::get<0>(GetParam());
    for (Side side : {Side::Long, Side::Short}) {
        double previous = INFINITY;
        for (double lev : {2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 90.0}) {
            auto r = evaluatePosition(venue, make(side, lev));
            ASSERT_TRUE(r.ok()) << r.error().message();
            ASSERT_TRUE(r->liquidationDistance.has_value());
            EXPECT_LT(*r->liquidationDistance, previous) << "leverage " << lev;
            previous = *r->liquidationDistance;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(AllVenues, LiquidationProperties,
                         ::testing::Combine(::testing::ValuesIn(kAllVenues),
                                            ::testing::Values(ContractKind::Linear, ContractKind::Inverse)),
                         [](const auto& param) {
                             return std::string(venueName(std::get<0>(param.param)))
                                    + (std::get<1>(param.param) == ContractKind::Linear ? "Linear" : "Inverse");
                         });

TEST(PriceWhereEquityMeets, ClosedFormsAgreeWithTheCondition)
{
    // Whatever the closed form, collateral + PnL(P) must equal the requirement at P.
    for (ContractKind kind : {ContractKind::Linear, ContractKind::Inverse}) {
        for (Side side : {Side::Long, Side::Short}) {
            for (MaintenanceBasis basis : {MaintenanceBasis::EntryValue, MaintenanceBasis::MarkValue}) {
                const double q = kind == ContractKind::Linear ? 2.0 : 20000.0;
                const Backing b{kind, side, q, 10000.0, kind == ContractKind::Linear ? 2000.0 : 0.2};
                const double rate = 0.007;
                const double amount = kind == ContractKind::Linear ? 15.0 : 0.0015;
                auto p = priceWhereEquityMeets(b, basis, rate, amount);
                ASSERT_TRUE(p.has_value());
                const double basisPrice = basis == MaintenanceBasis::EntryValue ? 10000.0 : *p;
                const double lhs = b.collateral + profitAndLoss(kind, side, q, 10000.0, *p);
                const double rhs = rate * positionValue(kind, q, basisPrice) - amount;
                EXPECT_NEAR(lhs, rhs, 1e-9 * std::max(1.0, std::abs(rhs)));
            }
        }
    }
}

}  // namespace
}  // namespace levlab::engine
