// Each venue end to end against the local servers: what it subscribes to, its
// heartbeat, its REST backfill request, and the recorded frames becoming prices.
#include "core/model/live/live_market.h"
#include "tests/core/model/live/feed_lines.h"
#include "tests/core/model/live/local_servers.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

constexpr qint64 kNow = 1760325052630;  // the recorded Bybit ticker's time

struct VenueRig {
    test::FakeStreamServer stream;
    test::FakeRestServer rest;
    LiveMarket market;
    VenueRig(LiveVenue venue, const QString& symbol, const QByteArray& pong) : market(venue, symbol)
    {
        market.setEndpoints({stream.url(), rest.url()});
        LiveSettings s;
        s.pingIntervalMs = 20;
        s.watchdogMs = 5;
        s.backfillMinutes = 5;
        market.setSettings(s);
        market.setClock([] { return kNow; });
        market.setRandom([] { return 0.5; });
        stream.onText = [pong](QWebSocket* socket, const QString&) {
            if (!pong.isEmpty())
                socket->sendTextMessage(QString::fromUtf8(pong));
        };
    }
};

TEST(LiveVenues, BybitSubscribesPingsAndStreamsTheTicker)
{
    LEVLAB_REQUIRE_FEED(lines, "bybit_v5.jsonl");
    VenueRig rig(LiveVenue::BybitLinear, QStringLiteral("BTCUSDT"), lines[3]);
    rig.market.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.market.snapshot().counts.pongs >= 2; }, 3000));
    EXPECT_EQ(rig.stream.received.at(0),
              QStringLiteral(R"({"req_id":"levlab-sub","op":"subscribe","args":["tickers.BTCUSDT","publicTrade.BTCUSDT","kline.1.BTCUSDT"]})"));
    EXPECT_TRUE(rig.stream.received.contains(QStringLiteral(R"({"req_id":"levlab-ping","op":"ping"})")));
    rig.stream.send(lines[4]);
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.market.snapshot().state == LiveState::Live; }, 3000));
    EXPECT_EQ(*rig.market.snapshot().quote.mark, 66666.60);
    EXPECT_EQ(*rig.market.snapshot().quote.fundingIntervalHours, 8);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !rig.rest.requests.isEmpty(); }, 3000));
    EXPECT_EQ(rig.rest.requests.at(0).url.path(), QStringLiteral("/v5/market/kline"));
}

TEST(LiveVenues, BitmexSendsTheLiteralPingAndMergesTheInstrument)
{
    LEVLAB_REQUIRE_FEED(lines, "bitmex.jsonl");
    VenueRig rig(LiveVenue::Bitmex, QStringLiteral("XBTUSD"), "pong");
    rig.market.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.market.snapshot().counts.pongs >= 1; }, 3000));
    EXPECT_EQ(rig.stream.received.at(0),
              QStringLiteral(R"({"op":"subscribe","args":["instrument:XBTUSD","trade:XBTUSD","tradeBin1m:XBTUSD"]})"));
    EXPECT_TRUE(rig.stream.received.contains(QStringLiteral("ping")));
    rig.stream.send(lines[1]);
    rig.stream.send(lines[5]);
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.market.snapshot().state == LiveState::Live; }, 3000));
    EXPECT_EQ(*rig.market.snapshot().quote.mark, 9345.36);
    EXPECT_EQ(*rig.market.snapshot().quote.last, 9352.0);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !rig.rest.requests.isEmpty(); }, 3000));
    EXPECT_EQ(rig.rest.requests.at(0).url.path(), QStringLiteral("/api/v1/trade/bucketed"));
}

TEST(LiveVenues, HyperliquidPostsTheCandleSnapshotAndPings)
{
    LEVLAB_REQUIRE_FEED(lines, "hyperliquid.jsonl");
    VenueRig rig(LiveVenue::Hyperliquid, QStringLiteral("BTC"), lines[3]);
    rig.market.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.market.snapshot().counts.pongs >= 1; }, 3000));
    EXPECT_EQ(rig.stream.received.mid(0, 3),
              (QStringList{QStringLiteral(R"({"method":"subscribe","subscription":{"type":"activeAssetCtx","coin":"BTC"}})"),
                           QStringLiteral(R"({"method":"subscribe","subscription":{"type":"trades","coin":"BTC"}})"),
                           QStringLiteral(R"({"method":"subscribe","subscription":{"type":"candle","coin":"BTC","interval":"1m"}})")}));
    rig.stream.send(lines[4]);
    ASSERT_TRUE(QTest::qWaitFor([&] { return rig.market.snapshot().state == LiveState::Live; }, 3000));
    EXPECT_EQ(*rig.market.snapshot().quote.last, 69997.0);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !rig.rest.requests.isEmpty(); }, 3000));
    const auto& req = rig.rest.requests.at(0);
    EXPECT_EQ(req.method, QByteArray("POST"));
    EXPECT_EQ(req.url.path(), QStringLiteral("/info"));
    EXPECT_TRUE(req.body.startsWith(R"({"type":"candleSnapshot","req":{"coin":"BTC","interval":"1m","startTime":)"));
}

TEST(LiveVenues, BinanceNeedsNoApplicationPing)
{
    VenueRig rig(LiveVenue::BinanceUsdm, QStringLiteral("BTCUSDT"), {});
    rig.market.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !rig.stream.received.isEmpty(); }, 3000));
    QTest::qWait(100);  // five ping intervals
    EXPECT_EQ(rig.stream.received.size(), 1);  // the subscription only: the server pings, the socket answers
}

}  // namespace
}  // namespace levlab::model
