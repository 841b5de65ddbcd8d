// The live source against local servers: recorded frames streamed, candles
// backfilled over REST, and every fault the network has — drops, silence,
// garbage, half frames, repeats, old frames, a 20-minute gap, REST 429/5xx.
// Timings are shortened through LiveSettings and the clock is the test's.
#include "core/model/live/live_market.h"
#include "tests/core/model/live/feed_lines.h"
#include "tests/core/model/live/local_servers.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

class CoreApp final : public ::testing::Environment {
public:
    void SetUp() override
    {
        if (!QCoreApplication::instance())
            m_app = new QCoreApplication(m_argc, m_argv);
    }
    void TearDown() override { delete m_app; }

private:
    int m_argc = 1;
    char m_name[16] = "live_tests";
    char* m_argv[2] = {m_name, nullptr};
    QCoreApplication* m_app = nullptr;
};
[[maybe_unused]] const auto* const kApp = ::testing::AddGlobalTestEnvironment(new CoreApp);

constexpr qint64 kMinute = 60000;
constexpr qint64 kT0 = 1617308820003;  // the recorded Binance mark frame's time, 2021-04-01T20:27:00.003Z

/// Binance klines for every minute the request asks for, close = 100 + minute index.
test::HttpResponse binanceKlines(const test::HttpRequest& r)
{
    const qint64 from = r.queryNumber(QStringLiteral("startTime"));
    const qint64 to = r.queryNumber(QStringLiteral("endTime"));
    QJsonArray rows;
    for (qint64 t = from; t <= to; t += kMinute) {
        const QString close = QString::number(100 + (t - kT0 + kT0 % kMinute) / kMinute);
        rows.append(QJsonArray{t, close, close, close, close, QStringLiteral("1")});
    }
    return {200, QJsonDocument(rows).toJson(QJsonDocument::Compact)};
}

struct Rig {
    test::FakeStreamServer stream;
    test::FakeRestServer rest;
    qint64 now = kT0;
    LiveMarket market;
    explicit Rig(LiveVenue venue = LiveVenue::BinanceUsdm, const QString& symbol = QStringLiteral("BTCUSDT"))
        : market(venue, symbol)
    {
        market.setEndpoints({stream.url(), rest.url()});
        LiveSettings s;
        s.backoff = {10, 80, 0.2};
        s.staleAfterMs = 5000;
        s.silentDropMs = 20000;
        s.goodConnectionMs = 30000;
        s.watchdogMs = 5;
        s.backfillMinutes = 10;
        s.restRetries = 2;
        market.setSettings(s);
        market.setClock([this] { return now; });
        market.setRandom([] { return 0.5; });  // no jitter: the delays are the bare schedule
        rest.handler = binanceKlines;
    }
    bool waitConnected(int n = 1)
    {
        return QTest::qWaitFor([&] { return stream.connections >= n && stream.received.size() >= n; }, 3000);
    }
};

TEST(LiveMarket, BackfillsThenStreamsTheRecordedFrames)
{
    LEVLAB_REQUIRE_FEED(lines, "binance_usdm.jsonl");
    Rig rig;
    QSignalSpy backfilled(&rig.market, &LiveMarket::backfillFinished);
    rig.market.start();
    ASSERT_TRUE(rig.waitConnected());
    EXPECT_EQ(rig.stream.received.at(0),
              QStringLiteral(R"({"method":"SUBSCRIBE","params":["btcusdt@markPrice@1s","btcusdt@aggTrade","btcusdt@kline_1m"],"id":1})"));
    ASSERT_TRUE(backfilled.wait(3000));
    EXPECT_EQ(backfilled.at(0).at(1).toString(), QString());
    // The 10 minutes before the current one, and the current one (unfinished).
    const auto candles = rig.market.candles();
    ASSERT_EQ(candles.size(), 11u);
    const qint64 minute = kT0 - kT0 % kMinute;
    EXPECT_EQ(candles.front().openMs, minute - 10 * kMinute);
    EXPECT_EQ(candles.back().openMs, minute);
    EXPECT_FALSE(candles.back().closed);
    EXPECT_TRUE(candles.front().closed);
    EXPECT_EQ(rig.market.snapshot().state, LiveState::Connecting);  // no market data yet

    rig.stream.send(lines[1]);  // {"result":null,"id":1}
    rig.stream.send(lines[5]);  // btcusdt@markPrice
    rig.stream.send(lines[6]);  // btcusdt@aggTrade
    QSignalSpy trades(&rig.market, &LiveMarket::tradesArrived);
    ASSERT_TRUE(trades.wait(3000));
    const LiveSnapshot& s = rig.market.snapshot();
    EXPECT_EQ(s.state, LiveState::Live);
    EXPECT_FALSE(s.stale());
    EXPECT_EQ(*s.quote.mark, 58940.14924532);
    EXPECT_EQ(*s.quote.index, 58857.26693664);
    EXPECT_EQ(*s.quote.fundingRate, 0.00058455);
    EXPECT_EQ(*s.quote.nextFundingMs, 1617321600000);
    EXPECT_EQ(*s.quote.last, 58665.00);
    EXPECT_EQ(s.counts.data, 2u);
    EXPECT_EQ(s.counts.control, 1u);
    EXPECT_EQ(rig.market.statusText(), QStringLiteral("Live"));
    const auto& req = rig.rest.requests.at(0);
    EXPECT_EQ(req.url.path(), QStringLiteral("/fapi/v1/klines"));
    EXPECT_EQ(req.queryNumber(QStringLiteral("startTime")), minute - 10 * kMinute);
}

TEST(LiveMarket, GarbageHalfFramesRepeatsAndOldFramesNeverMoveThePrice)
{
    LEVLAB_REQUIRE_FEED(lines, "binance_usdm.jsonl");
    Rig rig;
    rig.market.start();
    ASSERT_TRUE(rig.waitConnected());
    rig.stream.send(lines[5]);
    rig.stream.send(lines[6]);
    rig.stream.send(QStringLiteral("garbage"));
    rig.stream.send(lines[5].left(40));  // half a frame
    rig.stream.send(lines[2]);           // a 2019 mark after the 2021 one
    rig.stream.send(lines[6]);           // the same trade again
    rig.stream.send(QStringLiteral(R"({"e":"markPriceUpdate","E":1617308830000,"s":"BTCUSDT","p":"-1","T":1})"));
    rig.stream.send(QStringLiteral(R"({"e":"somethingNew","s":"BTCUSDT"})"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.market.snapshot().counts.unknown >= 1; }, 3000));
    const LiveSnapshot& s = rig.market.snapshot();
    EXPECT_EQ(*s.quote.mark, 58940.14924532);
    EXPECT_EQ(*s.quote.last, 58665.00);
    EXPECT_EQ(s.counts.data, 2u);
    EXPECT_EQ(s.counts.malformed, 3u);
    EXPECT_EQ(s.counts.outOfOrder, 2u);
    EXPECT_EQ(s.counts.unknown, 1u);
    EXPECT_EQ(s.state, LiveState::Live);
}

TEST(LiveMarket, ReconnectsOnTheDoublingScheduleAndResetsAfterAGoodConnection)
{
    LEVLAB_REQUIRE_FEED(lines, "binance_usdm.jsonl");
    Rig rig;
    LiveSettings settings;
    settings.backoff = {10, 80, 0.2};
    settings.watchdogMs = 5;
    settings.silentDropMs = 120000;  // the clock jumps 31 s below; that silence is not the fault tested here
    settings.backfillMinutes = 10;
    rig.market.setSettings(settings);
    rig.stream.onConnect = [&](QWebSocket* s) {
        if (rig.stream.connections <= 5)
            s->abort();  // the first five connections drop at once
    };
    QSignalSpy delays(&rig.market, &LiveMarket::reconnectScheduled);
    rig.market.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.stream.connections >= 6; }, 5000));
    ASSERT_GE(delays.size(), 5);
    QList<qint64> got;
    for (int i = 0; i < 5; ++i)
        got.append(delays.at(i).at(0).toLongLong());
    EXPECT_EQ(got, (QList<qint64>{10, 20, 40, 80, 80}));  // 10 ms doubling, capped at 80 ms
    // The sixth connection is good: data, and it lasts 30 s of the test's clock.
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.stream.received.size() >= 1 && rig.market.snapshot().state == LiveState::Connecting; }, 3000));
    rig.stream.send(lines[5]);
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.market.snapshot().state == LiveState::Live; }, 3000));
    rig.now += 31000;
    rig.stream.send(QStringLiteral(R"({"e":"markPriceUpdate","E":1617308860000,"s":"BTCUSDT","p":"58941.5","T":1617321600000})"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return *rig.market.snapshot().quote.mark == 58941.5; }, 3000));
    delays.clear();
    rig.stream.dropAll();
    ASSERT_TRUE(delays.wait(3000));
    EXPECT_EQ(delays.at(0).at(0).toLongLong(), 10);  // back to the first step
    // Re-subscribed on the new connection, with the old connection's state gone.
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.stream.connections >= 7; }, 3000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.stream.received.count(rig.stream.received.first()) >= 2; }, 3000));
    rig.stream.send(lines[5]);  // the same mark frame is fresh on a new connection
    ASSERT_TRUE(QTest::qWaitFor([&] { return *rig.market.snapshot().quote.mark == 58940.14924532; }, 3000));
}

TEST(LiveMarket, JitterSpreadsTheDelay)
{
    Backoff b({1000, 60000, 0.2});
    EXPECT_EQ(b.next(0.0), 800);    // 1 s − 20 %
    EXPECT_EQ(b.next(0.99), 2392);  // 2 s × 1.196
    EXPECT_EQ(b.next(0.5), 4000);
    EXPECT_EQ(b.next(0.5), 8000);
    EXPECT_EQ(b.next(0.5), 16000);
    EXPECT_EQ(b.next(0.5), 32000);
    EXPECT_EQ(b.next(0.99), 60000);  // 60 s is the ceiling, jitter included
    EXPECT_EQ(b.next(0.0), 48000);
    b.reset();
    EXPECT_EQ(b.next(0.5), 1000);
}

TEST(LiveMarket, StaleAfterFiveQuietSecondsAndASilentServerIsLeft)
{
    LEVLAB_REQUIRE_FEED(lines, "binance_usdm.jsonl");
    Rig rig;
    rig.market.start();
    ASSERT_TRUE(rig.waitConnected());
    rig.stream.send(lines[5]);
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.market.snapshot().state == LiveState::Live; }, 3000));
    rig.now += 5400;
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.market.snapshot().state == LiveState::Stale; }, 3000));
    EXPECT_TRUE(rig.market.snapshot().stale());
    EXPECT_EQ(rig.market.statusText(), QStringLiteral("No data for 5 s"));
    EXPECT_EQ(*rig.market.snapshot().quote.mark, 58940.14924532);  // kept, but marked stale
    rig.now += 3000;
    EXPECT_EQ(rig.market.statusText(), QStringLiteral("No data for 8 s"));
    // Still nothing at 20 s: the connection is dropped and another one scheduled.
    QSignalSpy delays(&rig.market, &LiveMarket::reconnectScheduled);
    rig.now += 12000;
    ASSERT_TRUE(delays.wait(3000));
    EXPECT_EQ(rig.market.snapshot().state, LiveState::Reconnecting);
    EXPECT_TRUE(rig.market.snapshot().stale());
}

TEST(LiveMarket, ReconnectingTextCountsDownInWholeSeconds)
{
    LiveSnapshot s;
    s.state = LiveState::Reconnecting;
    s.reconnectAtMs = 10000;
    EXPECT_EQ(liveStatusText(s, 2000), QStringLiteral("Reconnecting in 8 s"));
    EXPECT_EQ(liveStatusText(s, 2001), QStringLiteral("Reconnecting in 8 s"));
    EXPECT_EQ(liveStatusText(s, 9999), QStringLiteral("Reconnecting in 1 s"));
    s.state = LiveState::Connecting;
    s.venue = LiveVenue::BybitLinear;
    EXPECT_EQ(liveStatusText(s, 0), QStringLiteral("Connecting to Bybit (linear)…"));
    s.state = LiveState::Off;
    EXPECT_EQ(liveStatusText(s, 0), QStringLiteral("Live off"));
}

TEST(LiveMarket, AServerThatAcceptsButNeverSpeaksIsLeft)
{
    Rig rig;
    QSignalSpy delays(&rig.market, &LiveMarket::reconnectScheduled);
    rig.market.start();
    ASSERT_TRUE(rig.waitConnected());
    EXPECT_EQ(rig.market.snapshot().state, LiveState::Connecting);
    rig.now += 20000;
    ASSERT_TRUE(delays.wait(3000));
    EXPECT_EQ(rig.market.snapshot().state, LiveState::Reconnecting);
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.stream.connections >= 2; }, 3000));
}

TEST(LiveMarket, ATwentyMinuteGapIsBackfilledAfterTheReconnect)
{
    Rig rig;
    QSignalSpy backfilled(&rig.market, &LiveMarket::backfillFinished);
    rig.market.start();
    ASSERT_TRUE(backfilled.wait(3000));
    ASSERT_EQ(rig.market.candles().size(), 11u);
    const qint64 lastBefore = rig.market.candles().back().openMs;
    rig.now += 20 * kMinute;
    rig.stream.dropAll();
    ASSERT_TRUE(backfilled.wait(3000));
    const auto& req = rig.rest.requests.back();
    EXPECT_EQ(req.queryNumber(QStringLiteral("startTime")), lastBefore);  // from the last candle held
    const auto candles = rig.market.candles();
    ASSERT_EQ(candles.size(), 31u);
    for (std::size_t i = 1; i < candles.size(); ++i)
        ASSERT_EQ(candles[i].openMs - candles[i - 1].openMs, kMinute) << "a hole at " << i;
    EXPECT_EQ(candles.back().openMs, kT0 - kT0 % kMinute + 20 * kMinute);
    EXPECT_EQ(candles.back().close, 120.0);  // 20 minutes after the minute the test starts in (100)
    EXPECT_TRUE(candles[11].closed);         // the formerly current minute, now final
}

TEST(LiveMarket, RestErrorsAreRetriedThenReported)
{
    Rig rig;
    int calls = 0;
    rig.rest.handler = [&](const test::HttpRequest& r) {
        ++calls;
        if (calls == 1)
            return test::HttpResponse{429, R"({"code":-1003,"msg":"Too many requests"})"};
        if (calls == 2)
            return test::HttpResponse{503, "busy"};
        return binanceKlines(r);
    };
    QSignalSpy backfilled(&rig.market, &LiveMarket::backfillFinished);
    rig.market.start();
    ASSERT_TRUE(backfilled.wait(3000));
    EXPECT_EQ(calls, 3);
    EXPECT_EQ(backfilled.at(0).at(1).toString(), QString());
    EXPECT_EQ(rig.market.candles().size(), 11u);

    Rig failing;
    failing.rest.handler = [](const test::HttpRequest&) { return test::HttpResponse{500, "down"}; };
    QSignalSpy failed(&failing.market, &LiveMarket::backfillFinished);
    failing.market.start();
    ASSERT_TRUE(failed.wait(3000));
    EXPECT_EQ(failed.at(0).at(1).toString(), QStringLiteral("the server answered 500"));
    EXPECT_EQ(failing.rest.requests.size(), 3);  // the first try and two retries
    EXPECT_TRUE(failing.market.candles().empty());
}

}  // namespace
}  // namespace levlab::model
