#include "core/model/scenario/exit_plan_json.h"
#include "core/model/scenario/venue_plans.h"
#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

namespace {

using namespace levlab;

engine::Result<engine::TradePlan> plan(const char* exits, const char* side = "long")
{
    const QByteArray bytes = QByteArray(R"({"positions": [{"side": ")") + side
                             + R"(", "quantity": 1, "entry_price": 10000, "leverage": 10, "mm_rate": 0.01}])" + exits + "}";
    return model::parseTradePlan(bytes, model::TierLibrary{});
}

TEST(ExitPlanJson, MovesAreFractionsOfTheEntryInTheTradesFavourOrAgainstIt)
{
    auto p = plan(R"(, "stop_loss": {"move": 0.05, "moves": [{"after_target": 2, "price": 10400}]},
                     "exit_ladder": {"targets": [{"move": 0.05, "share": 0.5}, {"price": 10800, "share": 0.3}, {"move": 0.12, "share": 0.2}]},
                     "break_even_after": {"target": 1}, "exit_trigger": "last",
                     "trailing_stop": {"distance_price": 150, "activation_price": 10900},
                     "margin_rules": {"top_up": [{"at_margin_ratio": 0.8, "add": 100, "max_times": 3, "max_total": 250}],
                                      "deleverage": [{"at_margin_ratio": 0.9, "close": 0.5}]})");
    ASSERT_TRUE(p.ok()) << p.error().message();
    const engine::ExitPlan& x = p->exits;
    EXPECT_DOUBLE_EQ(*x.stopLoss, 9500.0);
    ASSERT_EQ(x.targets.size(), 3u);
    EXPECT_DOUBLE_EQ(x.targets[0].price, 10500.0);
    EXPECT_DOUBLE_EQ(x.targets[2].price, 11200.0);
    ASSERT_EQ(x.stopMoves.size(), 2u);
    EXPECT_EQ(x.stopMoves[0].afterTarget, 2);
    EXPECT_DOUBLE_EQ(x.stopMoves[0].price, 10400.0);
    EXPECT_TRUE(x.stopMoves[1].breakEven);
    EXPECT_EQ(x.trigger, engine::ExitTrigger::Last);
    EXPECT_TRUE(x.trailing->inPrice);
    EXPECT_DOUBLE_EQ(*x.trailing->activationPrice, 10900.0);
    EXPECT_EQ(x.topUps[0].maxTimes, 3);
    EXPECT_DOUBLE_EQ(*x.topUps[0].maxTotal, 250.0);
    EXPECT_EQ(x.deleverages[0].maxTimes, 1);

    auto s = plan(R"(, "stop_loss": {"move": 0.05}, "exit_ladder": {"targets": [{"move": 0.05, "share": 1}]})", "short");
    ASSERT_TRUE(s.ok());
    EXPECT_DOUBLE_EQ(*s->exits.stopLoss, 10500.0);
    EXPECT_DOUBLE_EQ(s->exits.targets[0].price, 9500.0);
}

TEST(ExitPlanJson, ErrorsNameTheField)
{
    EXPECT_EQ(plan(R"(, "exit_ladder": {"targets": [{"price": 10500, "move": 0.05, "share": 1}]})").error().message(),
              "exit_ladder.targets[0]: give either price or move (a fraction of the entry: 0.05 is 5%)");
    EXPECT_EQ(plan(R"(, "exit_ladder": [])").error().message(), "exit_ladder: must be an object");
    EXPECT_EQ(plan(R"(, "break_even_after": {"target": 1.5}, "exit_ladder": {"targets": [{"price": 10500, "share": 1}]})").error().message(),
              "break_even_after.target: must be a whole number from 1 to 1000000");
    EXPECT_EQ(plan(R"(, "margin_rules": {"top_up": [{"at_margin_ratio": 1.2, "add": 100}]})").error().message(),
              "margin_rules.top_up[0].at_margin_ratio: must lie in (0, 1) (0.8 is 80%; 100% is liquidation)");
    EXPECT_EQ(plan(R"(, "stop_loss": {"price": 10100})").error().message(), "stop_loss.price: a long's stop must lie below the entry (10000)");
    EXPECT_EQ(plan(R"(, "trailing_stop": {"distance": 2})").error().message(),
              "trailing_stop.distance: must lie in (0, 1) (a fraction of the price: 0.02 is 2%)");
    EXPECT_EQ(plan(R"(, "exit_trigger": "index")").error().message(), "exit_trigger: 'index' is not one of mark, last");
}

TEST(VenuePlans, BaseAssetOfEachVenuesSymbol)
{
    EXPECT_EQ(model::baseAsset(QStringLiteral("BTCUSDT")), QStringLiteral("BTC"));
    EXPECT_EQ(model::baseAsset(QStringLiteral("BTC-USDT-SWAP")), QStringLiteral("BTC"));
    EXPECT_EQ(model::baseAsset(QStringLiteral("XBTUSD")), QStringLiteral("BTC"));
    EXPECT_EQ(model::baseAsset(QStringLiteral("eth_usdt")), QStringLiteral("ETH"));
    EXPECT_EQ(model::baseAsset(QStringLiteral("BTC-PERP")), QStringLiteral("BTC"));
    // Asked again and in turn (answers are kept): each its own.
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(model::baseAsset(QStringLiteral("SOLUSDT")), QStringLiteral("SOL"));
        EXPECT_EQ(model::baseAsset(QStringLiteral("SOLUSDT")), QStringLiteral("SOL"));
        EXPECT_EQ(model::baseAsset(QStringLiteral("ETHUSDT")), QStringLiteral("ETH"));
        EXPECT_EQ(model::baseAsset(QString()), QString());
    }
}

TEST(VenuePlans, EachVenueTakesItsOwnTableForTheAsset)
{
    const auto tiers = model::TierLibrary::loadShipped();
    auto plans = model::planOnEveryVenue(
        R"({"venue": "okx", "positions": [{"symbol": "ETH-USDT-SWAP", "side": "short", "quantity": 2, "entry_price": 2000, "leverage": 5}]})",
        tiers);
    ASSERT_TRUE(plans.ok()) << plans.error().message();
    ASSERT_EQ(plans->size(), 7u);
    EXPECT_EQ((*plans)[1].symbol, QStringLiteral("ETHUSDT"));      // Binance
    EXPECT_EQ((*plans)[5].symbol, QStringLiteral("ETH"));          // Hyperliquid
    EXPECT_EQ((*plans)[3].symbol, QStringLiteral("ETH-USDT-SWAP"));  // OKX keeps its own
    EXPECT_EQ((*plans)[6].symbol, QStringLiteral("ETH-USDT-SWAP"));  // BitMEX: no ETH table of its own
    EXPECT_FALSE((*plans)[1].account->positions.front().brackets.brackets.empty());
    EXPECT_TRUE((*plans)[6].account->positions.front().brackets.brackets.empty());
}

}  // namespace
