#include "tests/core/market_data.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

namespace {

struct Result {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Result replay(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(LEVLAB_CLI_PATH), QStringList{QStringLiteral("replay")} + args);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QString plan(const QTemporaryDir& dir, const QByteArray& position)
{
    const QString path = dir.filePath(QStringLiteral("plan.json"));
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(R"({"venue": "bitmex", "wallet_balance": 10, "positions": [{"symbol": "XBTUSD", "contract": "inverse", "mode": "isolated",
               "quantity": 10000, "leverage": 10, "fee_rate": 0.00075, )" + position + "}]}");
    return path;
}

TEST(CliReplay, BlackThursdayTenTimesLongAsText)
{
    LEVLAB_REQUIRE_DATA(prices, "bitmex/bitmex_XBTUSD_1m_2020-03.csv");
    QTemporaryDir dir;
    const Result r = replay({plan(dir, R"("side": "long")"), QStringLiteral("--prices"), QString::fromStdString(prices),
                             QStringLiteral("--from"), QStringLiteral("2020-03-11T23:59:00Z")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    // Liquidation of 10,000 contracts at 10× from 7,931.5: 7,931.5 ÷ 1.09425 = 7,248.34; awk finds the
    // first bin reaching it ends 10:20.
    EXPECT_EQ(QString::fromUtf8(r.out), QStringLiteral("2020-03-11 23:59 UTC  Opened at 7,931.50, liquidation 7,248.34\n"
                                                       "2020-03-12 10:20 UTC  Liquidated at 7,248.34, result −0.12607956 XBT\n"));
}

TEST(CliReplay, FundingSettlementsAsJson)
{
    LEVLAB_REQUIRE_DATA(prices, "bitmex/bitmex_XBTUSD_1m_2020-03.csv");
    LEVLAB_REQUIRE_DATA(funding, "funding/bitmex_XBTUSD_funding_2016-05_2020-11.csv");
    QTemporaryDir dir;
    // A 2× short opened at 12 March's opening: the crash never reaches its liquidation (the high
    // before the exit is 7,967); it pays the 0.01% at 04:00 and 12:00 and receives the −0.1691% at
    // 20:00. Its take-profit at 5,000 fills in the bin ending 23:27 (awk: the first low ≤ 5,000,
    // 5050.5 → 4907).
    const Result r = replay({plan(dir, R"("side": "short", "leverage": 2, "take_profit": 5000)"), QStringLiteral("--prices"),
                             QString::fromStdString(prices), QStringLiteral("--funding"), QString::fromStdString(funding),
                             QStringLiteral("--from"), QStringLiteral("2020-03-11T23:59Z"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject root = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(root.value(QStringLiteral("currency")).toString(), QStringLiteral("XBT"));
    const QJsonArray ev = root.value(QStringLiteral("events")).toArray();
    ASSERT_EQ(ev.size(), 5) << r.out.toStdString();
    EXPECT_EQ(ev[0].toObject().value(QStringLiteral("event")).toString(), QStringLiteral("open"));
    EXPECT_EQ(ev[0].toObject().value(QStringLiteral("price")).toDouble(), 7931.5);
    const char* times[] = {"2020-03-12T04:00:00Z", "2020-03-12T12:00:00Z", "2020-03-12T20:00:00Z"};
    const double rates[] = {0.0001, 0.0001, -0.001691};
    for (int i = 0; i < 3; ++i) {
        const QJsonObject f = ev[i + 1].toObject();
        EXPECT_EQ(f.value(QStringLiteral("event")).toString(), QStringLiteral("funding"));
        EXPECT_EQ(f.value(QStringLiteral("time")).toString(), QLatin1String(times[i]));
        EXPECT_EQ(f.value(QStringLiteral("rate")).toDouble(), rates[i]);
        // A short pays −rate × value: value = 10,000 ÷ the mark then (the close of the bin ending at the settlement).
        EXPECT_NEAR(f.value(QStringLiteral("paid")).toDouble(), -rates[i] * 10000 / f.value(QStringLiteral("price")).toDouble(), 1e-15);
    }
    EXPECT_EQ(ev[1].toObject().value(QStringLiteral("price")).toDouble(), 7658.5);  // awk: close of the bin ending 04:00
    const QJsonObject exit = ev[4].toObject();
    EXPECT_EQ(exit.value(QStringLiteral("exit")).toString(), QStringLiteral("took_profit"));
    EXPECT_EQ(exit.value(QStringLiteral("time")).toString(), QStringLiteral("2020-03-12T23:27:00Z"));
    EXPECT_EQ(exit.value(QStringLiteral("price")).toDouble(), 5000.0);
}

TEST(CliReplay, RefusesWhatItCannotUse)
{
    QTemporaryDir dir;
    const QString p = plan(dir, R"("side": "long")");
    Result r = replay({p});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, "levlab-cli: --prices is required (see levlab-cli replay --help)\n");
    r = replay({p, QStringLiteral("--prices"), p, QStringLiteral("--from"), QStringLiteral("yesterday")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, "levlab-cli: --from: 'yesterday' is not a time (2020-03-12T00:00Z or epoch seconds)\n");
    const QString bad = dir.filePath(QStringLiteral("bad.csv"));
    QFile f(bad);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("time,open,high,low,close\n2020-03-12T00:00:00Z,1,2,0.5,x\n");
    f.close();
    r = replay({p, QStringLiteral("--prices"), bad});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.startsWith("levlab-cli: bad.csv:2:")) << r.err.toStdString();
    EXPECT_TRUE(r.out.isEmpty());
}

}  // namespace
