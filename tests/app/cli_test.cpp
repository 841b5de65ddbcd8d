#include "tests/app/cli_run.h"
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace {

using levlab::test::CliRun;
using levlab::test::cli;

TEST(Cli, EvaluateReadsStandardInput)
{
    const CliRun r = cli({QStringLiteral("evaluate"), QStringLiteral("-")},
                      R"({"wallet_balance": 2000, "positions": [
                           {"id": "a", "side": "long", "quantity": 1, "entry_price": 10000, "leverage": 10, "mm_rate": 0.01, "mode": "cross"},
                           {"id": "b", "side": "long", "quantity": 10, "entry_price": 100, "leverage": 2, "mm_rate": 0.01, "mode": "cross"}]})");
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const QJsonObject account = o.value(QStringLiteral("account")).toObject();
    EXPECT_NEAR(account.value(QStringLiteral("shock_to_liquidation")).toDouble(), -1890.0 / 11000.0, 1e-12);
    EXPECT_DOUBLE_EQ(account.value(QStringLiteral("maintenance_margin")).toDouble(), 110.0);
    const QJsonObject a = o.value(QStringLiteral("positions")).toArray().at(0).toObject();
    EXPECT_DOUBLE_EQ(a.value(QStringLiteral("liquidation_price")).toDouble(), 8110.0);
}

TEST(Cli, BadInputExitsTwoWithOneLineNamingTheField)
{
    const CliRun r = cli({QStringLiteral("evaluate")},
                      R"({"positions": [{"side": "long", "quantity": 0, "entry_price": 10000, "leverage": 10, "mm_rate": 0.01}]})");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.out.isEmpty());
    EXPECT_EQ(r.err, QByteArray("levlab-cli: standard input: positions[0].quantity: must be a finite number greater than 0\n"));
}

TEST(Cli, MissingFileIsRefused)
{
    const CliRun r = cli({QStringLiteral("evaluate"), QStringLiteral("/nonexistent/scenario.json")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.startsWith("levlab-cli: /nonexistent/scenario.json: "));
    EXPECT_EQ(r.err.count('\n'), 1);
}

TEST(Cli, SizeAsJson)
{
    const CliRun r = cli({QStringLiteral("size"), QStringLiteral("--capital"), QStringLiteral("20000"), QStringLiteral("--risk"),
                       QStringLiteral("1%"), QStringLiteral("--entry"), QStringLiteral("40000"), QStringLiteral("--stop"),
                       QStringLiteral("39500"), QStringLiteral("--leverage"), QStringLiteral("10"),
                       QStringLiteral("--take-profit"), QStringLiteral("41500"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    EXPECT_DOUBLE_EQ(o.value(QStringLiteral("risk_amount")).toDouble(), 200.0);
    EXPECT_DOUBLE_EQ(o.value(QStringLiteral("notional")).toDouble(), 16000.0);
    EXPECT_DOUBLE_EQ(o.value(QStringLiteral("initial_margin")).toDouble(), 1600.0);
    EXPECT_DOUBLE_EQ(o.value(QStringLiteral("stop_distance")).toDouble(), 0.0125);
    EXPECT_DOUBLE_EQ(o.value(QStringLiteral("reward_risk")).toDouble(), 3.0);
    EXPECT_NEAR(o.value(QStringLiteral("liquidation_price")).toDouble(), 36200.0, 1e-9);
    EXPECT_TRUE(o.value(QStringLiteral("warnings")).toArray().isEmpty());
}

TEST(Cli, SizeRefusesAStopOnTheWrongSide)
{
    const CliRun r = cli({QStringLiteral("size"), QStringLiteral("--capital"), QStringLiteral("20000"), QStringLiteral("--risk"),
                       QStringLiteral("0.01"), QStringLiteral("--entry"), QStringLiteral("40000"), QStringLiteral("--stop"),
                       QStringLiteral("41000"), QStringLiteral("--side"), QStringLiteral("long")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, QByteArray("levlab-cli: --stop: a long's stop must lie below the entry\n"));
}

TEST(Cli, StressTableReadable)
{
    const CliRun r = cli({QStringLiteral("stress"), QStringLiteral("--margin"), QStringLiteral("1000"), QStringLiteral("--entry"),
                       QStringLiteral("40000"), QStringLiteral("--mmr"), QStringLiteral("0.005"), QStringLiteral("--leverage"),
                       QStringLiteral("5,10,20,50,100")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    for (const char* drop : {"19.50%", "9.50%", "4.50%", "1.50%", "0.50%"})
        EXPECT_TRUE(r.out.contains(drop)) << drop << "\n" << r.out.toStdString();
}

TEST(Cli, StressJson)
{
    const CliRun r = cli({QStringLiteral("stress"), QStringLiteral("--margin"), QStringLiteral("1000"), QStringLiteral("--entry"),
                       QStringLiteral("40000"), QStringLiteral("--mmr"), QStringLiteral("0.5%"), QStringLiteral("--leverage"),
                       QStringLiteral("5,100"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonArray rows = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("rows")).toArray();
    ASSERT_EQ(rows.size(), 2);
    EXPECT_NEAR(rows.at(0).toObject().value(QStringLiteral("drop_to_liquidation")).toDouble(), 0.195, 1e-15);
    EXPECT_NEAR(rows.at(1).toObject().value(QStringLiteral("drop_to_liquidation")).toDouble(), 0.005, 1e-15);
}

TEST(Cli, ShockComparesLayouts)
{
    // The portfolio case worked by hand: −45% leaves 0 all cross (both liquidated) and 550 all isolated (a liquidated).
    const CliRun r = cli({QStringLiteral("shock"), QStringLiteral("-"), QStringLiteral("--moves"), QStringLiteral("-0.45,-0.12"),
                          QStringLiteral("--json")},
                         R"({"wallet_balance": 2000, "positions": [
                              {"id": "a", "side": "long", "quantity": 1, "entry_price": 10000, "leverage": 10, "mm_rate": 0.01},
                              {"id": "b", "side": "long", "quantity": 10, "entry_price": 100, "leverage": 2, "mm_rate": 0.01}]})");
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonArray moves = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("moves")).toArray();
    ASSERT_EQ(moves.size(), 2);
    const QJsonObject deep = moves.at(0).toObject().value(QStringLiteral("layouts")).toObject();
    EXPECT_DOUBLE_EQ(moves.at(0).toObject().value(QStringLiteral("move")).toDouble(), -0.45);
    EXPECT_DOUBLE_EQ(deep.value(QStringLiteral("all_cross")).toObject().value(QStringLiteral("equity")).toDouble(), 0.0);
    EXPECT_EQ(deep.value(QStringLiteral("all_cross")).toObject().value(QStringLiteral("liquidated")).toArray(),
              (QJsonArray{QStringLiteral("a"), QStringLiteral("b")}));
    EXPECT_DOUBLE_EQ(deep.value(QStringLiteral("all_isolated")).toObject().value(QStringLiteral("equity")).toDouble(), 550.0);
    EXPECT_EQ(deep.value(QStringLiteral("all_isolated")).toObject().value(QStringLiteral("liquidated")).toArray(),
              QJsonArray{QStringLiteral("a")});
    const QJsonObject mild = moves.at(1).toObject().value(QStringLiteral("layouts")).toObject();
    EXPECT_DOUBLE_EQ(mild.value(QStringLiteral("all_cross")).toObject().value(QStringLiteral("equity")).toDouble(), 680.0);
    EXPECT_DOUBLE_EQ(mild.value(QStringLiteral("all_isolated")).toObject().value(QStringLiteral("equity")).toDouble(), 880.0);
    EXPECT_DOUBLE_EQ(mild.value(QStringLiteral("as_entered")).toObject().value(QStringLiteral("equity")).toDouble(), 880.0);
}

TEST(Cli, VersionAndHelp)
{
    const CliRun v = cli({QStringLiteral("--version")});
    EXPECT_EQ(v.exitCode, 0);
    EXPECT_EQ(v.out, QByteArray("levlab-cli " LEVLAB_VERSION "\n"));
    for (const char* command : {"evaluate", "size", "stress", "shock"}) {
        const CliRun h = cli({QString::fromLatin1(command), QStringLiteral("--help")});
        EXPECT_EQ(h.exitCode, 0) << command;
        EXPECT_TRUE(h.out.contains("Usage:")) << command;
    }
    const CliRun unknown = cli({QStringLiteral("frobnicate")});
    EXPECT_EQ(unknown.exitCode, 2);
}

QJsonObject firstPosition(const CliRun& r)
{
    return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("positions")).toArray().at(0).toObject();
}

TEST(CliContract, OkxShortInATierJumpLiquidatesAtTheBoundary)
{
    const CliRun r = cli({QStringLiteral("evaluate")},
                         R"({"venue": "okx", "positions": [{"symbol": "BTC-USDT-SWAP", "side": "short", "quantity": 10,
                             "entry_price": 90000, "leverage": 8.4}]})");
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_DOUBLE_EQ(firstPosition(r).value(QStringLiteral("liquidation_price")).toDouble(), 100000.0);
}

TEST(CliContract, OmittedFiguresAreNullWithANote)
{
    // A cross position without leverage on a symbol with no shipped table: bankruptcy and funding still
    // come out. 1,000 DOGE long at 0.1 with a 50 wallet: 50 + 1,000 × (P − 0.1) = 0 → 0.05.
    const CliRun r = cli({QStringLiteral("evaluate")},
                         R"({"venue": "binance", "wallet_balance": 50, "positions": [{"symbol": "DOGEUSDT", "side": "long",
                             "quantity": 1000, "entry_price": 0.1, "mode": "cross", "funding_rate": 0.0001}]})");
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject p = firstPosition(r);
    EXPECT_TRUE(p.value(QStringLiteral("initial_margin")).isNull());
    EXPECT_TRUE(p.value(QStringLiteral("liquidation_price")).isNull());
    EXPECT_TRUE(p.value(QStringLiteral("maintenance_margin")).isNull());
    EXPECT_TRUE(p.value(QStringLiteral("liquidated")).isNull());
    EXPECT_NEAR(p.value(QStringLiteral("bankruptcy_price")).toDouble(), 0.05, 1e-12);
    EXPECT_NEAR(p.value(QStringLiteral("funding_payment")).toDouble(), 0.01, 1e-12);
    const QJsonArray notes = p.value(QStringLiteral("notes")).toArray();
    ASSERT_EQ(notes.size(), 2);
    EXPECT_EQ(notes.at(0).toString(), QStringLiteral("initial_margin: needs the leverage; the liquidation price of a cross position does not"));
}

TEST(CliContract, ABracketRowWithoutMaxLeverageSetsNoCap)
{
    const CliRun r = cli({QStringLiteral("evaluate")},
                         R"({"venue": "binance", "positions": [{"side": "long", "quantity": 1, "entry_price": 10000, "leverage": 200,
                             "brackets": [{"notional_floor": 0, "notional_cap": 50000, "mm_rate": 0.004}]}]})");
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(firstPosition(r).value(QStringLiteral("max_leverage")).isNull());
}

TEST(CliContract, OverflowIsRefusedNamingTheField)
{
    const CliRun r = cli({QStringLiteral("evaluate")},
                         R"({"wallet_balance": 1000, "positions": [{"side": "long", "quantity": 1, "entry_price": 1e308,
                             "mode": "cross", "mm_rate": 0.01}]})");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, QByteArray("levlab-cli: standard input: positions[0].entry_price: must lie between 1e-09 and 1e+12\n"));
    const CliRun lev = cli({QStringLiteral("evaluate")},
                           R"({"positions": [{"side": "long", "quantity": 1, "entry_price": 10000, "leverage": 5e-324, "mm_rate": 0.01}]})");
    EXPECT_EQ(lev.exitCode, 2);
    EXPECT_EQ(lev.err, QByteArray("levlab-cli: standard input: positions[0].leverage: must lie between 1 and 10000 (1 means no leverage)\n"));
}

TEST(CliContract, StressRefusesLeverageBelowOneAndHugeMargins)
{
    const CliRun half = cli({QStringLiteral("stress"), QStringLiteral("--margin"), QStringLiteral("1000"), QStringLiteral("--entry"),
                             QStringLiteral("40000"), QStringLiteral("--mmr"), QStringLiteral("0.5%"), QStringLiteral("--leverage"),
                             QStringLiteral("0.5")});
    EXPECT_EQ(half.exitCode, 2);
    EXPECT_EQ(half.err, QByteArray("levlab-cli: --leverage: 0.5 must lie between 1 and 10000 (1 means no leverage; below it the "
                                   "margin exceeds the position)\n"));
    const CliRun huge = cli({QStringLiteral("stress"), QStringLiteral("--margin"), QStringLiteral("1e308"), QStringLiteral("--entry"),
                             QStringLiteral("40000"), QStringLiteral("--mmr"), QStringLiteral("0.5%")});
    EXPECT_EQ(huge.exitCode, 2);
    EXPECT_EQ(huge.err, QByteArray("levlab-cli: --margin: must be at most 1e+15\n"));
}

TEST(CliContract, StressLabelsFractionalLeverage)
{
    const CliRun r = cli({QStringLiteral("stress"), QStringLiteral("--margin"), QStringLiteral("1000"), QStringLiteral("--entry"),
                          QStringLiteral("40000"), QStringLiteral("--mmr"), QStringLiteral("0.5%"), QStringLiteral("--leverage"),
                          QStringLiteral("12.5")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains("\n12.5x ")) << r.out.toStdString();
}

TEST(CliContract, SizeNamesItsOwnOptions)
{
    // 500x at MMR 0.5%: initial margin 32 on 16,000 does not cover maintenance 80.
    const CliRun r = cli({QStringLiteral("size"), QStringLiteral("--capital"), QStringLiteral("20000"), QStringLiteral("--risk"),
                          QStringLiteral("1%"), QStringLiteral("--entry"), QStringLiteral("40000"), QStringLiteral("--stop"),
                          QStringLiteral("39500"), QStringLiteral("--leverage"), QStringLiteral("500")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, QByteArray("levlab-cli: --leverage: at 500x the initial margin (32) does not exceed the maintenance margin (80): "
                                "it would be liquidated on opening\n"));
}

TEST(CliContract, SizeSaysWhyAFieldIsNull)
{
    const CliRun r = cli({QStringLiteral("size"), QStringLiteral("--capital"), QStringLiteral("20000"), QStringLiteral("--risk"),
                          QStringLiteral("1%"), QStringLiteral("--entry"), QStringLiteral("40000"), QStringLiteral("--stop"),
                          QStringLiteral("39500"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    EXPECT_TRUE(o.value(QStringLiteral("liquidation_price")).isNull());
    const QJsonArray notes = o.value(QStringLiteral("notes")).toArray();
    ASSERT_EQ(notes.size(), 2);
    EXPECT_EQ(notes.at(0).toString(), QStringLiteral("initial_margin, liquidation_price: give --leverage"));
    EXPECT_EQ(notes.at(1).toString(), QStringLiteral("reward_risk: give --take-profit"));
    const CliRun huge = cli({QStringLiteral("size"), QStringLiteral("--capital"), QStringLiteral("1e308"), QStringLiteral("--risk"),
                             QStringLiteral("1%"), QStringLiteral("--entry"), QStringLiteral("40000"), QStringLiteral("--stop"),
                             QStringLiteral("39500")});
    EXPECT_EQ(huge.exitCode, 2);
    EXPECT_EQ(huge.err, QByteArray("levlab-cli: --capital: must be at most 1e+15\n"));
}

TEST(CliContract, ShockOfAnIsolatedOnlyScenarioNeedsNoWallet)
{
    // Isolated a: 1 BTC at 10,000, 10x (margin 1,000); b: 10 ETH at 100, 2x (500). The wallet is their 1,500;
    // all cross at −12%: 1,500 − 1,200 − 120 = 180 against maintenance 100 + 10 (on entry value): standing.
    const CliRun r = cli({QStringLiteral("shock"), QStringLiteral("--moves"), QStringLiteral("-0.12"), QStringLiteral("--json")},
                         R"({"positions": [
                             {"id": "a", "side": "long", "quantity": 1, "entry_price": 10000, "leverage": 10, "mm_rate": 0.01},
                             {"id": "b", "side": "long", "quantity": 10, "entry_price": 100, "leverage": 2, "mm_rate": 0.01}]})");
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject cross = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("moves")).toArray().at(0).toObject()
                                  .value(QStringLiteral("layouts")).toObject().value(QStringLiteral("all_cross")).toObject();
    EXPECT_NEAR(cross.value(QStringLiteral("equity")).toDouble(), 180.0, 1e-9);
}

TEST(CliContract, ErrorsStayOnOneLine)
{
    const CliRun r = cli({QStringLiteral("evaluate")}, "{\"venue\": \"x\\ny\", \"positions\": []}");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, QByteArray("levlab-cli: standard input: venue: 'x\\ny' is not one of textbook, binance, bybit, okx, gate, "
                                "hyperliquid, bitmex\n"));
    const CliRun file = cli({QStringLiteral("evaluate"), QStringLiteral("/nonexistent/a\nb.json")});
    EXPECT_EQ(file.exitCode, 2);
    EXPECT_EQ(file.err.count('\n'), 1) << file.err.toStdString();
}

}  // namespace
