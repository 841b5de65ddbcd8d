#include "tests/app/cli_run.h"
#include "tests/core/market_data.h"

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

namespace {

using levlab::test::CliRun;
using levlab::test::cli;
const auto write = levlab::test::writeFile;

TEST(CliPrices, ReportsAsJsonWithTheNamedKeys)
{
    QTemporaryDir dir;
    // Newest first, 03:00 twice (closes agree), 01:00 missing, one zero-volume hour.
    const QString path = write(dir, QStringLiteral("p.csv"),
                               "unix,open,high,low,close,Volume BTC,Volume USD\n"
                               "1583982000,3,3,3,3,0,0\n"
                               "1583982000,3,3,3,3.00,0,0\n"
                               "1583978400,2,2,2,2,1,2\n"
                               "1583971200,1,1,1,1,1,1\n");
    const CliRun r = cli({QStringLiteral("prices"), path, QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(o.value(QStringLiteral("rows")).toInt(), 3);
    EXPECT_EQ(o.value(QStringLiteral("first")).toString(), QStringLiteral("2020-03-12T00:00:00Z"));
    EXPECT_EQ(o.value(QStringLiteral("last")).toString(), QStringLiteral("2020-03-12T03:00:00Z"));
    EXPECT_EQ(o.value(QStringLiteral("interval_s")).toInt(), 3600);
    EXPECT_EQ(o.value(QStringLiteral("duplicates")).toInt(), 1);
    EXPECT_EQ(o.value(QStringLiteral("duplicates_disagreeing")).toInt(), 0);
    EXPECT_EQ(o.value(QStringLiteral("gaps")).toInt(), 1);
    EXPECT_EQ(o.value(QStringLiteral("missing_bars")).toInt(), 1);
    EXPECT_EQ(o.value(QStringLiteral("longest_gap_bars")).toInt(), 1);
    EXPECT_EQ(o.value(QStringLiteral("zero_volume")).toInt(), 1);
    EXPECT_EQ(o.value(QStringLiteral("swapped_volume")).toInt(), 0);
    EXPECT_EQ(o.value(QStringLiteral("open_outside_range")).toInt(), 0);
    EXPECT_TRUE(o.value(QStringLiteral("refused")).toArray().isEmpty());
}

TEST(CliPrices, RefusesAMalformedFileWithItsLines)
{
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("bad.csv"),
                               "time,open,high,low,close\n"
                               "2020-03-12 00:00,1,2,1,1.5\n"
                               "2020-03-12 00:01,1,2,x,1.5\n"
                               "2020-03-12 00:02,1,1,2,1.5\n");
    const CliRun r = cli({QStringLiteral("prices"), path});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.out.isEmpty());
    EXPECT_EQ(r.err, QByteArray("levlab-cli: bad.csv:3:22: 'x' is not a number (the low)\n"
                                "levlab-cli: bad.csv:4:20: the high 1 is below the low 2\n"));
}

TEST(CliPrices, TheBinanceFile)
{
    LEVLAB_REQUIRE_DATA(path, "hourly/Binance_BTCUSDT_1h.csv");
    const CliRun r = cli({QStringLiteral("prices"), QString::fromStdString(path), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(o.value(QStringLiteral("duplicates")).toInt(), 2649);
    EXPECT_EQ(o.value(QStringLiteral("duplicates_disagreeing")).toInt(), 1);
    EXPECT_EQ(o.value(QStringLiteral("gaps")).toInt(), 8);
    EXPECT_EQ(o.value(QStringLiteral("missing_bars")).toInt(), 16);
    EXPECT_EQ(o.value(QStringLiteral("longest_gap_bars")).toInt(), 4);
}

// Hourly bars opening at 100, 95, 92, 91; lows 96, 91, 90.4, 91; highs 101, 96, 93, 99.
constexpr const char* kHandPrices = "unix,open,high,low,close\n"
                                    "1583971200,100,101,96,96\n1583974800,95,96,91,92\n"
                                    "1583978400,92,93,90.4,91\n1583982000,91,99,91,95\n";
constexpr const char* kTextbookPlan =
    R"({"venue": "textbook", "positions": [{"side": "long", "quantity": 1, "entry_price": 100, "leverage": 10, "mm_rate": 0.005}]})";

TEST(CliOdds, JsonCellsWorkedByHand)
{
    QTemporaryDir dir;
    const QString prices = write(dir, QStringLiteral("p.csv"), kHandPrices);
    const QString plan = write(dir, QStringLiteral("plan.json"), kTextbookPlan);
    const CliRun r = cli({QStringLiteral("odds"), plan, QStringLiteral("--prices"), prices, QStringLiteral("--leverage"),
                       QStringLiteral("10,50"), QStringLiteral("--hours"), QStringLiteral("1,2"), QStringLiteral("--stop"),
                       QStringLiteral("5%"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonArray cells = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("cells")).toArray();
    ASSERT_EQ(cells.size(), 8);
    // Textbook, MMR 0.5%: a long liquidates at entry × (1 − 1/L + 0.005), a short at entry × (1 + 1/L − 0.005).
    // 10x long: 90.5, 85.975, 83.26, 82.355 — never reached; stops 5% below (95, 90.25, 87.4, 86.45): the
    //   entry at 100 is stopped in its second hour (low 91).
    // 50x long: 98.5, 93.575, 90.62, 89.635 — the first three within their own hour; the stop lies beyond.
    // 10x short: 109.5, 104.025, 100.74, 99.645 — never; stops 105, 99.75, 96.6, 95.55: the entry at 91 is
    //   stopped in its hour (high 99), the entry at 92 in its second hour.
    // 50x short: 101.5, 96.425, 93.38, 92.365 — the entry at 91 within its hour, the entry at 92 in its second.
    struct Cell {
        const char* side;
        double leverage, hours;
        int entries, liquidated, stopped;
        double share;
    };
    const Cell expected[] = {{"long", 10, 1, 4, 0, 0, 0.0},  {"long", 10, 2, 3, 0, 1, 0.0},
                             {"long", 50, 1, 4, 3, 0, 0.75}, {"long", 50, 2, 3, 3, 0, 1.0},
                             {"short", 10, 1, 4, 0, 1, 0.0}, {"short", 10, 2, 3, 0, 1, 0.0},
                             {"short", 50, 1, 4, 1, 0, 0.25}, {"short", 50, 2, 3, 1, 0, 1.0 / 3.0}};
    for (qsizetype i = 0; i < cells.size(); ++i) {
        const QJsonObject c = cells.at(i).toObject();
        const Cell& e = expected[i];
        SCOPED_TRACE(i);
        EXPECT_EQ(c.keys(), (QStringList{QStringLiteral("entries"), QStringLiteral("hours"), QStringLiteral("leverage"),
                                         QStringLiteral("liquidated"), QStringLiteral("share"), QStringLiteral("side"),
                                         QStringLiteral("stopped_first")}));
        EXPECT_EQ(c.value(QStringLiteral("side")).toString(), QLatin1String(e.side));
        EXPECT_EQ(c.value(QStringLiteral("leverage")).toDouble(), e.leverage);
        EXPECT_EQ(c.value(QStringLiteral("hours")).toDouble(), e.hours);
        EXPECT_EQ(c.value(QStringLiteral("entries")).toInt(), e.entries);
        EXPECT_EQ(c.value(QStringLiteral("liquidated")).toInt(), e.liquidated);
        EXPECT_EQ(c.value(QStringLiteral("stopped_first")).toInt(), e.stopped);
        EXPECT_DOUBLE_EQ(c.value(QStringLiteral("share")).toDouble(), e.share);
    }
}

TEST(CliOdds, RefusesWhatItCannotUse)
{
    QTemporaryDir dir;
    const QString prices = write(dir, QStringLiteral("p.csv"), kHandPrices);
    const QString plan = write(dir, QStringLiteral("plan.json"), kTextbookPlan);
    CliRun r = cli({QStringLiteral("odds"), plan});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, QByteArray("levlab-cli: --prices is required (see levlab-cli odds --help)\n"));
    r = cli({QStringLiteral("odds"), plan, QStringLiteral("--prices"), prices, QStringLiteral("--hours"), QStringLiteral("0")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, QByteArray("levlab-cli: --hours: 0 is not a holding period between 0 and 10 years\n"));
    r = cli({QStringLiteral("odds"), plan, QStringLiteral("--prices"), prices, QStringLiteral("--stop"), QStringLiteral("abc")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, QByteArray("levlab-cli: --stop: 'abc' is not a distance between 0% and 100%\n"));
    const QString two = write(dir, QStringLiteral("two.json"),
                              R"({"positions": [{"side": "long", "quantity": 1, "entry_price": 100, "leverage": 10, "mm_rate": 0.005},
                                                {"side": "short", "quantity": 1, "entry_price": 100, "leverage": 10, "mm_rate": 0.005}]})");
    r = cli({QStringLiteral("odds"), two, QStringLiteral("--prices"), prices});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.endsWith("two.json: positions: the odds read one position; this plan has 2\n")) << r.err.toStdString();
}

TEST(CliOdds, DefaultGridRunsOnBlackThursday)
{
    LEVLAB_REQUIRE_DATA(path, "bitmex/bitmex_XBTUSD_1m_2020-03.csv");
    QTemporaryDir dir;
    const QString plan = write(dir, QStringLiteral("plan.json"),
                               R"({"venue": "bitmex", "positions": [{"symbol": "XBTUSD", "contract": "inverse", "side": "long",
                                   "quantity": 10000, "entry_price": 7931.5, "leverage": 10, "fee_rate": 0.00075}]})");
    const CliRun r = cli({QStringLiteral("odds"), plan, QStringLiteral("--prices"), QString::fromStdString(path), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonArray cells = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("cells")).toArray();
    // Two sides × six periods × the leverage ladder up to the row's maximum.
    ASSERT_GT(cells.size(), 0);
    EXPECT_EQ(cells.size() % 12, 0);
    // 44,640 one-minute bars: a 1-hour period fits 44,640 − 59 entries, a 30-day period 44,640 − 43,199.
    EXPECT_EQ(cells.at(0).toObject().value(QStringLiteral("entries")).toInt(), 44581);
    EXPECT_EQ(cells.at(5).toObject().value(QStringLiteral("entries")).toInt(), 1441);
}

}  // namespace
