// The lesson driver and its sandbox: the learner's own work comes back exactly,
// scenarios start clean and at their stated price, action questions wait.

#include "core/model/feeds/market_feed.h"
#include "core/model/lessons/lesson.h"
#include "core/model/lessons/lesson_driver.h"
#include "core/model/lessons/quiz.h"
#include "core/model/plan/risk_model.h"
#include "core/model/portfolio/portfolio_model.h"
#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

const LessonLibrary& lessons()
{
    static const LessonLibrary lib = LessonLibrary::loadShipped();
    return lib;
}

const TierLibrary& tiers()
{
    static const TierLibrary lib = TierLibrary::loadShipped();
    return lib;
}

/// The models wired as the dashboard wires them: the plan and the portfolio follow the feed.
class Driver : public ::testing::Test {
protected:
    MarketFeed feed{20240101, 42000, 1704067200000};
    RiskModel plan{tiers()};
    PortfolioModel portfolio{tiers()};
    LessonDriver driver{plan, portfolio, feed};

    void SetUp() override
    {
        feed.generateHistory(300);
        QObject::connect(&feed, &MarketFeed::advanced, &plan, [this] { plan.setMarket(feed.state(plan.inputs().symbol)); });
        QObject::connect(&feed, &MarketFeed::advanced, &portfolio,
                         [this] { portfolio.setMarks(portfolioMarks(feed), feed.lastTick().fundingRate, feed.lastTick().timeMs); });
        plan.setMarket(feed.state());
        portfolio.setMarks(portfolioMarks(feed), 0.0001, feed.lastTick().timeMs);
    }

    std::pair<const Lesson*, const Question*> question(const QString& id) const
    {
        for (const Lesson& l : lessons().lessons())
            for (const Question& q : l.questions)
                if (q.id == id)
                    return {&l, &q};
        return {nullptr, nullptr};
    }

    AskedQuestion asked(const QString& id, std::uint64_t seed = 1) const
    {
        const auto [l, q] = question(id);
        EXPECT_NE(q, nullptr) << id.toStdString();
        return ask(*l, *q, seed).value();
    }

    /// Runs the market, a second at a time, until the scenario's minutes are over.
    void playOut()
    {
        for (int i = 0; i < 4 * 3600 && feed.speed() > 0.0; ++i)
            feed.advance(4);
        ASSERT_DOUBLE_EQ(feed.speed(), 0.0) << "the scenario ends after its minutes";
    }
};

/// The learner's own work as it can be compared: inputs, the trade, the log, the portfolio, the market.
struct Work final {
    PlanInputs inputs;
    TradeState state;
    std::size_t events;
    std::size_t log;
    engine::Venue venue;
    double wallet;
    std::vector<Holding> holdings;
    std::size_t portfolioEvents;
    double shock;
    MarketState market;
    double speed;
    std::size_t candles;
    bool operator==(const Work&) const = default;
};

Work workOf(const RiskModel& plan, const PortfolioModel& portfolio, const MarketFeed& feed)
{
    return {plan.inputs(),         plan.tradeState(),  plan.events().size(), plan.tradeLog().size(),
            portfolio.venue(),     portfolio.wallet(), portfolio.holdings(), portfolio.events().size(),
            portfolio.shock(),     feed.state(),       feed.speed(),         feed.candles().series(Timeframe::M1).size()};
}

TEST_F(Driver, TheLearnersWorkComesBackExactly)
{
    // The learner's own: an open trade with a stop, on Binance; a portfolio of their own; a running market.
    PlanInputs mine;
    mine.size = 0.3;
    mine.leverage = 7;
    mine.wallet = 12345;
    mine.stopLoss = plan.snapToTick(feed.state().mark * 0.97);
    ASSERT_FALSE(plan.setInputs(mine).has_value());
    ASSERT_FALSE(plan.openAtMarket().has_value());
    Holding h;
    h.symbol = QStringLiteral("ETHUSDT");
    h.quantity = 2;
    h.leverage = 4;
    ASSERT_FALSE(portfolio.add(h).has_value());
    ASSERT_FALSE(portfolio.setShock(-0.07).has_value());
    feed.setSpeed(10);
    const PlanInputs openInputs = plan.inputs();
    const Work before = workOf(plan, portfolio, feed);
    ASSERT_EQ(before.state, TradeState::Open);

    // A lesson: an example, then questions answered and played through liquidations and stops.
    const Lesson* first = lessons().find(QStringLiteral("leverage"));
    ASSERT_FALSE(driver.tryExample(first->sections[0].examples[0]).has_value());
    EXPECT_TRUE(driver.inLesson());
    EXPECT_DOUBLE_EQ(plan.inputs().size, 0.5);
    for (const char* id : {"cross-isolated-wipe", "sizing-stop-beyond", "leverage-initial-margin"}) {
        ASSERT_FALSE(driver.load(asked(QString::fromLatin1(id))).has_value());
        ASSERT_FALSE(driver.play().has_value());
        playOut();
    }
    EXPECT_NE(workOf(plan, portfolio, feed), before);

    driver.leave();
    EXPECT_FALSE(driver.inLesson());
    const Work after = workOf(plan, portfolio, feed);
    EXPECT_EQ(plan.inputs(), openInputs);
    EXPECT_EQ(plan.tradeState(), TradeState::Open);
    EXPECT_EQ(portfolio.holdings(), before.holdings);
    EXPECT_EQ(after.market, before.market);
    EXPECT_DOUBLE_EQ(after.speed, 10.0);
    EXPECT_TRUE(after == before);
    // And again: a second lesson saves the learner's work afresh, not the lesson's.
    ASSERT_FALSE(driver.load(asked(QStringLiteral("sizing-reward-risk"))).has_value());
    driver.leave();
    EXPECT_TRUE(workOf(plan, portfolio, feed) == before);
}

TEST_F(Driver, EachScenarioStartsOnACleanChartAtItsPrice)
{
    ASSERT_FALSE(driver.load(asked(QStringLiteral("cross-isolated-wipe"))).has_value());
    EXPECT_DOUBLE_EQ(feed.state().mark, 40000.0);
    ASSERT_FALSE(driver.play().has_value());
    playOut();
    ASSERT_FALSE(portfolio.events().empty()) << "the cross account goes in the crash";
    ASSERT_FALSE(driver.load(asked(QStringLiteral("sizing-stop-beyond"))).has_value());
    EXPECT_TRUE(portfolio.events().empty());
    EXPECT_TRUE(portfolio.holdings().empty());
    EXPECT_DOUBLE_EQ(feed.state().mark, 10000.0);
    ASSERT_FALSE(driver.play().has_value());
    playOut();
    ASSERT_EQ(plan.events().size(), 1u);
    ASSERT_FALSE(driver.load(asked(QStringLiteral("sizing-reward-risk"))).has_value());
    EXPECT_TRUE(plan.events().empty());
    EXPECT_EQ(plan.tradeState(), TradeState::Planning);
    EXPECT_DOUBLE_EQ(plan.snapshot().entry, 50000.0);
}

TEST_F(Driver, AStopBeyondLiquidationGivesExactlyOneExitTheLiquidation)
{
    ASSERT_FALSE(driver.load(asked(QStringLiteral("sizing-stop-beyond"))).has_value());
    EXPECT_DOUBLE_EQ(*plan.snapshot().position.liquidationPrice, 9600.0);
    EXPECT_DOUBLE_EQ(*plan.inputs().stopLoss, 9500.0);
    ASSERT_FALSE(driver.play().has_value());
    EXPECT_DOUBLE_EQ(plan.inputs().entryPrice, 10000.0);
    playOut();
    ASSERT_EQ(plan.events().size(), 1u);
    EXPECT_EQ(plan.events()[0].kind, PositionEvent::Kind::Liquidated);
    EXPECT_DOUBLE_EQ(plan.events()[0].price, 9600.0);
    EXPECT_DOUBLE_EQ(plan.events()[0].loss, 500.0) << "the whole margin: 10,000 ÷ 20";
    // Playing on, down through 9,500, adds nothing: a closed trade has no stop left.
    ASSERT_FALSE(driver.play().has_value());
    for (int i = 0; i < 4 * 600; ++i)
        feed.advance(4);
    EXPECT_EQ(plan.events().size(), 1u);
    EXPECT_EQ(plan.tradeState(), TradeState::Closed);
}

TEST_F(Driver, StopsFireFirstWhereTheTextSaysSo)
{
    for (const char* id : {"liquidation-cost", "liquidation-planning"}) {
        SCOPED_TRACE(id);
        ASSERT_FALSE(driver.load(asked(QString::fromLatin1(id))).has_value());
        ASSERT_FALSE(driver.play().has_value());
        playOut();
        ASSERT_EQ(plan.events().size(), 1u);
        EXPECT_EQ(plan.events()[0].kind, PositionEvent::Kind::StoppedOut);
    }
}

TEST_F(Driver, TheSameScenarioPlaysTheSamePath)
{
    std::vector<PositionEvent> exits;
    std::vector<qint64> after;
    for (int run = 0; run < 2; ++run) {
        ASSERT_FALSE(driver.load(asked(QStringLiteral("liquidation-cost"))).has_value());
        ASSERT_FALSE(driver.play().has_value());
        playOut();
        ASSERT_EQ(plan.events().size(), 1u);
        exits.push_back(plan.events()[0]);
        after.push_back(plan.events()[0].timeMs - plan.openedMs());
    }
    EXPECT_EQ(after[0], after[1]) << "the same time after the start";
    EXPECT_DOUBLE_EQ(exits[0].price, exits[1].price);
}

/// Every action question: loaded paused; as loaded the check fails and the played market shows
/// why; after the right change the check passes and the market shows that too.
TEST_F(Driver, ActionQuestionsWaitForTheLearnerAndCheckWhatTheySet)
{
    int actions = 0;
    for (const Lesson& l : lessons().lessons()) {
        for (const Question& q : l.questions) {
            if (q.kind != Question::Kind::Action)
                continue;
            SCOPED_TRACE(q.id.toStdString());
            ++actions;
            const AskedQuestion a = ask(l, q, 1).value();
            const QString type = a.action.value(QStringLiteral("type")).toString();
            for (const bool fix : {false, true}) {
                ASSERT_FALSE(driver.load(a).has_value());
                EXPECT_DOUBLE_EQ(feed.speed(), 0.0) << "the market waits for the learner";
                EXPECT_EQ(plan.tradeState(), TradeState::Planning);
                EXPECT_FALSE(driver.check(a)) << "as loaded, the chart does not show it yet";
                if (fix) {
                    if (type == QLatin1String("survive_move"))
                        ASSERT_FALSE(plan.setLeverage(10).has_value());
                    else
                        ASSERT_FALSE(plan.fixByMovingStop().has_value());
                }
                EXPECT_EQ(driver.check(a), fix);
                ASSERT_FALSE(driver.play().has_value());
                EXPECT_EQ(plan.tradeState(), TradeState::Open);
                playOut();
                const auto& events = plan.events();
                if (!fix) {
                    ASSERT_EQ(events.size(), 1u) << "left as it was, the fall liquidates it";
                    EXPECT_EQ(events[0].kind, PositionEvent::Kind::Liquidated);
                } else if (type == QLatin1String("survive_move")) {
                    EXPECT_TRUE(events.empty()) << "at 10x it rides the fall out";
                } else {
                    ASSERT_EQ(events.size(), 1u);
                    EXPECT_EQ(events[0].kind, PositionEvent::Kind::StoppedOut);
                }
            }
        }
    }
    EXPECT_EQ(actions, 2);
}

}  // namespace
}  // namespace levlab::model
