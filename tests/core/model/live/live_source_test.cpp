// LiveSource: a live venue as a market source (what the chart, the market bar and the
// plan follow), against the local servers, on the test's clock.
#include "core/model/live/live_source.h"
#include "tests/core/model/live/feed_lines.h"
#include "tests/core/model/live/local_servers.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

constexpr qint64 kMinute = 60000;
constexpr qint64 kT0 = 1617308820003;  // the recorded Binance mark frame's time
constexpr qint64 kMinute0 = kT0 - kT0 % kMinute;

/// Binance klines for every minute asked, close = 100 + minutes after kMinute0, high
/// one above, low two below.
test::HttpResponse klines(const test::HttpRequest& r)
{
    QJsonArray rows;
    for (qint64 t = r.queryNumber(QStringLiteral("startTime")); t <= r.queryNumber(QStringLiteral("endTime")); t += kMinute) {
        const double c = 100.0 + static_cast<double>((t - kMinute0) / kMinute);
        rows.append(QJsonArray{t, QString::number(c), QString::number(c + 1), QString::number(c - 2), QString::number(c),
                               QStringLiteral("1")});
    }
    return {200, QJsonDocument(rows).toJson(QJsonDocument::Compact)};
}

struct Rig {
    test::FakeStreamServer stream;
    test::FakeRestServer rest;
    qint64 now = kT0;
    LiveSource source{LiveVenue::BinanceUsdm, QStringLiteral("BTCUSDT")};
    Rig()
    {
        source.live().setEndpoints({stream.url(), rest.url()});
        LiveSettings s;
        s.backoff = {10, 80, 0.2};
        s.watchdogMs = 5;
        s.backfillMinutes = 10;
        source.live().setSettings(s);
        source.setClock([this] { return now; });
        source.live().setRandom([] { return 0.5; });
        rest.handler = klines;
    }
};

TEST(LiveSource, BackfillIsHistoryThenTheMarkDrivesThePlanFunding8h)
{
    LEVLAB_REQUIRE_FEED(lines, "binance_usdm.jsonl");
    Rig rig;
    QSignalSpy reset(&rig.source, &MarketSource::seriesReset);
    QSignalSpy finished(&rig.source, &MarketSource::barFinished);
    QSignalSpy advanced(&rig.source, &MarketSource::advanced);
    rig.source.setSpeed(1.0);
    EXPECT_EQ(rig.source.speed(), 1.0);
    const auto& m1 = rig.source.candles().series(Timeframe::M1);
    ASSERT_TRUE(QTest::qWaitFor([&] { return m1.size() == 11; }, 3000));
    EXPECT_GE(reset.size(), 1);
    EXPECT_EQ(finished.size(), 0);  // the backfill is history, not bars finishing now
    EXPECT_EQ(m1.at(0).openMs, kMinute0 - 10 * kMinute);
    EXPECT_EQ(m1.at(0).close, 90.0);
    EXPECT_EQ(m1.at(0).high, 91.0);
    EXPECT_EQ(m1.at(0).low, 88.0);
    EXPECT_EQ(m1.back().openMs, kMinute0);
    // No mark yet: the last candle's close stands in, and the source says it is not live.
    EXPECT_EQ(rig.source.state().mark, 100.0);
    EXPECT_TRUE(rig.source.stale());

    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.stream.connections == 1; }, 3000));
    rig.stream.send(lines[5]);  // mark 58940.14924532, index 58857.26693664, funding 0.00058455
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.source.state().mark == 58940.14924532; }, 3000));
    EXPECT_FALSE(advanced.isEmpty());
    const MarketState s = rig.source.state();
    EXPECT_EQ(s.timeMs, kT0);
    EXPECT_EQ(s.last, 58940.14924532);  // no trade yet: the mark
    EXPECT_EQ(s.index, 58857.26693664);
    EXPECT_EQ(s.fundingRate, 0.00058455);  // Binance funds every 8 h: the rate as sent
    EXPECT_EQ(*rig.source.nextFundingMs(), 1617321600000);
    EXPECT_EQ(s.recentLow, 88.0);  // the last hour's candles, wicks included
    EXPECT_EQ(s.recentHigh, 58940.14924532);
    EXPECT_FALSE(rig.source.stale());
    EXPECT_EQ(rig.source.statusText(), QStringLiteral("Live"));
    EXPECT_EQ(rig.source.state(QStringLiteral("XBTUSD")).mark, 58940.14924532);  // the same asset
    EXPECT_EQ(rig.source.state(QStringLiteral("ETHUSDT")).mark, 0.0);            // another: no price
    EXPECT_EQ(rig.source.name(), QStringLiteral("Live · Binance USDⓈ-M BTCUSDT"));

    rig.source.setSpeed(0.0);
    EXPECT_EQ(rig.source.speed(), 0.0);
    EXPECT_EQ(rig.source.snapshot().state, LiveState::Off);
}

TEST(LiveSource, AGapBackfilledAfterAReconnectRedrawsWholeAndFinishesItsMinutes)
{
    Rig rig;
    rig.source.start();
    const auto& m1 = rig.source.candles().series(Timeframe::M1);
    ASSERT_TRUE(QTest::qWaitFor([&] { return m1.size() == 11; }, 3000));
    QSignalSpy reset(&rig.source, &MarketSource::seriesReset);
    QSignalSpy finished(&rig.source, &MarketSource::barFinished);
    rig.now += 20 * kMinute;
    rig.stream.dropAll();
    ASSERT_TRUE(QTest::qWaitFor([&] { return m1.size() == 31; }, 3000));
    EXPECT_GE(reset.size(), 1);
    for (std::size_t i = 1; i < m1.size(); ++i)
        ASSERT_EQ(m1.at(i).openMs - m1.at(i - 1).openMs, kMinute) << "a hole at " << i;
    // The formerly current minute and the 19 after it are final now; the 21st is running.
    ASSERT_EQ(finished.size(), 20);
    const auto firstDone = finished.front().at(0).value<Candle>();
    const auto lastDone = finished.back().at(0).value<Candle>();
    EXPECT_EQ(firstDone.openMs, kMinute0);
    EXPECT_EQ(firstDone.close, 100.0);
    EXPECT_EQ(lastDone.openMs, kMinute0 + 19 * kMinute);
    EXPECT_EQ(lastDone.close, 119.0);
    EXPECT_EQ(m1.back().close, 120.0);
}

QByteArray trade(qint64 id, double price)
{
    return R"({"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":)" + QByteArray::number(kT0 + id) + R"(,"a":)"
           + QByteArray::number(id) + R"(,"s":"BTCUSDT","p":")" + QByteArray::number(price, 'f', 1)
           + R"(","q":"0.010","f":1,"l":1,"T":)" + QByteArray::number(kT0 + id) + R"(,"m":false}})";
}

TEST(LiveSource, ABurstOfFramesMovesTheCandleByEachAndThePlanOnceAFrame)
{
    Rig rig;
    rig.source.start();
    const auto& m1 = rig.source.candles().series(Timeframe::M1);
    ASSERT_TRUE(QTest::qWaitFor([&] { return m1.size() == 11 && rig.stream.connections == 1; }, 3000));
    std::vector<double> seen;  // the last price each notice shows
    QObject::connect(&rig.source, &MarketSource::advanced, [&] { seen.push_back(rig.source.state().last); });
    // 300 trades at once: 60,000.5 rising by 0.5, with one spike to 61,000 in the middle.
    QElapsedTimer clock;
    clock.start();
    for (int i = 1; i <= 300; ++i)
        rig.stream.send(trade(i, i == 150 ? 61000.0 : 60000.0 + 0.5 * i));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !seen.empty() && seen.back() == 60150.0; }, 5000));
    QTest::qWait(40);  // nothing is owed after the last notice
    const auto frames = static_cast<std::size_t>(clock.elapsed() / 17);
    EXPECT_EQ(seen.back(), 60150.0);
    EXPECT_LE(seen.size(), frames + 2) << "one notice a frame interval, not one a frame";
    // Every trade reached the forming minute (backfilled with low 98): its high is the spike.
    EXPECT_EQ(m1.back().openMs, kMinute0);
    EXPECT_EQ(m1.back().low, 98.0);
    EXPECT_EQ(m1.back().high, 61000.0);
    EXPECT_EQ(m1.back().close, 60150.0);
}

TEST(LiveSource, FundingIntervalsAndTheDocumentedEndpointHook)
{
    EXPECT_EQ(LiveSource(LiveVenue::Hyperliquid, QStringLiteral("BTC")).fundingIntervalHours(), 1);
    EXPECT_EQ(LiveSource(LiveVenue::Bitmex, QStringLiteral("XBTUSD")).fundingIntervalHours(), 8);
    EXPECT_EQ(LiveSource::endpoints(LiveVenue::Bitmex).stream, QUrl(QStringLiteral("wss://ws.bitmex.com/realtime")));
    qputenv("LEVLAB_LIVE_STREAM_URL", "ws://127.0.0.1:9/");
    EXPECT_EQ(LiveSource::endpoints(LiveVenue::Bitmex).stream, QUrl(QStringLiteral("wss://ws.bitmex.com/realtime")))
        << "one of the two alone changes nothing";
    qputenv("LEVLAB_LIVE_REST_URL", "http://127.0.0.1:9");
    EXPECT_EQ(LiveSource::endpoints(LiveVenue::Bitmex).stream, QUrl(QStringLiteral("ws://127.0.0.1:9/")));
    EXPECT_EQ(LiveSource::endpoints(LiveVenue::Bitmex).rest, QUrl(QStringLiteral("http://127.0.0.1:9")));
    qunsetenv("LEVLAB_LIVE_STREAM_URL");
    qunsetenv("LEVLAB_LIVE_REST_URL");
}

}  // namespace
}  // namespace levlab::model
