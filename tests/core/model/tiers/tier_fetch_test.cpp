// Refreshing a risk-limit table from the venue's public endpoint, against a local
// stand-in server (LEVLAB_TIERS_URL) that answers with the recorded responses
// (fixtures/README.md), a refusal (429, 500), garbage, or never a word.
#include "core/model/tiers/tier_fetch.h"
#include "core/model/tiers/tier_status.h"
#include "core/model/tiers/tier_updates.h"
#include "tests/core/model/live/local_servers.h"
#include "tests/core/model/tiers/tier_fixtures.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

using engine::Bracket;
using engine::Venue;

const auto fixture = levlab::test::tierFixture;

/// A venue's REST server on 127.0.0.1, reached through LEVLAB_TIERS_URL.
class TierFetch : public ::testing::Test {
protected:
    void SetUp() override { qputenv("LEVLAB_TIERS_URL", server.url().toString().toUtf8()); }
    void TearDown() override { qunsetenv("LEVLAB_TIERS_URL"); }

    /// Fetches with a fresh fetcher and waits for the outcome.
    engine::Result<TierTable> fetch(Venue venue, const char* symbol, std::optional<double> contractSize = std::nullopt,
                                    int timeoutMs = TierFetcher::kDefaultTimeoutMs)
    {
        TierFetcher fetcher;
        fetcher.setTimeoutMs(timeoutMs);
        std::optional<engine::Result<TierTable>> out;
        TierImportRequest r{venue, QString::fromLatin1(symbol), {}, contractSize};
        fetcher.fetch(r, [&](engine::Result<TierTable> t) { out = std::move(t); });
        EXPECT_TRUE(QTest::qWaitFor([&] { return out.has_value(); }, timeoutMs + 5000));
        return out.value_or(engine::Result<TierTable>(engine::Error{"", "no outcome"}));
    }

    test::FakeRestServer server;
};

TEST_F(TierFetch, BybitLinearFromItsPublicEndpoint)
{
    server.handler = [](const test::HttpRequest&) { return test::HttpResponse{200, fixture("bybit_risk_limit_linear.json")}; };
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const auto t = fetch(Venue::Bybit, "BTCUSDT");
    ASSERT_TRUE(t.ok()) << t.error().message();
    ASSERT_EQ(server.requests.size(), 1);
    EXPECT_EQ(server.requests[0].method, "GET");
    EXPECT_EQ(server.requests[0].url.path(), QStringLiteral("/v5/market/risk-limit"));
    EXPECT_EQ(server.requests[0].url.query(), QStringLiteral("category=linear&symbol=BTCUSDT"));
    EXPECT_EQ(t->table.brackets, (std::vector<Bracket>{{0, 2000000, 0.005, 0, 100}, {2000000, 4000000, 0.01, 10000, 50},
                                                       {4000000, 6000000, 0.015, 30000, 33.33}}));
    EXPECT_TRUE(t->user);
    EXPECT_TRUE(wasFetched(*t));
    EXPECT_EQ(t->note, QStringLiteral("Fetched from %1/v5/market/risk-limit?category=linear&symbol=BTCUSDT").arg(server.url().toString()));
    const QDateTime fetched = QDateTime::fromString(t->fetchedAt, Qt::ISODate);
    EXPECT_TRUE(fetched >= before && fetched <= QDateTime::currentDateTimeUtc().addSecs(1)) << t->fetchedAt.toStdString();
}

TEST_F(TierFetch, EachVenueAsksItsOwnEndpoint)
{
    server.handler = [](const test::HttpRequest& r) {
        const QString path = r.url.path();
        const char* name = path.startsWith(QLatin1String("/v5")) ? "bybit_risk_limit_inverse.json"
                         : path.startsWith(QLatin1String("/api/v5")) ? "okx_position_tiers.json"
                         : path.startsWith(QLatin1String("/api/v4")) ? "gate_risk_limit_tiers.json"
                         : path == QLatin1String("/info")            ? "hyperliquid_meta.json"
                                                                     : "bitmex_instrument.json";
        return test::HttpResponse{200, fixture(name)};
    };
    ASSERT_TRUE(fetch(Venue::Bybit, "BTCUSD").ok());
    EXPECT_EQ(server.requests.back().url.query(), QStringLiteral("category=inverse&symbol=BTCUSD"));
    const auto okx = fetch(Venue::Okx, "BTC-USDT-SWAP", 0.01);
    ASSERT_TRUE(okx.ok()) << okx.error().message();
    EXPECT_EQ(server.requests.back().url.path(), QStringLiteral("/api/v5/public/position-tiers"));
    EXPECT_EQ(server.requests.back().url.query(), QStringLiteral("instType=SWAP&tdMode=cross&instFamily=BTC-USDT&instId=BTC-USDT-SWAP"));
    EXPECT_EQ(okx->table.unit, engine::BracketUnit::Contracts);
    ASSERT_TRUE(fetch(Venue::Gate, "BTC_USDT").ok());
    EXPECT_EQ(server.requests.back().url.path(), QStringLiteral("/api/v4/futures/usdt/risk_limit_tiers"));
    EXPECT_EQ(server.requests.back().url.query(), QStringLiteral("contract=BTC_USDT"));
    const auto hl = fetch(Venue::Hyperliquid, "BTC");
    ASSERT_TRUE(hl.ok()) << hl.error().message();
    EXPECT_EQ(server.requests.back().method, "POST");
    EXPECT_EQ(server.requests.back().body, R"({"type":"meta"})");
    EXPECT_EQ(hl->table.brackets, (std::vector<Bracket>{{0, 150000000, 0.0125, 0, 40}, {150000000, 1000000000, 0.025, 1875000, 20}}));
    ASSERT_TRUE(fetch(Venue::Bitmex, "XBTUSD").ok());
    EXPECT_EQ(server.requests.back().url.path(), QStringLiteral("/api/v1/instrument"));
    EXPECT_EQ(server.requests.back().url.query(), QStringLiteral("symbol=XBTUSD"));
}

TEST_F(TierFetch, BinanceNeedsAnAccountAndAsksNothing)
{
    const auto t = fetch(Venue::Binance, "BTCUSDT");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().message(),
              "venue: Binance's risk-limit table needs an account: save GET /fapi/v1/leverageBracket and import the file");
    EXPECT_TRUE(server.requests.isEmpty());
}

TEST_F(TierFetch, RefusalsAndGarbageAreSaidInWords)
{
    server.handler = [](const test::HttpRequest&) { return test::HttpResponse{429, R"({"retCode":10006,"retMsg":"Too many visits!"})"}; };
    auto t = fetch(Venue::Bybit, "BTCUSDT");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().reason, "Bybit is limiting requests (HTTP 429, too many requests): try again in a minute");
    server.handler = [](const test::HttpRequest&) { return test::HttpResponse{500, "oops"}; };
    t = fetch(Venue::Gate, "BTC_USDT");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().reason, "Gate's server failed (HTTP 500): try again later");
    server.handler = [](const test::HttpRequest&) { return test::HttpResponse{200, "<html>maintenance</html>"}; };
    t = fetch(Venue::Bitmex, "XBTUSD");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().reason,
              "BitMEX's answer is not a usable table (the file is not JSON (illegal value at byte 1)); nothing was changed");
    // A well-formed answer whose rows do not hold together is refused by the import's checks.
    server.handler = [](const test::HttpRequest&) {
        return test::HttpResponse{200, R"({"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[
            {"symbol":"BTCUSDT","riskLimitValue":"2000000","maintenanceMargin":"0.01","initialMargin":"0.02","maxLeverage":"50"},
            {"symbol":"BTCUSDT","riskLimitValue":"4000000","maintenanceMargin":"0.015","initialMargin":"0.01","maxLeverage":"100"}]}})"};
    };
    t = fetch(Venue::Bybit, "BTCUSDT");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().reason,
              "Bybit's answer is not a usable table (tiers[1]: its maximum leverage 100x is above the previous row's 50x: a larger "
              "position cannot be allowed more leverage); nothing was changed");
}

TEST_F(TierFetch, AServerThatNeverSpeaksTimesOut)
{
    QTcpServer silent;  // accepts the connection, reads the request, never answers
    ASSERT_TRUE(silent.listen(QHostAddress::LocalHost));
    qputenv("LEVLAB_TIERS_URL", QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()).toUtf8());
    const auto t = fetch(Venue::Hyperliquid, "BTC", std::nullopt, 400);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().reason,
              QStringLiteral("Hyperliquid (127.0.0.1:%1) did not answer within 0.4 s: try again later, or import a saved response")
                  .arg(silent.serverPort())
                  .toStdString());
}

TEST_F(TierFetch, NoServerAtAll)
{
    quint16 port = 0;
    {
        QTcpServer gone;
        ASSERT_TRUE(gone.listen(QHostAddress::LocalHost));
        port = gone.serverPort();
    }
    qputenv("LEVLAB_TIERS_URL", QStringLiteral("http://127.0.0.1:%1").arg(port).toUtf8());
    const auto t = fetch(Venue::Gate, "BTC_USDT");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().reason, QStringLiteral("cannot reach Gate (127.0.0.1:%1): Connection refused").arg(port).toStdString());
}

/// The updates the window uses: stored for the user, laid over the shipped table, said.
TEST_F(TierFetch, ARefreshIsStoredAndUsedFromThenOnAFailureChangesNothing)
{
    QTemporaryDir dir;
    TierLibrary library = TierLibrary::loadShipped();
    TierUpdates updates(library, dir.path());
    QSignalSpy changed(&updates, &TierUpdates::tablesChanged);
    QSignalSpy finished(&updates, &TierUpdates::finished);

    server.handler = [](const test::HttpRequest&) { return test::HttpResponse{500, "down"}; };
    updates.refresh(Venue::Bybit, QStringLiteral("BTCUSDT"));
    ASSERT_TRUE(finished.wait(5000));
    EXPECT_FALSE(finished.at(0).at(0).toBool());
    EXPECT_EQ(finished.at(0).at(1).toString(), QStringLiteral("Risk-limit table not refreshed: Bybit's server failed (HTTP 500): try again later"));
    EXPECT_EQ(changed.count(), 0);
    EXPECT_TRUE(QDir(dir.path()).isEmpty());
    EXPECT_FALSE(library.find(Venue::Bybit, QStringLiteral("BTCUSDT"))->user);

    server.handler = [](const test::HttpRequest&) { return test::HttpResponse{200, fixture("bybit_risk_limit_linear.json")}; };
    updates.refresh(Venue::Bybit, QStringLiteral("BTCUSDT"));
    ASSERT_TRUE(finished.wait(5000));
    EXPECT_TRUE(finished.at(1).at(0).toBool());
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    EXPECT_EQ(finished.at(1).at(1).toString(), QStringLiteral("Bybit BTCUSDT: 3 risk-limit rows as of %1, in use from now on.").arg(today));
    EXPECT_EQ(changed.count(), 1);
    const TierTable* used = library.find(Venue::Bybit, QStringLiteral("BTCUSDT"));
    ASSERT_TRUE(used->user);
    EXPECT_EQ(used->table.brackets.size(), 3u);
    // The response says nothing of the instrument: its tick and currency stay the shipped table's.
    EXPECT_EQ(used->tickSize, 0.1);
    EXPECT_EQ(used->notionalCurrency, QStringLiteral("USDT"));
    EXPECT_EQ(updates.status(Venue::Bybit, QStringLiteral("BTCUSDT"), QDate::currentDate()).text,
              QStringLiteral("Bybit BTCUSDT tiers · %1 · fetched from Bybit").arg(today));
    // Stored: a library loaded afresh (the next start) uses it too, the shipped one stays the fallback.
    const TierLibrary next = TierLibrary::loadWithUserTables(dir.path());
    EXPECT_TRUE(next.errors().isEmpty()) << next.errors().join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(next.find(Venue::Bybit, QStringLiteral("BTCUSDT"))->note, used->note);
    EXPECT_EQ(next.find(Venue::Bybit, QStringLiteral("BTCUSDT"))->fetchedAt, used->fetchedAt);
    EXPECT_EQ(next.findShipped(Venue::Bybit, QStringLiteral("BTCUSDT"))->asOf, QStringLiteral("2023-03-01"));
}

TEST_F(TierFetch, AMalformedSavedResponseIsRefusedAndChangesNothing)
{
    QTemporaryDir dir;
    TierLibrary library = TierLibrary::loadShipped();
    TierUpdates updates(library, dir.path());
    QSignalSpy changed(&updates, &TierUpdates::tablesChanged);
    const QString bad = dir.filePath(QStringLiteral("bracket.json"));
    QFile f(bad);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(R"([{"symbol":"BTCUSDT","brackets":[{"notionalFloor":0,"notionalCap":50000,"maintMarginRatio":0.004,"cum":0}]}])");
    f.close();
    const auto r = updates.importFile(Venue::Binance, QStringLiteral("BTCUSDT"), bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message(), "bracket.json was not imported (tiers[0].initialLeverage: is missing or not a number); nothing was changed");
    EXPECT_EQ(changed.count(), 0);
    EXPECT_FALSE(library.find(Venue::Binance, QStringLiteral("BTCUSDT"))->user);
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("bracket.json")});

    const QString good = QStringLiteral(LEVLAB_TIER_FIXTURES_DIR "/binance_leverage_bracket.json");
    const auto ok = updates.importFile(Venue::Binance, QStringLiteral("BTCUSDT"), good);
    ASSERT_TRUE(ok.ok()) << ok.error().message();
    EXPECT_EQ(changed.count(), 1);
    const TierTable* used = library.find(Venue::Binance, QStringLiteral("BTCUSDT"));
    EXPECT_TRUE(used->user);
    EXPECT_FALSE(wasFetched(*used));
    EXPECT_EQ(used->note, QStringLiteral("Imported from binance_leverage_bracket.json"));
    EXPECT_EQ(used->table.brackets.size(), 4u);
}

}  // namespace
}  // namespace levlab::model
