#include "core/model/feeds/market_feed.h"

#include <gtest/gtest.h>

#include <QSignalSpy>

#include <cmath>

namespace levlab::model {
namespace {

constexpr qint64 kStart = 1'700'000'000'000;

TEST(PriceProcess, SameSeedSamePathTickForTick)
{
    PriceProcess a(42, 30000, kStart);
    PriceProcess b(42, 30000, kStart);
    PriceProcess c(43, 30000, kStart);
    bool differs = false;
    for (int i = 0; i < 20000; ++i) {
        const Tick ta = a.step();
        const Tick tb = b.step();
        const Tick tc = c.step();
        ASSERT_EQ(ta.timeMs, tb.timeMs);
        ASSERT_EQ(ta.last, tb.last) << "tick " << i;
        ASSERT_EQ(ta.mark, tb.mark) << "tick " << i;
        differs = differs || ta.last != tc.last;
    }
    EXPECT_TRUE(differs) << "another seed, another path";
}

TEST(PriceProcess, CrashFallsAboutThirtyPercentWithinTheHour)
{
    PriceProcess p(7, 30000, kStart);
    p.setScenario(Scenario::Crash);
    for (int i = 0; i < 3600 * 4 - 1; ++i)
        p.step();
    EXPECT_EQ(p.scenario(), Scenario::Crash);
    p.step();
    const double move = p.current().index / 30000.0 - 1.0;
    EXPECT_NEAR(move, -0.30, 0.08);
    EXPECT_EQ(p.scenario(), Scenario::Normal) << "the crash ends after its hour";
}

TEST(PriceProcess, SqueezeRisesAboutTwentyPercent)
{
    PriceProcess p(7, 30000, kStart);
    p.setScenario(Scenario::Squeeze);
    for (int i = 0; i < 3600 * 4; ++i)
        p.step();
    EXPECT_NEAR(p.current().index / 30000.0 - 1.0, 0.20, 0.08);
}

TEST(PriceProcess, WicksMoveLastButNotMark)
{
    PriceProcess p(11, 30000, kStart);
    p.setScenario(Scenario::WickStorm);
    double worstLast = 0.0;
    double worstMark = 0.0;
    for (int i = 0; i < 4 * 3600; ++i) {
        const Tick& t = p.step();
        worstLast = std::max(worstLast, std::abs(t.last / t.index - 1.0));
        worstMark = std::max(worstMark, std::abs(t.mark / t.index - 1.0));
    }
    EXPECT_GT(worstLast, 0.01) << "a storm has wicks of over 1%";
    EXPECT_LT(worstMark, 0.002) << "the mark's smoothed basis stays small";
}

TEST(PriceProcess, FundingStaysWithinItsCap)
{
    PriceProcess p(3, 30000, kStart);
    for (int i = 0; i < 4 * 3600 * 10; ++i) {
        const Tick& t = p.step();
        ASSERT_LE(std::abs(t.fundingRate), 0.0075);
    }
}

TEST(MarketFeed, HistoryHoldsAHundredThousandMinutes)
{
    MarketFeed feed(1, 30000, kStart);
    feed.generateHistory(100'000);
    EXPECT_EQ(feed.candles().series(Timeframe::M1).size(), 100'000u);
    EXPECT_EQ(feed.candles().series(Timeframe::H1).size(), (100'000u + 59) / 60);
    const Candle& c = feed.candles().series(Timeframe::M1).back();
    EXPECT_LE(c.low, std::min(c.open, c.close));
    EXPECT_GE(c.high, std::max(c.open, c.close));
}

TEST(MarketFeed, ReseedingReplaysTheSameRelativePath)
{
    MarketFeed a(1, 30000, kStart);
    MarketFeed b(2, 50000, kStart + 123'000);
    a.advance(100);
    b.advance(333);
    const double a0 = a.lastTick().index;
    const double b0 = b.lastTick().index;
    a.reseed(77);
    b.reseed(77);
    a.setScenario(Scenario::Crash);
    b.setScenario(Scenario::Crash);
    for (int i = 0; i < 2000; ++i) {
        a.advance(1);
        b.advance(1);
        ASSERT_NEAR(a.lastTick().index / a0, b.lastTick().index / b0, 1e-12) << "tick " << i;
        ASSERT_NEAR(a.lastTick().mark / a0, b.lastTick().mark / b0, 1e-12) << "tick " << i;
    }
}

TEST(MarketFeed, AdvanceEmitsOncePerBatch)
{
    MarketFeed feed(1, 30000, kStart);
    QSignalSpy spy(&feed, &MarketFeed::advanced);
    feed.advance(1000);
    EXPECT_EQ(spy.count(), 1);
    EXPECT_EQ(feed.lastTick().timeMs, kStart + 250'000);
    const MarketState s = feed.state();
    EXPECT_DOUBLE_EQ(s.mark, feed.lastTick().mark);
    EXPECT_LE(s.recentLow, s.last);
    EXPECT_GE(s.recentHigh, s.last);
}

TEST(MarketFeedPoint, RestartAtAPointGivesItsMarksTimeAndFundingExactlyAndTheSameFuture)
{
    MarketPoint point;
    point.seed = 77;
    point.timeMs = kStart;
    point.historyMinutes = 180;
    point.marks = {{QStringLiteral("BTC"), 43210.5}, {QStringLiteral("ETH"), 2345.25}, {QStringLiteral("SOL"), 98.75}};
    point.fundingRate = 0.00025;
    point.scenario = Scenario::Calm;
    point.speed = 0.0;

    MarketFeed a(1, 20000.0, kStart - 86'400'000);
    a.generateHistory(30);
    a.advance(9);
    a.restartAt(point);
    EXPECT_EQ(a.point(), point) << "where it was started is where it stands";
    EXPECT_EQ(a.state().mark, 43210.5);
    EXPECT_EQ(a.state().timeMs, kStart);
    EXPECT_EQ(a.state().fundingRate, 0.00025);
    EXPECT_EQ(a.markOf(QStringLiteral("ETHUSDT")), 2345.25);
    EXPECT_EQ(a.markOf(QStringLiteral("SOL")), 98.75);
    EXPECT_EQ(a.candles().series(Timeframe::M1).size(), 180u);
    EXPECT_EQ(a.scenario(), Scenario::Calm);

    MarketFeed b(999, 60000.0, kStart + 5'000'000);
    b.restartAt(point);
    EXPECT_EQ(b.state(), a.state());
    a.advance(300);
    b.advance(300);
    EXPECT_EQ(b.state(), a.state()) << "the same point, the same path, tick for tick";
    EXPECT_EQ(b.markOf(QStringLiteral("ETH")), a.markOf(QStringLiteral("ETH")));
}

}  // namespace
}  // namespace levlab::model
