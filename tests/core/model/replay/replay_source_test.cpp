#include "core/engine/history/bar_path.h"
#include "core/model/market/instrument.h"
#include "core/model/market/market.h"
#include "core/model/feeds/market_feed.h"
#include "core/model/replay/replay_source.h"

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTest>

namespace levlab::model {
namespace {

constexpr qint64 kT0 = 1584000000;  // 2020-03-12T08:00:00Z, a bar's open

std::vector<engine::Bar> fiveBars()
{
    return {
        {kT0, 100.0, 101.0, 99.0, 100.5, 5.0, 0.0},        // bullish
        {kT0 + 60, 100.5, 103.0, 100.0, 101.0, 5.0, 0.0},  // bullish
        {kT0 + 120, 101.0, 102.0, 97.0, 98.0, 5.0, 0.0},   // bearish: 101 → 102 → 97 → 98
        {kT0 + 180, 98.0, 98.0, 98.0, 98.0, 0.0, 0.0},     // no trades: flat at the previous close
        {kT0 + 240, 98.0, 99.0, 95.0, 96.0, 5.0, 0.0},     // bearish
    };
}

/// The prices the replay ticks through, in order.
std::vector<double> ticks(ReplaySource& r, const std::function<void()>& act)
{
    std::vector<double> out;
    auto c = QObject::connect(&r, &MarketSource::advanced, [&] { out.push_back(r.state().mark); });
    act();
    QObject::disconnect(c);
    return out;
}

TEST(Instrument, OneBaseAssetForEveryVenuesSymbol)
{
    EXPECT_EQ(baseAsset(QStringLiteral("XBTUSD")), QStringLiteral("BTC"));
    EXPECT_EQ(baseAsset(QStringLiteral("BTCUSDT")), QStringLiteral("BTC"));
    EXPECT_EQ(baseAsset(QStringLiteral("BTC_USDT")), QStringLiteral("BTC"));
    EXPECT_EQ(baseAsset(QStringLiteral("btc/usdt")), QStringLiteral("BTC"));
    EXPECT_EQ(baseAsset(QStringLiteral("BTC-USDT-SWAP")), QStringLiteral("BTC"));
    EXPECT_EQ(baseAsset(QStringLiteral("BTCUSD_PERP")), QStringLiteral("BTC"));
    EXPECT_EQ(baseAsset(QStringLiteral("ETHUSDT")), QStringLiteral("ETH"));
    EXPECT_EQ(baseAsset(QStringLiteral("SOL")), QStringLiteral("SOL"));
    EXPECT_EQ(Instrument::parse(QStringLiteral("XBTUSD")).quote, QStringLiteral("USD"));
    EXPECT_EQ(Instrument::parse(QStringLiteral("ETH/USDT")).quote, QStringLiteral("USDT"));
    EXPECT_TRUE(sameAsset(QStringLiteral("XBTUSD"), QStringLiteral("BTCUSDT")));
    EXPECT_FALSE(sameAsset(QStringLiteral("ETHUSDT"), QStringLiteral("BTCUSDT")));
}

TEST(IntraBarPath, BullishLowFirstBearishHighFirstOpenIncluded)
{
    EXPECT_EQ(engine::intraBarPath({0, 100, 101, 99, 100.5, 1, 0}), (std::array{100.0, 99.0, 101.0, 100.5}));
    EXPECT_EQ(engine::intraBarPath({0, 101, 102, 97, 98, 1, 0}), (std::array{101.0, 102.0, 97.0, 98.0}));
    // A BitMEX open (the previous close) above the bar's own high is the first extreme.
    EXPECT_EQ(engine::intraBarPath({0, 30615, 30574.5, 28469.5, 29657.5, 1, 0}),
              (std::array{30615.0, 30615.0, 28469.5, 29657.5}));
}

TEST(ReplaySource, StartHidesLaterBarsAndPricesAtTheNextOpen)
{
    ReplaySource r(QStringLiteral("test"), QStringLiteral("XBTUSD"), fiveBars());
    r.start(kT0 + 120);
    EXPECT_EQ(r.position(), 2u);
    EXPECT_EQ(r.candles().series(Timeframe::M1).size(), 2u);
    EXPECT_EQ(r.candles().series(Timeframe::M1).back().openMs, (kT0 + 60) * 1000);
    EXPECT_EQ(r.nowMs(), (kT0 + 120) * 1000);
    const MarketState s = r.state();
    EXPECT_EQ(s.mark, 101.0);  // the open of the first hidden bar
    EXPECT_EQ(s.last, 101.0);
    EXPECT_EQ(s.recentLow, 99.0);
    EXPECT_EQ(s.recentHigh, 103.0);
    // The same asset under another venue's name sees the replay; another asset sees no price.
    EXPECT_EQ(r.state(QStringLiteral("BTCUSDT")).mark, 101.0);
    EXPECT_EQ(r.state(QStringLiteral("ETHUSDT")).mark, 0.0);
}

TEST(ReplaySource, StepWalksTheBarAndStampsItsEnd)
{
    ReplaySource r(QStringLiteral("test"), QStringLiteral("XBTUSD"), fiveBars());
    r.start(kT0 + 120);
    QSignalSpy finished(&r, &MarketSource::barFinished);
    EXPECT_EQ(ticks(r, [&] { EXPECT_TRUE(r.step()); }), (std::vector{102.0, 97.0, 98.0}));
    EXPECT_EQ(r.nowMs(), (kT0 + 180) * 1000);
    EXPECT_EQ(r.candles().series(Timeframe::M1).size(), 3u);
    ASSERT_EQ(finished.size(), 1);
    // The bar without trades moves nothing: one tick at the same price, for the clock.
    EXPECT_EQ(ticks(r, [&] { r.step(); }), (std::vector{98.0}));
    EXPECT_EQ(ticks(r, [&] { r.step(); }), (std::vector{99.0, 95.0, 96.0}));
    EXPECT_TRUE(r.atEnd());
    EXPECT_FALSE(r.step());
    EXPECT_EQ(r.nowMs(), (kT0 + 300) * 1000);
}

TEST(ReplaySource, JumpForwardReplaysEveryBarBackwardStartsOver)
{
    ReplaySource r(QStringLiteral("test"), QStringLiteral("XBTUSD"), fiveBars());
    r.start(kT0);
    EXPECT_EQ(ticks(r, [&] { r.jumpTo(kT0 + 180); }), (std::vector{99.0, 101.0, 100.5, 100.0, 103.0, 101.0, 102.0, 97.0, 98.0}));
    EXPECT_EQ(r.position(), 3u);
    EXPECT_EQ(r.nowMs(), (kT0 + 180) * 1000);
    QSignalSpy restarted(&r, &ReplaySource::restarted);
    r.jumpTo(kT0 + 60);
    EXPECT_EQ(restarted.size(), 1);
    EXPECT_EQ(r.position(), 1u);
    EXPECT_EQ(r.state().mark, 100.5);
    // Before the data: the first bar; after it: the last.
    r.start(kT0 - 3600);
    EXPECT_EQ(r.position(), 0u);
    r.start(kT0 + 86400);
    EXPECT_EQ(r.position(), 4u);
}

TEST(ReplaySource, FundingSettlesAfterThePathOfTheBarItFallsIn)
{
    ReplaySource r(QStringLiteral("test"), QStringLiteral("XBTUSD"), fiveBars());
    r.setFunding({{kT0 + 60, 0.0001, 28800}, {kT0 + 170, -0.00375, 28800}, {kT0 + 180, 0.0002, 28800}});
    r.start(kT0 + 120);  // the settlement at kT0 + 60 is past
    std::vector<QString> order;
    QObject::connect(&r, &MarketSource::advanced, [&] { order.push_back(QString::number(r.state().mark)); });
    QObject::connect(&r, &ReplaySource::fundingSettled,
                     [&](const engine::FundingSettlement& s) { order.push_back(QStringLiteral("funding %1").arg(s.rate)); });
    r.step();
    // Both settlements inside (kT0 + 120, kT0 + 180] come after the bar's path, oldest first.
    EXPECT_EQ(order, (std::vector<QString>{QStringLiteral("102"), QStringLiteral("97"), QStringLiteral("98"),
                                           QStringLiteral("funding -0.00375"), QStringLiteral("funding 0.0002")}));
    EXPECT_EQ(r.state().fundingRate, 0.0002);  // the rate in force
}

TEST(ReplaySource, SpeedIsAMultipleOfRealTimeAndPlayingStopsAtTheEnd)
{
    ReplaySource r(QStringLiteral("test"), QStringLiteral("XBTUSD"), fiveBars());
    QSignalSpy controls(&r, &MarketSource::controlsChanged);
    r.setSpeed(-5.0);
    EXPECT_EQ(r.speed(), 0.0);
    EXPECT_EQ(controls.size(), 0);
    // 6,000× real time: one-minute bars at 100 a second — five bars finish within a second.
    r.setSpeed(6000.0);
    EXPECT_EQ(r.speed(), 6000.0);
    EXPECT_EQ(controls.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(r.atEnd(), 5000);
    EXPECT_EQ(r.speed(), 0.0);
    EXPECT_EQ(controls.size(), 2);
    r.setSpeed(60.0);  // nothing left to play
    EXPECT_EQ(r.speed(), 0.0);
}

TEST(Market, FollowsTheSourceInChargeAndFallsBackWhenItGoes)
{
    MarketFeed feed(7, 42000.0, 1704067200000);
    feed.generateHistory(10);
    Market market(feed);
    EXPECT_TRUE(market.isSimulated());
    QSignalSpy advanced(&market, &MarketSource::advanced);
    QSignalSpy reset(&market, &MarketSource::seriesReset);
    auto replay = std::make_unique<ReplaySource>(QStringLiteral("test"), QStringLiteral("XBTUSD"), fiveBars());
    feed.setSpeed(1.0);
    market.setSource(replay.get());
    EXPECT_EQ(feed.speed(), 0.0);  // one market runs at a time
    EXPECT_FALSE(market.isSimulated());
    EXPECT_EQ(reset.size(), 1);
    EXPECT_EQ(market.state().mark, 100.0);
    EXPECT_EQ(market.nowMs(), kT0 * 1000);
    const auto before = advanced.size();
    replay->step();
    EXPECT_EQ(advanced.size(), before + 3);  // the replay's ticks reach whoever follows the market
    feed.advance(4);
    EXPECT_EQ(advanced.size(), before + 3);  // the simulation is not in charge
    replay.reset();
    EXPECT_TRUE(market.isSimulated());
    EXPECT_EQ(market.nowMs(), feed.nowMs());
}

}  // namespace
}  // namespace levlab::model
