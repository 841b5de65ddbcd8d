// levlab-cli tiers: a saved risk-limit response imported into a user folder, listed, refused.
#include "tests/app/cli_run.h"
#include <gtest/gtest.h>

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>

namespace {

using levlab::test::CliRun;
using levlab::test::cli;

QString fixture(const char* name)
{
    return QStringLiteral(LEVLAB_TIER_FIXTURES_DIR "/") + QLatin1String(name);
}

TEST(CliTiers, HelpNamesTheCommand)
{
    const CliRun r = cli({ QStringLiteral("tiers"), QStringLiteral("--help") });
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_TRUE(r.out.startsWith("Usage: levlab-cli tiers [options] [FILE]\n")) << r.out.left(80).toStdString();
}

TEST(CliTiers, ImportsThenListsTheTableInUse)
{
    QTemporaryDir dir;
    const CliRun r = cli({ QStringLiteral("tiers"), fixture("bybit_risk_limit_linear.json"),
        QStringLiteral("--venue"), QStringLiteral("bybit"), QStringLiteral("--symbol"), QStringLiteral("BTCUSDT"),
        QStringLiteral("--fetched-at"), QStringLiteral("2026-12-02T11:30:00Z"), QStringLiteral("--dir"), dir.path() });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_EQ(r.out,
        QStringLiteral("bybit BTCUSDT: 3 rows, fetched 2026-12-02T11:30:00Z, from Bybit GET "
                       "/v5/market/risk-limit.\nSaved to %1; used from now on in place of the shipped "
                       "table of 2023-03-01.\n")
            .arg(QDir(dir.path()).filePath(QStringLiteral("bybit_btcusdt.json")))
            .toUtf8());
    const CliRun list = cli({ QStringLiteral("tiers"), QStringLiteral("--dir"), dir.path() });
    ASSERT_EQ(list.exitCode, 0);
    QStringList lines;
    for (const QByteArray& line : list.out.split('\n'))
        lines << QString::fromUtf8(line).simplified();
    // The imported table is in use; the shipped one of 2023 is the fallback.
    EXPECT_TRUE(lines.contains(QStringLiteral("bybit BTCUSDT 5 2023-03-01 shipped fallback")))
        << list.out.toStdString();
    EXPECT_TRUE(lines.filter(QStringLiteral("bybit BTCUSDT 3 2026-12-02 imported in use")).size() == 1)
        << list.out.toStdString();
}

TEST(CliTiers, RefusesWithTheReasonAndStoresNothing)
{
    QTemporaryDir dir;
    const CliRun r = cli(
        { QStringLiteral("tiers"), fixture("okx_position_tiers.json"), QStringLiteral("--venue"), QStringLiteral("okx"),
            QStringLiteral("--symbol"), QStringLiteral("BTC-USDT-SWAP"), QStringLiteral("--dir"), dir.path() });
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.endsWith("okx_position_tiers.json: contract_size: OKX counts these tiers in contracts: give the "
                               "size of one contract\n"))
        << r.err.toStdString();
    EXPECT_TRUE(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    const CliRun venue = cli({ QStringLiteral("tiers"), fixture("okx_position_tiers.json"),
        QStringLiteral("--venue"), QStringLiteral("kraken"), QStringLiteral("--symbol"), QStringLiteral("X") });
    EXPECT_EQ(venue.err, QByteArray("levlab-cli: --venue: give binance, bybit, okx, gate, hyperliquid or bitmex\n"));
}

} // namespace
