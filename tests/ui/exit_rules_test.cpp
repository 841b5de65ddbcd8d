// The Exits section's margin rules and trailing stop typed as a person does, and the
// stress run's worst path played on the chart: a seeded path drawn again from its seed,
// and an entry of the loaded history, through the same engine run as levlab-cli.
#include "tests/ui/exits_fixture.h"

#include "core/engine/stress/history_stress.h"
#include "core/model/plan/messages.h"
#include "core/model/replay/replay_source.h"
#include "ui/market/replay_panel.h"
#include "ui/stress/stress_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>

namespace levlab {
namespace {

TEST_F(Exits, SeveralMarginRulesAndATrailingDistanceInPriceTypedKeyByKey)
{
    planAtTenThousand();
    EXPECT_FALSE(exits().topUpEnabled(1)->isVisibleTo(&exits())) << "the second rule waits for the first";
    press(exits().topUpEnabled(0), Qt::Key_Space);  // 80%, half the 1,000 margin
    ASSERT_TRUE(exits().topUpEnabled(1)->isVisibleTo(&exits()));
    press(exits().topUpEnabled(1), Qt::Key_Space);
    test::typeKeys(exits().topUpRatioBox(1), QStringLiteral("88"));
    QTest::keyClick(exits().topUpRatioBox(1), Qt::Key_Enter);
    test::typeKeys(exits().topUpAmountBox(1), QStringLiteral("200"));
    QTest::keyClick(exits().topUpAmountBox(1), Qt::Key_Enter);
    press(exits().topUpEnabled(2), Qt::Key_Space);  // 5 points past the one before, the same amount
    press(exits().deleverageEnabled(0), Qt::Key_Space);
    press(exits().deleverageEnabled(1), Qt::Key_Space);
    test::typeKeys(exits().deleverageShareBox(1), QStringLiteral("30"));
    QTest::keyClick(exits().deleverageShareBox(1), Qt::Key_Enter);
    press(exits().trailingEnabled(), Qt::Key_Space);  // 2% of the best price
    press(exits().trailingUnitBox(), Qt::Key_Down);   // → in price: 2% of the 10,000 entry
    EXPECT_EQ(model().inputs().ladder.trailing, (engine::TrailingStop{200.0, true, std::nullopt}));
    test::typeKeys(exits().trailingBox(), QStringLiteral("250"));
    QTest::keyClick(exits().trailingBox(), Qt::Key_Enter);

    const model::ExitLadder& l = model().inputs().ladder;
    ASSERT_EQ(l.topUps.size(), 3u);
    EXPECT_EQ(l.topUps[0], (engine::TopUpRule{0.8, 500.0, 1, std::nullopt}));
    EXPECT_EQ(l.topUps[1], (engine::TopUpRule{0.88, 200.0, 1, std::nullopt}));
    EXPECT_NEAR(l.topUps[2].marginRatio, 0.93, 1e-12);
    EXPECT_EQ(l.topUps[2].amount, 200.0);
    ASSERT_EQ(l.deleverages.size(), 2u);
    EXPECT_EQ(l.deleverages[0], (engine::DeleverageRule{0.9, 0.5, 1}));
    EXPECT_NEAR(l.deleverages[1].marginRatio, 0.93, 1e-12);
    EXPECT_EQ(l.deleverages[1].share, 0.3);
    EXPECT_EQ(l.trailing, (engine::TrailingStop{250.0, true, std::nullopt}));
    EXPECT_EQ(exits().trailingBox()->suffix(), QString()) << "a price has no % sign";

    // Bad values: refused beside the field in words, and the model keeps its ladder.
    test::typeKeys(exits().trailingBox(), QStringLiteral("12000"));
    QTest::keyClick(exits().trailingBox(), Qt::Key_Enter);
    EXPECT_EQ(exits().trailingBox()->problemLabel()->text(),
              QStringLiteral("Trailing stop: must be a price distance greater than 0 and below the entry."));
    test::typeKeys(exits().topUpRatioBox(2), QStringLiteral("120"));
    QTest::keyClick(exits().topUpRatioBox(2), Qt::Key_Enter);
    EXPECT_EQ(exits().topUpRatioBox(2)->problemLabel()->text(),
              QStringLiteral("Top-up 3, margin ratio: must be more than 0% and less than 100% (100% is liquidation)."));
    EXPECT_EQ(model().inputs().ladder, l);

    // Unticking the middle rule leaves the other two, in order.
    press(exits().topUpEnabled(1), Qt::Key_Space);
    ASSERT_EQ(model().inputs().ladder.topUps.size(), 2u);
    EXPECT_EQ(model().inputs().ladder.topUps[1].amount, 200.0);
    EXPECT_NEAR(model().inputs().ladder.topUps[1].marginRatio, 0.93, 1e-12);
}

/// Clicks the worst path's cell (the table's last row) with the mouse.
void clickWorst(QTableWidget* t, int column)
{
    const int row = t->rowCount() - 1;
    t->scrollToItem(t->item(row, column));
    QTest::mouseClick(t->viewport(), Qt::LeftButton, {}, t->visualItemRect(t->item(row, column)).center());
}

TEST_F(Exits, ClickingTheWorstSeededPathPlaysItOnTheChart)
{
    planAtTenThousand();
    model::ExitLadder l;
    l.targets = {{10300.0, 0.5}, {10600.0, 0.5}};
    l.stopMoves = {engine::StopMove{1, true, 0.0}};
    ASSERT_FALSE(model().setExitLadder(l).has_value());
    for (auto* b : exits().findChildren<QPushButton*>()) {
        if (b->text() == QStringLiteral("Stress test…"))
            QTest::mouseClick(b, Qt::LeftButton);
    }
    ui::StressView* view = exits().stressView();
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(view->sourceBox()->count(), 1) << "no history loaded: seeded paths only";
    test::typeKeys(view->pathsBox(), QStringLiteral("100"));
    test::typeKeys(view->seedBox(), QStringLiteral("7"));
    QSignalSpy done(view, &ui::StressView::finished);
    QTest::mouseClick(view->runButton(), Qt::LeftButton);
    ASSERT_TRUE(done.wait(20000));
    const engine::TradePlan plan = model().currentTradePlan().value();
    engine::StressRunOptions o;
    o.paths = 100;
    o.seed = 7;
    const auto expected = engine::stressPlan(plan, o);
    ASSERT_TRUE(expected.ok());
    clickWorst(view->table(), 0);

    // The replay is the path of the worst seed, one bar a minute of its last price.
    const model::ReplaySource* replay = dash->replayPanel->source();
    ASSERT_NE(replay, nullptr);
    ASSERT_EQ(&dash->market.source(), replay);
    EXPECT_EQ(replay->name(), QStringLiteral("Stress path %1 (seed %2)").arg(expected->withRules.worstPath).arg(expected->withRules.worstSeed));
    const auto path = engine::stressPath(plan, o, expected->withRules.worstPath);
    ASSERT_EQ(replay->bars().size(), 1440u);
    EXPECT_EQ(replay->bars()[0].open, path[0].last);
    EXPECT_EQ(replay->bars()[1439].close, path[1440].last);
    EXPECT_EQ(dash->replayPanel->history(), nullptr) << "a stress path is not a loaded history";
    EXPECT_EQ(model().tradeState(), model::TradeState::Open);
    EXPECT_EQ(model().snapshot().entry, path[0].last);
    EXPECT_GT(replay->speed(), 0.0) << "it plays";
    // Played to its end, the trade ends as the engine walks the same prices (the replay's
    // one price stands for the mark too).
    model::ReplaySource* source = dash->replayPanel->source();
    source->setSpeed(0.0);
    while (source->step()) {
    }
    std::vector<engine::PathPoint> lastOnly = path;
    for (auto& p : lastOnly)
        p.mark = p.last;
    const auto run = engine::simulateTrade(plan, lastOnly);
    ASSERT_TRUE(run.ok());
    if (run->outcome == engine::TradeOutcome::OpenAtEnd) {
        EXPECT_EQ(model().tradeState(), model::TradeState::Open);
    } else {
        ASSERT_EQ(model().tradeState(), model::TradeState::Closed);
        EXPECT_NEAR(model().events().back().result, run->result, 1e-6);
    }
}

TEST_F(Exits, TheStressRunOverTheLoadedHistoryIsTheEnginesAndItsWorstEntryReplays)
{
    planAtTenThousand();
    ASSERT_FALSE(model().setHorizonHours(2.0).has_value());
    model::ExitLadder l;
    l.targets = {{10400.0, 0.5}, {10800.0, 0.5}};
    l.stopMoves = {engine::StopMove{1, true, 0.0}};
    ASSERT_FALSE(model().setExitLadder(l).has_value());
    // Hourly bars from 2020-03-12 00:00 UTC around 7,900: up 4%, up 4%, then down.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("hours.csv"));
    {
        QFile f(file);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("unix,open,high,low,close\n"
                "1583971200,7900,8295,7821,8216\n1583974800,8216,8611,8137,8532\n"
                "1583978400,8532,8532,7900,7979\n1583982000,7979,7979,7110,7268\n1583985600,7268,7505,7189,7426\n");
    }
    ASSERT_TRUE(dash->replayPanel->loadFile(file));
    const std::vector<engine::Bar> bars = dash->replayPanel->history()->bars();
    for (auto* b : exits().findChildren<QPushButton*>()) {
        if (b->text() == QStringLiteral("Stress test…"))
            QTest::mouseClick(b, Qt::LeftButton);
    }
    ui::StressView* view = exits().stressView();
    ASSERT_EQ(view->sourceBox()->count(), 2);
    EXPECT_EQ(view->sourceBox()->itemText(1), QStringLiteral("Every entry of hours.csv"));
    press(view->sourceBox(), Qt::Key_Down);
    EXPECT_FALSE(view->pathsBox()->isEnabled());
    QSignalSpy done(view, &ui::StressView::finished);
    QTest::mouseClick(view->runButton(), Qt::LeftButton);
    ASSERT_TRUE(done.wait(20000));
    // The engine's run of the same plan over the same bars, held the plan's 2 hours.
    const engine::TradePlan plan = model().currentTradePlan().value();
    engine::HistoryRunOptions h;
    h.hours = 2.0;
    h.intervalSeconds = 3600;
    const auto expected = engine::stressPlanOverHistory(plan, bars, h);
    ASSERT_TRUE(expected.ok());
    ASSERT_EQ(expected->entries, 4u);
    QTableWidget* t = view->table();
    const int last = t->rowCount() - 1;
    auto money = [](double v) { return (v >= 0.0 ? QStringLiteral("+") : QString()) + model::formatNumber(v, 2); };
    EXPECT_EQ(t->item(last - 3, 0)->text(), money(expected->run.withRules.median));
    EXPECT_EQ(t->item(last - 3, 1)->text(), money(expected->run.plain.median));
    const std::size_t worst = expected->run.withRules.worstPath;
    EXPECT_EQ(t->item(last, 0)->text(), QStringLiteral("%1 (entry %2 UTC)")
                                            .arg(money(expected->run.withRules.worstResult),
                                                 QDateTime::fromSecsSinceEpoch(bars[worst].time, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"))));

    clickWorst(t, 0);
    const model::ReplaySource* replay = dash->replayPanel->source();
    ASSERT_EQ(&dash->market.source(), replay);
    EXPECT_EQ(dash->replayPanel->history(), replay) << "the loaded history itself, started at the entry";
    EXPECT_EQ(replay->startSeconds(), bars[worst].time);
    EXPECT_EQ(model().tradeState(), model::TradeState::Open);
    EXPECT_EQ(model().snapshot().entry, bars[worst].open);
    // The plan moved with the price: the stop 5% below the entry, the take-profits 4% and 8% above.
    ASSERT_TRUE(model().inputs().stopLoss.has_value());
    EXPECT_NEAR(*model().inputs().stopLoss / bars[worst].open, 0.95, 1e-12);
    EXPECT_NEAR(model().inputs().ladder.targets[1].price / bars[worst].open, 1.08, 1e-12);
}

}  // namespace
}  // namespace levlab
