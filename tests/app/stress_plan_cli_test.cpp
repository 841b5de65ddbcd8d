// levlab-cli stress-plan over a real price history (--prices: every bar's open an entry,
// held --hours), worked by hand on five hourly bars; and a .levlab plan with a whole exit
// ladder and margin rules gives the CLI exactly the engine's run of the window's plan.
#include "tests/app/cli_run.h"

#include "core/engine/stress/plan_stress.h"
#include "core/model/feeds/market_feed.h"
#include "core/model/file/document.h"
#include "core/model/file/document_binding.h"
#include "core/model/plan/risk_model.h"
#include "core/model/portfolio/portfolio_model.h"
#include "core/model/scenario/exit_plan_json.h"
#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

namespace levlab::model {
namespace {

using levlab::test::CliRun;
using levlab::test::cli;
const auto write = levlab::test::writeFile;

// Five hourly bars from 2020-03-12 00:00 UTC: up through 104 and 108, then down to 100 and 90.
constexpr const char* kBars = "unix,open,high,low,close\n"
                              "1583971200,100,105,99,104\n1583974800,104,109,103,108\n"
                              "1583978400,108,108,100,101\n1583982000,101,101,90,92\n1583985600,92,95,91,94\n";
// 1 long at 100, 10×, no fee: stop 95, half off at 104 and at 108, break-even after the first.
constexpr const char* kLadder = R"({"venue": "textbook", "positions": [{"side": "long", "quantity": 1, "entry_price": 100,
  "leverage": 10, "mm_rate": 0.005}], "stop_loss": {"price": 95},
  "exit_ladder": {"targets": [{"price": 104, "share": 0.5}, {"price": 108, "share": 0.5}]}, "break_even_after": {"target": 1}})";

TEST(CliStressPlanPrices, EveryEntryOfAHandMadeHistoryWorkedByHand)
{
    QTemporaryDir dir;
    const QString prices = write(dir, QStringLiteral("p.csv"), kBars);
    const QString plan = write(dir, QStringLiteral("plan.json"), kLadder);
    const CliRun r = cli({QStringLiteral("stress-plan"), plan, QStringLiteral("--prices"), prices, QStringLiteral("--hours"),
                          QStringLiteral("2"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const QJsonObject run = o.value(QStringLiteral("run")).toObject();
    EXPECT_EQ(run.value(QStringLiteral("entries")).toInt(), 4);  // a 2 h period fits from the first four bars
    EXPECT_EQ(run.value(QStringLiteral("first_entry")).toString(), QStringLiteral("2020-03-12T00:00:00Z"));
    EXPECT_EQ(run.value(QStringLiteral("last_entry")).toString(), QStringLiteral("2020-03-12T03:00:00Z"));
    // 100: both targets (+6); 104: TP1 then break-even (+2); 108 and 101: the stop 5% below (−5 each).
    const QJsonObject with = o.value(QStringLiteral("with_rules")).toObject();
    const QJsonObject exits = with.value(QStringLiteral("exits")).toObject();
    EXPECT_EQ(exits.value(QStringLiteral("targets")).toInt(), 1);
    EXPECT_EQ(exits.value(QStringLiteral("break_even")).toInt(), 1);
    EXPECT_EQ(exits.value(QStringLiteral("stop")).toInt(), 2);
    EXPECT_EQ(with.value(QStringLiteral("shares")).toObject().value(QStringLiteral("stop")).toDouble(), 0.5);
    EXPECT_NEAR(with.value(QStringLiteral("median")).toDouble(), -1.5, 1e-9);
    EXPECT_NEAR(with.value(QStringLiteral("percentile_5")).toDouble(), -5.0, 1e-9);
    EXPECT_NEAR(with.value(QStringLiteral("mean")).toDouble(), -0.5, 1e-9);
    const QJsonObject worst = with.value(QStringLiteral("worst_path")).toObject();
    EXPECT_NEAR(worst.value(QStringLiteral("result")).toDouble(), -5.0, 1e-9);
    EXPECT_TRUE(worst.value(QStringLiteral("entry_time")).toString() == QStringLiteral("2020-03-12T02:00:00Z")
                || worst.value(QStringLiteral("entry_time")).toString() == QStringLiteral("2020-03-12T03:00:00Z"));
    // Plain: 100 reaches 108 (+8); 104 never reaches 112.32 nor 98.8 and closes at 101 (−3 × 100/104).
    const QJsonObject plain = o.value(QStringLiteral("plain")).toObject();
    EXPECT_EQ(plain.value(QStringLiteral("exits")).toObject().value(QStringLiteral("open_at_end")).toInt(), 1);
    EXPECT_NEAR(plain.value(QStringLiteral("median")).toDouble(), 0.5 * (-5.0 - 300.0 / 104.0), 1e-9);

    // Entry 1's step log: TP1 at 108.16 in the 01:00 bar (reported at its end), break-even at 104.
    const CliRun log = cli({QStringLiteral("stress-plan"), plan, QStringLiteral("--prices"), prices, QStringLiteral("--hours"),
                            QStringLiteral("2"), QStringLiteral("--replay"), QStringLiteral("1")});
    ASSERT_EQ(log.exitCode, 0) << log.err.toStdString();
    EXPECT_TRUE(log.out.startsWith("entry 1 (2020-03-12 01:00 UTC, at 104.00), with the ladder and rules:\n")) << log.out.toStdString();
    EXPECT_TRUE(log.out.contains("2020-03-12 02:00      take_profit  108.16")) << log.out.toStdString();
    EXPECT_TRUE(log.out.contains("ends: break_even, result 2.00\n")) << log.out.toStdString();
}

TEST(CliStressPlanPrices, RefusesInWords)
{
    QTemporaryDir dir;
    const QString prices = write(dir, QStringLiteral("p.csv"), kBars);
    const QString plan = write(dir, QStringLiteral("plan.json"), kLadder);
    const QString sp = QStringLiteral("stress-plan");
    CliRun r = cli({sp, plan, QStringLiteral("--prices"), prices, QStringLiteral("--hours"), QStringLiteral("6")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, QByteArray("levlab-cli: --prices: the history is shorter than the holding period of 6 h: no entry has a whole period\n"));
    r = cli({sp, plan, QStringLiteral("--prices"), prices, QStringLiteral("--paths"), QStringLiteral("10")});
    EXPECT_EQ(r.err, QByteArray("levlab-cli: --prices runs every entry of the history: --paths, --seed and --regime are for the simulated paths\n"));
    r = cli({sp, plan, QStringLiteral("--hours"), QStringLiteral("2"), QStringLiteral("--paths"), QStringLiteral("10")});
    EXPECT_EQ(r.err, QByteArray("levlab-cli: --hours is the holding period of a --prices run; a simulated path lasts one day\n"));
    r = cli({sp, plan, QStringLiteral("--prices"), prices, QStringLiteral("--hours"), QStringLiteral("0")});
    EXPECT_EQ(r.err, QByteArray("levlab-cli: --hours: '0' is not a holding period between 0 and 10 years, in hours\n"));
    r = cli({sp, plan, QStringLiteral("--prices"), prices, QStringLiteral("--hours"), QStringLiteral("2"), QStringLiteral("--replay"),
             QStringLiteral("4")});
    EXPECT_EQ(r.err, QByteArray("levlab-cli: --replay: 4 is not an entry of p.csv whose 2 h lie inside the data\n"));
    EXPECT_TRUE(r.out.isEmpty());
}

/// A plan the window makes: 1 BTC long at 10,000 on Binance, 10× isolated, stop 9,500, a
/// three-rung ladder (10,500 / 10,800 / 11,200 closing 50/30/20%), break-even after the
/// first, and a top-up of 150 at a margin ratio of 80%, twice, 300 at most.
QByteArray ladderedDocument(const TierLibrary& tiers, engine::TradePlan& enginePlan)
{
    MarketFeed feed(20240101, 42000.0, 1704067200000);
    RiskModel risk(tiers);
    risk.setMarket(feed.state());
    PlanInputs in;
    in.entryAtMarket = false;
    in.entryPrice = 10000.0;
    in.size = 1.0;
    in.leverage = 10.0;
    in.wallet = 10000.0;
    in.stopLoss = 9500.0;
    in.takeProfit.reset();
    in.ladder.targets = {{10500.0, 0.5}, {10800.0, 0.3}, {11200.0, 0.2}};
    in.ladder.stopMoves = {engine::StopMove{1, true, 0.0}};
    in.ladder.topUps = {engine::TopUpRule{0.8, 150.0, 2, 300.0}};
    const auto refused = risk.setInputs(in);
    EXPECT_FALSE(refused) << refused->message().toStdString();
    enginePlan = risk.currentTradePlan().value();
    PortfolioModel portfolio(tiers);
    Document doc = captureDocument(risk, portfolio, feed, ViewState{});
    doc.portfolio.reset();
    return writeDocument(doc);
}

TEST(CliStressPlanDocument, ALevlabLadderAndRulesAreTheWindowsPlan)
{
    const TierLibrary tiers = TierLibrary::loadShipped();
    engine::TradePlan window;
    const QByteArray bytes = ladderedDocument(tiers, window);
    auto read = parseTradePlan(bytes, tiers, QStringLiteral("plan.levlab"));
    ASSERT_TRUE(read.ok()) << read.error().message();
    const engine::ExitPlan& x = read->exits;
    EXPECT_EQ(x.stopLoss, std::optional(9500.0));
    ASSERT_EQ(x.targets.size(), 3u);
    EXPECT_EQ(x.targets[1], (engine::TakeProfit{10800.0, 0.3}));
    EXPECT_EQ(x.stopMoves, (std::vector<engine::StopMove>{{1, true, 0.0}}));
    EXPECT_EQ(x.topUps, (std::vector<engine::TopUpRule>{{0.8, 150.0, 2, 300.0}}));
    EXPECT_EQ(x.targets, window.exits.targets);
    EXPECT_EQ(x.topUps, window.exits.topUps);
    EXPECT_EQ(read->position.quantity, window.position.quantity);
    EXPECT_EQ(read->position.entryPrice, window.position.entryPrice);

    QTemporaryDir dir;
    const QString file = write(dir, QStringLiteral("plan.levlab"), bytes);
    const CliRun r = cli({QStringLiteral("stress-plan"), file, QStringLiteral("--paths"), QStringLiteral("300"), QStringLiteral("--seed"),
                          QStringLiteral("7"), QStringLiteral("--regime"), QStringLiteral("crash"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    engine::StressRunOptions o;
    o.paths = 300;
    o.seed = 7;
    o.regime = engine::market::Regime::CrashProne;
    const auto expected = engine::stressPlan(window, o);
    ASSERT_TRUE(expected.ok());
    const QJsonObject with = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("with_rules")).toObject();
    const QJsonObject exits = with.value(QStringLiteral("exits")).toObject();
    for (std::size_t k = 0; k < engine::kOutcomeCount; ++k) {
        const auto name = QString::fromLatin1(engine::outcomeName(static_cast<engine::TradeOutcome>(k)));
        EXPECT_EQ(exits.value(name).toInt(), static_cast<int>(expected->withRules.counts[k])) << name.toStdString();
    }
    EXPECT_EQ(with.value(QStringLiteral("median")).toDouble(), expected->withRules.median);
    EXPECT_EQ(with.value(QStringLiteral("percentile_5")).toDouble(), expected->withRules.percentile5);
    EXPECT_EQ(with.value(QStringLiteral("worst_path")).toObject().value(QStringLiteral("index")).toInt(),
              static_cast<int>(expected->withRules.worstPath));
    EXPECT_GT(expected->withRules.counts[static_cast<std::size_t>(engine::TradeOutcome::BreakEven)], 0u) << "the ladder is in play";

    const CliRun c = cli({QStringLiteral("compare"), file, QStringLiteral("--json")});
    EXPECT_EQ(c.exitCode, 0) << c.err.toStdString();
}

}  // namespace
}  // namespace levlab::model
