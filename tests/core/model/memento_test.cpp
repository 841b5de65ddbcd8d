// Saving and restoring what the trader made: the plan, the portfolio and the market
// come back exactly (a lesson's sandbox relies on it).
#include "core/model/feeds/market_feed.h"
#include "core/model/plan/risk_model.h"
#include "core/model/portfolio/portfolio_model.h"
#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

TEST(MarketFeedRestart, StartsAtTheStatedPriceWithHistoryAndTheSamePathForTheSameSeed)
{
    MarketFeed feed(7, 60000.0, 1704067200000);
    feed.generateHistory(300);
    feed.restart(305, 40000.0, 180);
    EXPECT_NEAR(feed.state().mark, 40000.0, 40000.0 * 1e-12);
    EXPECT_EQ(feed.candles().series(Timeframe::M1).size(), 180u);
    EXPECT_NEAR(feed.candles().series(Timeframe::M1).back().markClose / feed.state().mark, 1.0, 0.01);
    feed.advance(400);
    const double after = feed.state().mark;

    MarketFeed other(99, 20000.0, 1704067200000);
    other.generateHistory(10);
    other.restart(305, 40000.0, 180);
    other.advance(400);
    EXPECT_DOUBLE_EQ(other.state().mark, after) << "same seed, same stated price: the same path";
}

TEST(MarketFeedMemento, RestoreGivesTheSameMarketAndTheSameFuture)
{
    MarketFeed feed(11, 50000.0, 1704067200000);
    feed.generateHistory(120);
    feed.advance(100);
    const auto saved = feed.save();
    const MarketState before = feed.state();
    const std::size_t bars = feed.candles().series(Timeframe::M1).size();
    feed.advance(50);
    const double future = feed.state().mark;

    feed.setScenario(Scenario::Crash);
    feed.restart(5, 10000.0, 60);
    feed.advance(500);
    feed.restore(*saved);
    EXPECT_EQ(feed.state(), before);
    EXPECT_EQ(feed.candles().series(Timeframe::M1).size(), bars);
    feed.advance(50);
    EXPECT_DOUBLE_EQ(feed.state().mark, future);
}

TEST(RiskModelMemento, RestoreGivesBackTheInputsTheTradeAndItsLog)
{
    const TierLibrary tiers = TierLibrary::loadShipped();
    RiskModel model(tiers);
    MarketState m;
    m.timeMs = 1;
    m.mark = m.last = m.index = 10000.0;
    model.setMarket(m);
    ASSERT_FALSE(model.setStopLoss(9800.0).has_value());
    ASSERT_FALSE(model.openAtMarket().has_value());
    const PlanInputs open = model.inputs();
    const auto saved = model.save();

    PlanInputs lesson;
    lesson.venue = engine::Venue::Textbook;
    lesson.symbol = QStringLiteral("BTC");
    lesson.size = 3.0;
    ASSERT_FALSE(model.setInputs(lesson).has_value());
    EXPECT_EQ(model.tradeState(), TradeState::Planning);
    model.restore(*saved);
    EXPECT_TRUE(model.inputs() == open);
    EXPECT_EQ(model.tradeState(), TradeState::Open);
    EXPECT_DOUBLE_EQ(model.snapshot().entry, 10000.0);
}

TEST(PortfolioMemento, RestoreGivesBackEveryPosition)
{
    const TierLibrary tiers = TierLibrary::loadShipped();
    PortfolioModel p(tiers);
    p.setMarks({{QStringLiteral("BTC"), 10000.0}, {QStringLiteral("ETH"), 500.0}}, 0.0001, 1);
    Holding btc;
    btc.symbol = QStringLiteral("BTCUSDT");
    btc.quantity = 0.5;
    btc.leverage = 10;
    ASSERT_FALSE(p.setWallet(8000.0).has_value());
    ASSERT_FALSE(p.add(btc).has_value());
    const auto saved = p.save();
    while (!p.holdings().empty())
        p.remove(0);
    ASSERT_FALSE(p.setWallet(100.0).has_value());
    p.restore(saved);
    ASSERT_EQ(p.holdings().size(), 1u);
    EXPECT_TRUE(p.holdings().front() == saved.holdings.front());
    EXPECT_DOUBLE_EQ(p.wallet(), 8000.0);
}

}  // namespace
}  // namespace levlab::model
