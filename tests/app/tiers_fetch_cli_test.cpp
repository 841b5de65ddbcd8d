// levlab-cli tiers --fetch against a local stand-in for the venue (LEVLAB_TIERS_URL):
// today's table stored, a refusal, silence and Binance said in words, nothing stored.
#include "tests/core/model/live/local_servers.h"
#include "tests/core/model/tiers/tier_fixtures.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace levlab {
namespace {

struct CliOutcome {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/// Runs levlab-cli while this test's event loop keeps the stand-in server answering.
CliOutcome cliAsync(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(LEVLAB_CLI_PATH), args);
    EXPECT_TRUE(p.waitForStarted());
    EXPECT_TRUE(QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 30000));
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

const auto fixture = levlab::test::tierFixture;

class CliTiersFetch : public ::testing::Test {
protected:
    void SetUp() override { qputenv("LEVLAB_TIERS_URL", server.url().toString().toUtf8()); }
    void TearDown() override { qunsetenv("LEVLAB_TIERS_URL"); }
    QStringList args(const char* venue, const char* symbol) const
    {
        return {QStringLiteral("tiers"), QStringLiteral("--fetch"), QStringLiteral("--venue"), QLatin1String(venue),
                QStringLiteral("--symbol"), QLatin1String(symbol), QStringLiteral("--dir"), dir.path()};
    }
    test::FakeRestServer server;
    QTemporaryDir dir;
};

TEST_F(CliTiersFetch, StoresTodaysTable)
{
    server.handler = [](const test::HttpRequest&) { return test::HttpResponse{200, fixture("bybit_risk_limit_linear.json")}; };
    const CliOutcome r = cliAsync(args("bybit", "BTCUSDT"));
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QString out = QString::fromUtf8(r.out);
    EXPECT_TRUE(out.startsWith(QStringLiteral("bybit BTCUSDT: 3 rows, fetched %1T").arg(QDate::currentDate().toString(Qt::ISODate))))
        << r.out.toStdString();
    EXPECT_TRUE(out.endsWith(QStringLiteral("from Bybit GET /v5/market/risk-limit.\nSaved to %1; used from now on in place of "
                                            "the shipped table of 2023-03-01.\n")
                                 .arg(QDir(dir.path()).filePath(QStringLiteral("bybit_btcusdt.json")))))
        << r.out.toStdString();
    ASSERT_EQ(server.requests.size(), 1);
    EXPECT_EQ(server.requests[0].url.query(), QStringLiteral("category=linear&symbol=BTCUSDT"));
    // OKX's contract size is known for the shipped swaps.
    server.handler = [](const test::HttpRequest&) { return test::HttpResponse{200, fixture("okx_position_tiers.json")}; };
    const CliOutcome okx = cliAsync(args("okx", "BTC-USDT-SWAP") << QStringLiteral("--check"));
    ASSERT_EQ(okx.exitCode, 0) << okx.err.toStdString();
    EXPECT_TRUE(okx.out.contains("from OKX GET /api/v5/public/position-tiers (tiers in contracts of 0.01).\n")) << okx.out.toStdString();
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("bybit_btcusdt.json")}) << "--check stores nothing";
}

TEST_F(CliTiersFetch, RefusalsSilenceAndBinanceStoreNothing)
{
    server.handler = [](const test::HttpRequest&) { return test::HttpResponse{500, "down"}; };
    CliOutcome r = cliAsync(args("gate", "BTC_USDT"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, QByteArray("levlab-cli: Gate's server failed (HTTP 500): try again later\n"));
    server.handler = [](const test::HttpRequest&) { return test::HttpResponse{429, "{}"}; };
    r = cliAsync(args("hyperliquid", "BTC"));
    EXPECT_EQ(r.err, QByteArray("levlab-cli: Hyperliquid is limiting requests (HTTP 429, too many requests): try again in a minute\n"));
    r = cliAsync(args("binance", "BTCUSDT"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, QByteArray("levlab-cli: venue: Binance's risk-limit table needs an account: save GET /fapi/v1/leverageBracket "
                                "and import the file\n"));
    QTcpServer silent;
    ASSERT_TRUE(silent.listen(QHostAddress::LocalHost));
    qputenv("LEVLAB_TIERS_URL", QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()).toUtf8());
    r = cliAsync(args("bitmex", "XBTUSD") << QStringLiteral("--timeout") << QStringLiteral("0.5"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, QStringLiteral("levlab-cli: BitMEX (127.0.0.1:%1) did not answer within 0.5 s: try again later, or import a "
                                    "saved response\n")
                         .arg(silent.serverPort())
                         .toUtf8());
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    r = cliAsync(args("bybit", "BTCUSDT") << QStringLiteral("saved.json"));
    EXPECT_EQ(r.err, QByteArray("levlab-cli: --fetch reads no FILE: give --venue and --symbol\n"));
}

}  // namespace
}  // namespace levlab
