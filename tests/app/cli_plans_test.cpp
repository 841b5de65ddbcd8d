#include "tests/app/cli_run.h"
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace {

using levlab::test::CliRun;
using levlab::test::cli;

/// The issue's plan on Binance's BTCUSDT table: 1 BTC long at 10,000, 10× isolated, fee 0.05%.
const QByteArray kPlan = R"({"venue": "binance", "wallet_balance": 10000,
  "positions": [{"symbol": "BTCUSDT", "side": "long", "quantity": 1, "entry_price": 10000,
                 "mode": "isolated", "leverage": 10, "fee_rate": 0.0005, "funding_rate": 0.0001}],
  "stop_loss": {"price": 9500},
  "exit_ladder": {"targets": [{"move": 0.05, "share": 0.5}, {"move": 0.08, "share": 0.3}, {"move": 0.12, "share": 0.2}]},
  "break_even_after": {"target": 1},
  "margin_rules": {"top_up": [{"at_margin_ratio": 0.5, "add": 500, "max_times": 2, "max_total": 800}]}})";

TEST(CliCompare, EachVenueIsEvaluateOfTheSamePlanWithThatVenue)
{
    const CliRun r = cli({QStringLiteral("compare"), QStringLiteral("--json"), QStringLiteral("-")}, kPlan);
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonArray venues = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("venues")).toArray();
    ASSERT_EQ(venues.size(), 7);
    QJsonObject plan = QJsonDocument::fromJson(kPlan).object();
    for (const QJsonValue& v : venues) {
        const QJsonObject row = v.toObject();
        const QString venue = row.value(QStringLiteral("venue")).toString();
        plan.insert(QStringLiteral("venue"), venue);
        QJsonArray positions = plan.value(QStringLiteral("positions")).toArray();
        QJsonObject p = positions.at(0).toObject();
        p.insert(QStringLiteral("symbol"), row.value(QStringLiteral("symbol")));
        positions.replace(0, p);
        plan.insert(QStringLiteral("positions"), positions);
        const CliRun e = cli({QStringLiteral("evaluate")}, QJsonDocument(plan).toJson());
        ASSERT_EQ(e.exitCode, 0) << venue.toStdString() << e.err.toStdString();
        const QJsonObject figures = QJsonDocument::fromJson(e.out).object().value(QStringLiteral("positions")).toArray().at(0).toObject();
        for (const char* key : {"initial_margin", "maintenance_margin", "liquidation_price", "bankruptcy_price", "liquidation_distance",
                                "bracket", "max_leverage", "funding_payment"})
            EXPECT_EQ(row.value(QLatin1String(key)), figures.value(QLatin1String(key))) << venue.toStdString() << " " << key;
        EXPECT_FALSE(row.value(QStringLiteral("reasons")).toArray().isEmpty()) << venue.toStdString();
    }
    // By hand: the textbook table's 0.5% of 10,000 is 50; 10,000 − (1,000 − 50) / 1 = 9,050.
    EXPECT_EQ(venues.at(0).toObject().value(QStringLiteral("liquidation_price")).toDouble(), 9050.0);
    EXPECT_EQ(venues.at(5).toObject().value(QStringLiteral("symbol")).toString(), QStringLiteral("BTC"));
    const QJsonArray okx = venues.at(3).toObject().value(QStringLiteral("reasons")).toArray();
    EXPECT_TRUE(okx.contains(QStringLiteral("maintenance includes the taker fee (0.05%)")));
    EXPECT_TRUE(okx.contains(QStringLiteral("row looked up at the liquidation notional")));
    const QJsonObject fees = venues.at(1).toObject().value(QStringLiteral("fees")).toObject();
    EXPECT_EQ(fees.value(QStringLiteral("open")).toDouble(), 5.0);
}

TEST(CliStressPlan, SameSeedSameOutputWhateverTheThreads)
{
    const QStringList base{QStringLiteral("stress-plan"), QStringLiteral("-"), QStringLiteral("--paths"), QStringLiteral("300"),
                           QStringLiteral("--seed"), QStringLiteral("9"), QStringLiteral("--regime"), QStringLiteral("crash"),
                           QStringLiteral("--json")};
    const CliRun one = cli(base + QStringList{QStringLiteral("--threads"), QStringLiteral("1")}, kPlan);
    const CliRun two = cli(base + QStringList{QStringLiteral("--threads"), QStringLiteral("2")}, kPlan);
    ASSERT_EQ(one.exitCode, 0) << one.err.toStdString();
    EXPECT_EQ(one.out, two.out);
    const QJsonObject o = QJsonDocument::fromJson(one.out).object();
    const QJsonObject exits = o.value(QStringLiteral("with_rules")).toObject().value(QStringLiteral("exits")).toObject();
    double total = 0.0;
    for (const QJsonValue& n : exits)
        total += n.toDouble();
    EXPECT_EQ(total, 300.0);
    EXPECT_EQ(o.value(QStringLiteral("run")).toObject().value(QStringLiteral("seed")).toString(), QStringLiteral("9"));
    const CliRun other = cli(QStringList(base).replaceInStrings(QStringLiteral("9"), QStringLiteral("10")), kPlan);
    EXPECT_NE(other.out, one.out);
}

TEST(CliStressPlan, ReplayListsEveryStepOfOnePath)
{
    const CliRun r = cli({QStringLiteral("stress-plan"), QStringLiteral("-"), QStringLiteral("--paths"), QStringLiteral("50"),
                       QStringLiteral("--regime"), QStringLiteral("trend"), QStringLiteral("--replay"), QStringLiteral("7"),
                       QStringLiteral("--json")},
                      kPlan);
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject run = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("with_rules")).toObject();
    double sum = 0.0;
    for (const QJsonValue& s : run.value(QStringLiteral("steps")).toArray())
        sum += s.toObject().value(QStringLiteral("result")).toDouble();
    EXPECT_NEAR(sum, run.value(QStringLiteral("result")).toDouble(), 1e-9);
    EXPECT_FALSE(run.value(QStringLiteral("steps")).toArray().isEmpty());
}

TEST(CliStressPlan, RefusalsNameTheFieldOrOption)
{
    QByteArray bad = kPlan;
    bad.replace("\"share\": 0.2", "\"share\": 0.3");
    CliRun r = cli({QStringLiteral("stress-plan"), QStringLiteral("-"), QStringLiteral("--paths"), QStringLiteral("10")}, bad);
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, QByteArray("levlab-cli: standard input: exit_ladder.targets[2].share: brings the shares to 110%: together they may "
                                "close at most 100%\n"));
    r = cli({QStringLiteral("stress-plan"), QStringLiteral("-")}, kPlan);
    EXPECT_EQ(r.err, QByteArray("levlab-cli: --paths is required, or --prices (see levlab-cli stress-plan --help)\n"));
    r = cli({QStringLiteral("stress-plan"), QStringLiteral("-"), QStringLiteral("--paths"), QStringLiteral("5"), QStringLiteral("--regime"),
             QStringLiteral("wild")},
            kPlan);
    EXPECT_EQ(r.err, QByteArray("levlab-cli: --regime: 'wild' is not one of calm, trend, crash\n"));
    bad = kPlan;
    bad.replace("\"funding_rate\": 0.0001}]", "\"funding_rate\": 0.0001}, {\"side\": \"short\", \"quantity\": 1, \"entry_price\": 10000, "
                                           "\"leverage\": 5, \"mm_rate\": 0.01}]");
    r = cli({QStringLiteral("compare"), QStringLiteral("-")}, bad);
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, QByteArray("levlab-cli: standard input: positions: a plan holds exactly one position (this one has 2)\n"));
}

TEST(CliStressPlan, HelpNamesTheOptions)
{
    const CliRun r = cli({QStringLiteral("stress-plan"), QStringLiteral("--help")});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_TRUE(r.out.contains("--paths <N>"));
    EXPECT_TRUE(r.out.contains("--regime <calm|trend|crash>"));
    const CliRun c = cli({QStringLiteral("compare"), QStringLiteral("--help")});
    EXPECT_EQ(c.exitCode, 0);
    EXPECT_TRUE(c.out.contains("--json"));
}

}  // namespace
