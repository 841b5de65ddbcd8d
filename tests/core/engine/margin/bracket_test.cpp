#include "core/engine/margin/bracket.h"

#include <gtest/gtest.h>

namespace levlab::engine {
namespace {

/// Binance BTCUSDT USDⓈ-M table (2021), the one the Binance FAQ quotes.
BracketTable binanceBtc()
{
    BracketTable t;
    t.style = BracketStyle::Cumulative;
    t.brackets = {{0, 50000, 0.004, 0, 125},           {50000, 250000, 0.005, 50, 100},
                  {250000, 1000000, 0.01, 1300, 50},   {1000000, 10000000, 0.025, 16300, 20},
                  {10000000, 20000000, 0.05, 266300, 10}};
    return t;
}

TEST(Bracket, BinanceFaqExamples)
{
    // Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts": a 264,000 USDT
    // position has a maintenance margin rate of 1%; a 500,000 USDT position a maintenance amount of 1,300.
    const auto t = binanceBtc();
    EXPECT_DOUBLE_EQ(bracketFor(t, 264000)->mmRate, 0.01);
    EXPECT_DOUBLE_EQ(bracketFor(t, 500000)->maintenanceAmount, 1300.0);
}

TEST(Bracket, BoundariesBelongToTheUpperRow)
{
    const auto t = binanceBtc();
    EXPECT_EQ(bracketIndexFor(t, 49999.99), 0);
    EXPECT_EQ(bracketIndexFor(t, 50000), 1);
    EXPECT_EQ(bracketIndexFor(t, 0), 0);
    EXPECT_EQ(bracketIndexFor(t, 1e12), 4) << "beyond the table: the last row";
    EXPECT_EQ(bracketIndexFor(BracketTable{}, 1), -1);
}

TEST(Bracket, CumulativeAmountsFollowTheDocumentedRule)
{
    // Binance COIN-M FAQ: amount[n] = floor[n] × (rate[n] − rate[n−1]) + amount[n−1].
    EXPECT_FALSE(validateTable(binanceBtc(), "brackets").has_value());
    auto t = binanceBtc();
    t.brackets[2].maintenanceAmount = 1250;
    auto e = validateTable(t, "brackets");
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->field, "brackets[2].maintenance_amount");
}

TEST(Bracket, StepTablesCarryNoDeduction)
{
    BracketTable t;
    t.style = BracketStyle::Step;
    t.brackets = {{0, 200, 0.005, 0, 100}, {200, 300, 0.01, 0.5, 66.67}};
    auto e = validateTable(t, "b");
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->message(), "b[1].maintenance_amount: step tables raise the whole position's rate and carry no deduction");
}

TEST(Bracket, RowsMustBeContiguous)
{
    auto t = binanceBtc();
    t.brackets[1].notionalFloor = 60000;
    auto e = validateTable(t, "brackets");
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->message(), "brackets[1].notional_floor: must equal the previous bracket's notional_cap");
}

}  // namespace
}  // namespace levlab::engine
