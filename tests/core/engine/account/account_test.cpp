#include "core/engine/account/account.h"
#include "tests/core/engine/test_positions.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace levlab::engine {
namespace {

using test::linear;

/// The portfolio case worked by hand (textbook venue, MMR 1% each): wallet 2,000;
/// `a` long 1 BTC at 10,000, 10x; `b` long 10 ETH at 100, 2x.
AccountInput twoLongs(MarginMode mode, double move)
{
    AccountInput acc;
    acc.venue = Venue::Textbook;
    acc.walletBalance = 2000.0;
    PositionInput a = linear(Side::Long, 1, 10000, 10, 0.01);
    a.id = "a";
    a.mode = mode;
    a.markPrice = 10000 * (1 + move);
    PositionInput b = linear(Side::Long, 10, 100, 2, 0.01);
    b.id = "b";
    b.mode = mode;
    b.markPrice = 100 * (1 + move);
    acc.positions = {a, b};
    return acc;
}

TEST(Account, IsolatedLiquidationPricesOfTheWorkedCase)
{
    auto r = evaluateAccount(twoLongs(MarginMode::Isolated, 0.0));
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_DOUBLE_EQ(r->positions[0].initialMargin, 1000.0);
    EXPECT_DOUBLE_EQ(r->positions[0].maintenanceMargin, 100.0);
    EXPECT_NEAR(*r->positions[0].liquidationPrice, 9100.0, 1e-9);
    EXPECT_DOUBLE_EQ(r->positions[1].initialMargin, 500.0);
    EXPECT_DOUBLE_EQ(r->positions[1].maintenanceMargin, 10.0);
    EXPECT_NEAR(*r->positions[1].liquidationPrice, 51.0, 1e-9);
    EXPECT_DOUBLE_EQ(r->crossWallet, 500.0);
    EXPECT_FALSE(r->shockToLiquidation.has_value()) << "no cross positions";
}

TEST(Account, AllCrossAtMinusTwelvePercentKeepsSixHundredEighty)
{
    auto r = evaluateAccount(twoLongs(MarginMode::Cross, -0.12));
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(r->equity, 680.0, 1e-9);
    EXPECT_NEAR(r->crossEquity, 680.0, 1e-9);
    EXPECT_DOUBLE_EQ(r->crossMaintenanceMargin, 110.0);
    EXPECT_FALSE(r->positions[0].liquidated);
    EXPECT_FALSE(r->positions[1].liquidated);
}

TEST(Account, AllIsolatedAtMinusTwelvePercentLiquidatesOnlyA)
{
    auto r = evaluateAccount(twoLongs(MarginMode::Isolated, -0.12));
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_TRUE(r->positions[0].liquidated);
    EXPECT_FALSE(r->positions[1].liquidated);
}

TEST(Account, CrossAccountIsLiquidatedByAMoveOfMinus17Point18Percent)
{
    // 2,000 + 11,000 × move = 110 ⇒ move = −1,890 / 11,000.
    auto r = evaluateAccount(twoLongs(MarginMode::Cross, 0.0));
    ASSERT_TRUE(r.ok()) << r.error().message();
    ASSERT_TRUE(r->shockToLiquidation.has_value());
    EXPECT_NEAR(*r->shockToLiquidation, -1890.0 / 11000.0, 1e-12);
}

TEST(Account, CrossLiquidationPriceCountsTheOtherPositions)
{
    // Binance's TMM1/UPNL1 idea in the textbook rule: a's collateral is the 2,000 wallet less b's 10
    // maintenance, so a liquidates where 1,990 + (P − 10,000) = 100: P = 8,110.
    auto r = evaluateAccount(twoLongs(MarginMode::Cross, 0.0));
    ASSERT_TRUE(r.ok());
    EXPECT_NEAR(*r->positions[0].liquidationPrice, 8110.0, 1e-9);
    EXPECT_NEAR(r->positions[0].margin, 1990.0, 1e-9);
}

TEST(Account, BinanceCrossFormulaWithAnotherPositionUnderwater)
{
    // Binance FAQ cross formula, by hand: WB 10,000; ETH short 10 at 2,000 marked 2,100 (UPNL −1,000,
    // notional 21,000 in the second ETH row: 0.65%, cum 15 ⇒ MM 121.5); BTC long 1 at 40,000 at 0.4%:
    // LP = (10,000 − 121.5 − 1,000 + 0 − 40,000) / (0.004 − 1) = 31,246.49…
    AccountInput acc;
    acc.venue = Venue::Binance;
    acc.walletBalance = 10000;
    PositionInput btc = linear(Side::Long, 1, 40000, 20, 0);
    btc.id = "btc";
    btc.mmRate.reset();
    btc.mode = MarginMode::Cross;
    btc.brackets.brackets = {{0, 50000, 0.004, 0, 125}, {50000, 250000, 0.005, 50, 100}};
    PositionInput eth = linear(Side::Short, 10, 2000, 20, 0);
    eth.id = "eth";
    eth.mmRate.reset();
    eth.mode = MarginMode::Cross;
    eth.markPrice = 2100;
    eth.brackets.brackets = {{0, 10000, 0.005, 0, 100}, {10000, 100000, 0.0065, 15, 75}};
    acc.positions = {btc, eth};
    auto r = evaluateAccount(acc);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(r->positions[1].maintenanceMargin, 121.5, 1e-9);
    EXPECT_NEAR(*r->positions[0].liquidationPrice, 31121.5 / 0.996, 1e-6);
}

TEST(Account, HedgedCrossSurvivesAMoveThatLiquidatesTheSameLegsIsolated)
{
    // Long and short 1 BTC at 10,000, 20x (500 margin each), MMR 1%, wallet 1,000. A 10% fall
    // liquidates the isolated long (its liquidation is 9,600) while the cross pair's PnL nets to zero.
    for (double move : {-0.10, +0.10}) {
        AccountInput acc;
        acc.walletBalance = 1000;
        for (Side side : {Side::Long, Side::Short}) {
            PositionInput p = linear(side, 1, 10000, 20, 0.01);
            p.id = side == Side::Long ? "long" : "short";
            p.markPrice = 10000 * (1 + move);
            acc.positions.push_back(p);
        }
        auto isolated = evaluateAccount(acc);
        ASSERT_TRUE(isolated.ok()) << isolated.error().message();
        EXPECT_TRUE(isolated->positions[0].liquidated || isolated->positions[1].liquidated) << "move " << move;

        for (auto& p : acc.positions)
            p.mode = MarginMode::Cross;
        auto cross = evaluateAccount(acc);
        ASSERT_TRUE(cross.ok()) << cross.error().message();
        EXPECT_FALSE(cross->positions[0].liquidated) << "move " << move;
        EXPECT_FALSE(cross->positions[1].liquidated) << "move " << move;
        EXPECT_NEAR(cross->crossEquity, 1000.0, 1e-9);
        EXPECT_FALSE(cross->shockToLiquidation.has_value()) << "a perfect hedge has no liquidating move";
    }
}

TEST(Account, ShockOfAnInverseCrossAccountSolvesTheNonlinearCase)
{
    // Inverse long, 10,000 USD at 10,000 with 0.2 XBT cross wallet, MMR 0.5% on entry value (0.005 XBT):
    // 0.2 + 10,000 (1/10,000 − 1/P) = 0.005 ⇒ P = 10,000 / 1.195 ⇒ move = 1/1.195 − 1.
    AccountInput acc;
    acc.walletBalance = 0.2;
    PositionInput p = test::inverse(Side::Long, 10000, 10000, 10, 0.005);
    p.mode = MarginMode::Cross;
    acc.positions = {p};
    auto r = evaluateAccount(acc);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(*r->shockToLiquidation, 1.0 / 1.195 - 1.0, 1e-10);
    EXPECT_NEAR(*r->positions[0].liquidationPrice, 10000.0 / 1.195, 1e-6);
}

TEST(Account, ShortCrossAccountIsLiquidatedByARise)
{
    AccountInput acc;
    acc.walletBalance = 1000;
    PositionInput p = linear(Side::Short, 1, 10000, 10, 0.01);
    p.mode = MarginMode::Cross;
    acc.positions = {p};
    auto r = evaluateAccount(acc);
    ASSERT_TRUE(r.ok());
    EXPECT_NEAR(*r->shockToLiquidation, 0.09, 1e-12);  // 1,000 − 10,000 m = 100
}

TEST(Account, IsolatedLossesNeverTouchTheCrossWallet)
{
    // `a` isolated sinks far below its liquidation price; the cross position `b` keeps the wallet
    // less a's 1,000 margin as collateral, and the same liquidation price, whatever a's mark.
    double previous = 0.0;
    for (double aMark : {10000.0, 9000.0, 5000.0}) {
        AccountInput acc = twoLongs(MarginMode::Isolated, 0.0);
        acc.positions[0].markPrice = aMark;
        acc.positions[1].mode = MarginMode::Cross;
        auto r = evaluateAccount(acc);
        ASSERT_TRUE(r.ok()) << r.error().message();
        EXPECT_DOUBLE_EQ(r->crossWallet, 1000.0);
        EXPECT_DOUBLE_EQ(r->positions[1].margin, 1000.0);
        // 1,000 + 10 (P − 100) = 10 ⇒ P = 1.
        EXPECT_NEAR(*r->positions[1].liquidationPrice, 1.0, 1e-9);
        if (previous != 0.0) {
            EXPECT_DOUBLE_EQ(*r->positions[1].liquidationPrice, previous);
        }
        previous = *r->positions[1].liquidationPrice;
    }
}

TEST(Account, CrossLossesNeverTouchIsolatedMargin)
{
    AccountInput acc = twoLongs(MarginMode::Isolated, 0.0);
    acc.positions[1].mode = MarginMode::Cross;
    acc.positions[1].markPrice = 0.5;  // 1,000 − 995 = 5 left, below its maintenance of 10
    auto r = evaluateAccount(acc);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_TRUE(r->positions[1].liquidated);
    EXPECT_FALSE(r->positions[0].liquidated);
    EXPECT_DOUBLE_EQ(r->positions[0].margin, 1000.0);
    EXPECT_NEAR(*r->positions[0].liquidationPrice, 9100.0, 1e-9);
}

TEST(Account, BybitInverseCrossBankruptcyKeepsTheFeeToClose)
{
    // Bybit help "How to calculate Liquidation Price (Inverse Contract)", cross example: balance 0.5 BTC,
    // long 10,000 contracts at 8,000: bankruptcy = 1.00075 × 10,000 / (10,000/8,000 + 0.5) = 5,718.57.
    AccountInput acc;
    acc.venue = Venue::Bybit;
    acc.walletBalance = 0.5;
    PositionInput p = test::inverse(Side::Long, 10000, 8000, 50, 0.005);
    p.mode = MarginMode::Cross;
    p.feeRate = 0.00075;
    acc.positions = {p};
    auto r = evaluateAccount(acc);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(*r->positions[0].bankruptcyPrice, 5718.57, 0.005);
}

// Bad input: every class refused with the field named.
struct BadInput {
    const char* what;
    void (*spoil)(AccountInput&);
    const char* field;
    const char* reason;
};

class RefusesBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(RefusesBadInput, NamesTheFieldAndTheReason)
{
    AccountInput acc = twoLongs(MarginMode::Isolated, 0.0);
    GetParam().spoil(acc);
    auto r = evaluateAccount(acc);
    ASSERT_FALSE(r.ok()) << GetParam().what;
    EXPECT_EQ(r.error().field, GetParam().field) << GetParam().what;
    EXPECT_EQ(r.error().reason, GetParam().reason) << GetParam().what;
}

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// clang-format off
INSTANTIATE_TEST_SUITE_P(Classes, RefusesBadInput, ::testing::Values(
    BadInput{"zero entry", [](AccountInput& a) { a.positions[0].entryPrice = 0; }, "positions[0].entry_price", "must be a finite number greater than 0"},
    BadInput{"negative entry", [](AccountInput& a) { a.positions[1].entryPrice = -5; }, "positions[1].entry_price", "must be a finite number greater than 0"},
    BadInput{"NaN entry", [](AccountInput& a) { a.positions[0].entryPrice = kNan; }, "positions[0].entry_price", "must be a finite number greater than 0"},
    BadInput{"infinite mark", [](AccountInput& a) { a.positions[0].markPrice = kInf; }, "positions[0].mark_price", "must be a finite number greater than 0"},
    BadInput{"zero quantity", [](AccountInput& a) { a.positions[0].quantity = 0; }, "positions[0].quantity", "must be a finite number greater than 0"},
    BadInput{"NaN quantity", [](AccountInput& a) { a.positions[0].quantity = kNan; }, "positions[0].quantity", "must be a finite number greater than 0"},
    BadInput{"infinite quantity", [](AccountInput& a) { a.positions[0].quantity = kInf; }, "positions[0].quantity", "must be a finite number greater than 0"},
    BadInput{"zero leverage", [](AccountInput& a) { a.positions[0].leverage = 0; }, "positions[0].leverage", "must be a finite number greater than 0"},
    BadInput{"negative leverage", [](AccountInput& a) { a.positions[0].leverage = -2; }, "positions[0].leverage", "must be a finite number greater than 0"},
    BadInput{"leverage above bracket max", [](AccountInput& a) { a.positions[0].mmRate.reset(); a.positions[0].brackets.brackets = {{0, 50000, 0.004, 0, 125}, {50000, 250000, 0.005, 50, 100}}; a.positions[0].quantity = 10; a.positions[0].leverage = 125; a.walletBalance = 20000; },
             "positions[0].leverage", "125x is above the 100x maximum of bracket 2 (notional 50000 to 250000)"},
    BadInput{"leverage that liquidates on opening", [](AccountInput& a) { a.positions[0].leverage = 150; }, "positions[0].leverage", "at 150x the initial margin (66.66666667) does not exceed the maintenance margin (100): it would be liquidated on opening"},
    BadInput{"wallet below isolated margins", [](AccountInput& a) { a.walletBalance = 1200; }, "wallet_balance", "1200 does not cover the isolated margins (1500)"},
    BadInput{"negative wallet", [](AccountInput& a) { a.walletBalance = -1; }, "wallet_balance", "must be a finite number, not negative"},
    BadInput{"cross without wallet", [](AccountInput& a) { a.walletBalance.reset(); a.positions[1].mode = MarginMode::Cross; }, "wallet_balance", "cross positions draw on the wallet: give wallet_balance"},
    BadInput{"mixed settlement", [](AccountInput& a) { a.positions[1].contract.kind = ContractKind::Inverse; }, "positions[1].contract", "an account settles in one currency: linear and inverse positions cannot share a wallet"},
    BadInput{"duplicate id", [](AccountInput& a) { a.positions[1].id = "a"; }, "positions[1].id", "'a' is used by another position"},
    BadInput{"bad fee", [](AccountInput& a) { a.positions[0].feeRate = -0.001; }, "positions[0].fee_rate", "must lie in [0, 0.1) (a fraction: 0.0006 is 0.06%)"},
    BadInput{"bad lot", [](AccountInput& a) { a.positions[1].contract.lotSize = 3; }, "positions[1].quantity", "must be a whole number of lots of 3"},
    BadInput{"isolated margin on cross", [](AccountInput& a) { a.positions[0].mode = MarginMode::Cross; a.positions[0].isolatedMargin = 5; }, "positions[0].isolated_margin", "a cross position draws on the wallet; use isolated mode or drop it"},
    BadInput{"inconsistent cumulative table", [](AccountInput& a) { a.positions[0].mmRate.reset(); a.positions[0].brackets.brackets = {{0, 50000, 0.004, 0, 125}, {50000, 250000, 0.005, 70, 100}}; }, "positions[0].brackets[1].maintenance_amount", "is 70 but the previous amount + notional_floor × the rate step gives 50: the maintenance margin would jump at the row's floor"}
));
// clang-format on

}  // namespace
}  // namespace levlab::engine
