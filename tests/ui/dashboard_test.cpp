#include "app/gui/dashboard.h"
#include "core/engine/account/account.h"
#include "core/model/feeds/price_process.h"
#include "core/model/lessons/quiz_progress.h"
#include "ui/chart/event_layer.h"
#include "ui/chart/price_chart_view.h"
#include "ui/controls/leverage_control.h"
#include "ui/controls/position_form.h"
#include "ui/lessons/lessons_panel.h"
#include "ui/portfolio/portfolio_panel.h"
#include "ui/portfolio/positions_table_model.h"
#include "ui/risk/risk_panel.h"
#include "ui/risk/value_table.h"
#include "ui/risk/warning_text.h"

#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QCheckBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSlider>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QRadioButton>
#include <QTableView>
#include <QTextBrowser>
#include <QTableWidget>
#include <QTest>

#include <cmath>

namespace levlab {
namespace {

class Dashboard : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(settingsDir.isValid());
        app::DashboardOptions o;
        o.historyMinutes = 3000;
        o.settingsPath = settingsDir.filePath(QStringLiteral("settings.ini"));
        o.progressPath = settingsDir.filePath(QStringLiteral("progress.json"));
        dash = std::make_unique<app::Dashboard>(o);
        dash->window->resize(1900, 1050);
        dash->window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(dash->window.get()));
        chart().flushFrame();
    }

    ui::PriceChartView& chart() { return *dash->window->chart(); }
    const ui::LevelLine& line(ui::LevelLine::Kind k) { return chart().line(k); }
    model::RiskModel& model() { return dash->model; }

    /// The line's y must be where its price maps on the axis.
    void expectLineAt(ui::LevelLine::Kind kind, double price)
    {
        const ui::LevelLine& l = line(kind);
        ASSERT_TRUE(l.level().has_value());
        EXPECT_DOUBLE_EQ(*l.level(), price);
        if (!l.pinned()) {
            const QPoint p = chart().viewportPointFor(price);
            const QPoint drawn = chart().mapFromScene(l.mapToScene(QPointF(0, l.lineY())));
            EXPECT_NEAR(drawn.y(), p.y(), 1);
        }
    }

    QTemporaryDir settingsDir;
    std::unique_ptr<app::Dashboard> dash;
};

TEST_F(Dashboard, SliderMovesTheLiquidationLineToTheEnginePrice)
{
    QSlider* slider = dash->window->leverage()->slider();
    slider->setFocus();
    for (int target : {20, 21, 50, 3}) {
        slider->setValue(target);
        EXPECT_DOUBLE_EQ(model().inputs().leverage, target);
        // Recompute independently with the engine.
        auto r = engine::evaluatePosition(engine::Venue::Binance, [&] {
            engine::PositionInput p;
            p.quantity = model().snapshot().quantity;
            p.entryPrice = model().snapshot().entry;
            p.markPrice = model().market().mark;
            p.leverage = target;
            p.feeRate = model().inputs().feeRate;
            p.fundingRate = model().market().fundingRate;
            p.brackets = dash->tiers.find(engine::Venue::Binance, QStringLiteral("BTCUSDT"))->table;
            return p;
        }());
        ASSERT_TRUE(r.ok()) << r.error().message();
        expectLineAt(ui::LevelLine::Kind::Liquidation, *r->liquidationPrice);
        expectLineAt(ui::LevelLine::Kind::Bankruptcy, *r->bankruptcyPrice);
    }
    // Keyboard steps.
    slider->setValue(10);
    QTest::keyClick(slider, Qt::Key_Right);
    EXPECT_DOUBLE_EQ(model().inputs().leverage, 11.0);
    QTest::keyClick(slider, Qt::Key_PageUp);
    EXPECT_DOUBLE_EQ(model().inputs().leverage, 16.0);
}

TEST_F(Dashboard, MarginModeToggleMovesLiquidation)
{
    const double isolated = *model().snapshot().position.liquidationPrice;
    QAbstractButton* cross = dash->window->form()->modeGroup()->button(static_cast<int>(engine::MarginMode::Cross));
    QTest::mouseClick(cross, Qt::LeftButton);
    EXPECT_EQ(model().inputs().marginMode, engine::MarginMode::Cross);
    const double crossLiq = *model().snapshot().position.liquidationPrice;
    EXPECT_LT(crossLiq, isolated) << "the 10,000 wallet gives a cross long more room";
    expectLineAt(ui::LevelLine::Kind::Liquidation, crossLiq);
    // Binance cross, one position: (WB + cum − q·E) / (q·MMR − q).
    const auto& s = model().snapshot();
    const double q = s.quantity;
    EXPECT_NEAR(crossLiq, (10000.0 + s.position.maintenanceAmount - q * s.entry) / (q * s.position.mmRate - q), 1e-6);
}

TEST_F(Dashboard, FieldsDriveTheModelAndRefusalsKeepIt)
{
    auto* form = dash->window->form();
    QDoubleSpinBox* wallet = form->walletBox();
    wallet->setFocus();
    wallet->selectAll();
    QTest::keyClicks(wallet, QStringLiteral("25000"));
    QTest::keyClick(wallet, Qt::Key_Enter);
    EXPECT_DOUBLE_EQ(model().inputs().wallet, 25000.0);

    // A long's stop above entry is refused with the field named; the model keeps its stop.
    const auto stopBefore = model().inputs().stopLoss;
    QDoubleSpinBox* stop = form->stopBox();
    stop->setFocus();
    stop->selectAll();
    QTest::keyClicks(stop, QString::number(std::round(model().snapshot().entry * 1.05)));
    QTest::keyClick(stop, Qt::Key_Enter);
    EXPECT_EQ(model().inputs().stopLoss, stopBefore);
    EXPECT_TRUE(dash->window->statusBar()->currentMessage().startsWith(QStringLiteral("Stop-loss: a long's stop must lie below the entry")))
        << dash->window->statusBar()->currentMessage().toStdString();
    QTest::keyClick(stop, Qt::Key_Escape);
    EXPECT_DOUBLE_EQ(stop->value(), *stopBefore) << "Esc shows the model's value again";

    // Side toggle mirrors stop and target through the entry.
    QTest::mouseClick(form->sideGroup()->button(static_cast<int>(engine::Side::Short)), Qt::LeftButton);
    EXPECT_EQ(model().inputs().side, engine::Side::Short);
    EXPECT_GT(*model().inputs().stopLoss, model().snapshot().entry);
    expectLineAt(ui::LevelLine::Kind::StopLoss, *model().inputs().stopLoss);
}

TEST_F(Dashboard, DraggingTheStopLineMovesTheStop)
{
    const double entry = model().snapshot().entry;
    const double from = *model().inputs().stopLoss;
    const double to = model().snapToTick(entry * 0.985);
    QWidget* viewport = chart().viewport();
    const QPoint start = chart().viewportPointFor(from);
    const QPoint end = chart().viewportPointFor(to);
    QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, start);
    QMouseEvent move(QEvent::MouseMove, QPointF(end), viewport->mapToGlobal(QPointF(end)), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, end);
    ASSERT_TRUE(model().inputs().stopLoss.has_value());
    const double moved = *model().inputs().stopLoss;
    const double pricePerPixel = (chart().yMax() - chart().yMin()) / chart().candles().window().plot.height();
    EXPECT_NEAR(moved, to, 2.0 * pricePerPixel) << "within the pixel the pointer landed on";
    EXPECT_NEAR(std::remainder(moved, model().tickSize()), 0.0, 1e-6) << "snapped to the tick";
    expectLineAt(ui::LevelLine::Kind::StopLoss, moved);
}

TEST_F(Dashboard, DraggingLiquidationBackSolvesLeverage)
{
    const double target = model().snapshot().entry * 0.93;
    QWidget* viewport = chart().viewport();
    const QPoint start = chart().viewportPointFor(*model().snapshot().position.liquidationPrice);
    const QPoint end = chart().viewportPointFor(target);
    ASSERT_FALSE(line(ui::LevelLine::Kind::Liquidation).pinned());
    QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, start);
    QMouseEvent move(QEvent::MouseMove, QPointF(end), viewport->mapToGlobal(QPointF(end)), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, end);
    EXPECT_GT(model().inputs().leverage, 10.0) << "a nearer liquidation needs more leverage";
    const double pricePerPixel = (chart().yMax() - chart().yMin()) / chart().candles().window().plot.height();
    EXPECT_NEAR(*model().snapshot().position.liquidationPrice, target, 3.0 * pricePerPixel + 0.01 * target * 0.01);
}

TEST_F(Dashboard, RiskPanelOffersFixesWhenTheStopLiesBeyondLiquidation)
{
    auto* risk = dash->window->risk();
    EXPECT_FALSE(risk->lowerLeverageButton()->isVisible());
    dash->window->leverage()->slider()->setValue(80);  // liquidation ≈ 0.85% away, stop 2% away
    ASSERT_TRUE(model().snapshot().has(model::Warning::StopBeyondLiquidation));
    EXPECT_TRUE(risk->lowerLeverageButton()->isVisible());
    EXPECT_TRUE(risk->warnings()->text().contains(QStringLiteral("beyond the liquidation price")));
    QTest::mouseClick(risk->lowerLeverageButton(), Qt::LeftButton);
    EXPECT_FALSE(model().snapshot().has(model::Warning::StopBeyondLiquidation));
    EXPECT_FALSE(risk->lowerLeverageButton()->isVisible());
    EXPECT_EQ(dash->window->leverage()->slider()->value(), static_cast<int>(model().inputs().leverage));
}

TEST_F(Dashboard, AWickOnLastThroughLiquidationDoesNotLiquidate)
{
    // Find, in a seeded wick storm, a tick whose last price sits well below its mark.
    constexpr std::uint64_t kSeed = 20240101;
    app::DashboardOptions o;
    int wickTick = -1;
    double wickLast = 0;
    double wickMark = 0;
    {
        model::MarketFeed probe(kSeed, o.startPrice, o.startMs);
        probe.generateHistory(3000);
        probe.setScenario(model::Scenario::WickStorm);
        for (int i = 1; i < 4 * 7200 && wickTick < 0; ++i) {
            probe.advance(1);
            const auto& t = probe.lastTick();
            if ((t.mark - t.last) / t.mark > 0.01) {
                wickTick = i;
                wickLast = t.last;
                wickMark = t.mark;
            }
        }
    }
    ASSERT_GT(wickTick, 0) << "the storm has a downward wick of over 1%";

    // Replay the same seed up to the tick before, fix the entry, and put liquidation between last and mark.
    dash->feed.setScenario(model::Scenario::WickStorm);
    dash->feed.advance(wickTick - 1);
    ASSERT_FALSE(model().setEntryPrice(model().snapToTick(model().market().mark)).has_value());
    ASSERT_FALSE(model().setStopLoss(std::nullopt).has_value());
    ASSERT_FALSE(model().setLiquidationTarget((wickLast + wickMark) / 2.0).has_value());
    const double liq = *model().snapshot().position.liquidationPrice;
    ASSERT_LT(wickLast, liq);
    ASSERT_GT(wickMark, liq);

    dash->feed.advance(1);
    EXPECT_DOUBLE_EQ(model().market().last, wickLast) << "same seed, same tick";
    EXPECT_LT(model().market().last, liq) << "last went through the liquidation price";
    EXPECT_GT(model().market().mark, liq);
    EXPECT_TRUE(model().events().empty()) << "liquidation triggers on mark only";
    EXPECT_FALSE(model().snapshot().position.liquidated);
    chart().flushFrame();
    EXPECT_EQ(chart().events().visibleCount(), 0);
}

TEST_F(Dashboard, ZoomingOutAggregatesCandles)
{
    chart().zoom(100.0);
    chart().flushFrame();
    const double plotWidth = chart().candles().window().plot.width();
    const auto& w = chart().candles().window();
    const double candles = static_cast<double>(w.endMs - w.startMs) / static_cast<double>(w.series->spanMs() * w.group);
    EXPECT_GE(plotWidth / candles, ui::Theme::kMinCandlePx - 0.01);
    EXPECT_NE(chart().timeframe(), model::Timeframe::M1);
}

TEST_F(Dashboard, CompareViewShowsTheWorkedCase)
{
    auto& p = dash->portfolio;
    ASSERT_FALSE(p.setVenue(engine::Venue::Textbook).has_value());
    while (!p.holdings().empty())
        ASSERT_FALSE(p.remove(0).has_value());
    ASSERT_FALSE(p.setWallet(2000).has_value());
    model::Holding a{QStringLiteral("a"), QStringLiteral("BTCUSDT"), engine::Side::Long, 1, 10000, 10, engine::MarginMode::Cross, std::nullopt, 0.01};
    model::Holding b{QStringLiteral("b"), QStringLiteral("ETHUSDT"), engine::Side::Long, 10, 100, 2, engine::MarginMode::Cross, std::nullopt, 0.01};
    ASSERT_FALSE(p.add(a).has_value());
    ASSERT_FALSE(p.add(b).has_value());
    p.setMarks({{QStringLiteral("BTC"), 10000.0}, {QStringLiteral("ETH"), 100.0}}, 0.0);  // marked at entry
    auto* panel = dash->window->portfolio();
    panel->shockSlider()->setValue(-45);
    QTableWidget* compare = panel->compare();
    EXPECT_EQ(compare->item(1, 1)->text(), QStringLiteral("0.00"));    // all cross
    EXPECT_TRUE(compare->item(1, 2)->text().startsWith(QStringLiteral("a+b (")));
    EXPECT_EQ(compare->item(2, 1)->text(), QStringLiteral("550.00"));  // all isolated
    EXPECT_TRUE(compare->item(2, 2)->text().startsWith(QStringLiteral("a (")));
    panel->shockSlider()->setValue(-12);
    EXPECT_EQ(compare->item(1, 1)->text(), QStringLiteral("680.00"));
    EXPECT_EQ(compare->item(2, 1)->text(), QStringLiteral("880.00"));
    EXPECT_EQ(panel->account()->value(4), QStringLiteral("-17.18%"));
}

TEST_F(Dashboard, RemovingAPositionCanBeUndone)
{
    auto* panel = dash->window->portfolio();
    const auto before = dash->portfolio.holdings();
    ASSERT_FALSE(before.empty());
    panel->table()->selectRow(0);
    panel->removeSelected();
    EXPECT_EQ(dash->portfolio.holdings().size(), before.size() - 1);
    dash->window->activateWindow();
    QTest::keyClick(dash->window.get(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(dash->portfolio.holdings(), before);
}

TEST_F(Dashboard, TableEditsAreValidated)
{
    auto* panel = dash->window->portfolio();
    QAbstractItemModel* rows = panel->table()->model();
    const QModelIndex leverage = rows->index(0, ui::PositionsTableModel::Leverage);
    EXPECT_FALSE(rows->setData(leverage, 500.0, Qt::EditRole)) << "above the row's maximum";
    EXPECT_TRUE(dash->window->statusBar()->currentMessage().startsWith(QStringLiteral("Position 1, leverage: 500x is above the 125x maximum of risk-limit row 1")))
        << dash->window->statusBar()->currentMessage().toStdString();
    EXPECT_DOUBLE_EQ(dash->portfolio.holdings()[0].leverage, 10.0);
    EXPECT_TRUE(rows->setData(leverage, 4.0, Qt::EditRole));
    EXPECT_DOUBLE_EQ(dash->portfolio.holdings()[0].leverage, 4.0);
}

TEST_F(Dashboard, CascadeMovesCrossLinesAndMarksLiquidations)
{
    auto& p = dash->portfolio;
    while (!p.holdings().empty())
        ASSERT_FALSE(p.remove(0).has_value());
    const double btc = dash->feed.markOf(QStringLiteral("BTC"));
    const double eth = dash->feed.markOf(QStringLiteral("ETH"));
    ASSERT_FALSE(p.setWallet(3000).has_value());
    // A cross BTC long, a cross ETH long and an isolated BTC long.
    model::Holding a{QStringLiteral("a"), QStringLiteral("BTCUSDT"), engine::Side::Long, 0.1, btc, 10, engine::MarginMode::Cross, std::nullopt, std::nullopt};
    model::Holding b{QStringLiteral("b"), QStringLiteral("ETHUSDT"), engine::Side::Long, 2000.0 / eth, eth, 5, engine::MarginMode::Cross, std::nullopt, std::nullopt};
    model::Holding c{QStringLiteral("c"), QStringLiteral("BTCUSDT"), engine::Side::Long, 0.05, btc, 20, engine::MarginMode::Isolated, std::nullopt, std::nullopt};
    for (const auto& h : {a, b, c})
        ASSERT_FALSE(p.add(h).has_value());
    p.setMarks({{QStringLiteral("BTC"), btc}, {QStringLiteral("ETH"), eth}}, 0.0, 1);
    dash->window->portfolio()->showLevels()->setChecked(true);
    const auto& lines = chart().portfolioLines();
    ASSERT_GE(lines.size(), 2u);
    ASSERT_TRUE(lines[0]->level() && lines[1]->level());
    EXPECT_TRUE(lines[0]->labelText().contains(QStringLiteral("Liq a "))) << lines[0]->labelText().toStdString();
    const double crossBefore = *lines[0]->level();
    const double isolatedBefore = *lines[1]->level();

    // ETH falls 30%: the cross BTC line jumps up by b's loss ÷ 0.1 BTC (give or take its maintenance);
    // the isolated line stays where it was.
    p.setMarks({{QStringLiteral("BTC"), btc}, {QStringLiteral("ETH"), eth * 0.7}}, 0.0, 2);
    EXPECT_GT(*lines[0]->level(), crossBefore + 0.9 * 600.0 / 0.1);
    EXPECT_DOUBLE_EQ(*lines[1]->level(), isolatedBefore);

    // Selecting a row shows that position's entry and liquidation even without "show every".
    dash->window->portfolio()->showLevels()->setChecked(false);
    dash->window->portfolio()->table()->selectRow(2);
    ASSERT_GE(chart().portfolioLines().size(), 2u);
    EXPECT_TRUE(chart().portfolioLines()[0]->labelText().contains(QStringLiteral("Entry c ")));
    EXPECT_DOUBLE_EQ(*chart().portfolioLines()[1]->level(), isolatedBefore);
    dash->window->portfolio()->showLevels()->setChecked(true);

    // BTC crashes through the isolated line: c goes, the log and the chart say so.
    p.setMarks({{QStringLiteral("BTC"), isolatedBefore * 0.999}, {QStringLiteral("ETH"), eth * 0.7}}, 0.0, dash->feed.lastTick().timeMs);
    ASSERT_FALSE(p.events().empty());
    EXPECT_EQ(p.events().front().ids.front(), QStringLiteral("c"));
    EXPECT_GE(dash->window->portfolio()->eventLog()->count(), 1);
    EXPECT_TRUE(dash->window->portfolio()->eventLog()->item(0)->text().contains(QStringLiteral("LIQUIDATED c")));
    chart().flushFrame();
    EXPECT_GE(chart().events().visibleCount(), 1);
}

TEST_F(Dashboard, AnsweringTheSeedQuestionPlaysItsScenario)
{
    ui::LessonsPanel* lessons = dash->lessonsPanel;
    ASSERT_NE(lessons, nullptr);
    lessons->lessonList()->setCurrentRow(1);  // cross and isolated margin
    lessons->askQuestion(0);
    ASSERT_TRUE(lessons->asked().has_value());
    EXPECT_EQ(lessons->asked()->questionId, QStringLiteral("cross-isolated-seed"));
    EXPECT_TRUE(lessons->prompt()->text().contains(QStringLiteral("liquidation in one")));
    QAbstractButton* isolated = nullptr;
    for (QAbstractButton* b : lessons->options()->buttons())
        isolated = b->text() == QStringLiteral("Isolated margin") ? b : isolated;
    ASSERT_NE(isolated, nullptr);
    // By keyboard: focus the option, Space to choose, Enter to answer.
    isolated->setFocus();
    QTest::keyClick(isolated, Qt::Key_Space);
    EXPECT_TRUE(isolated->isChecked());
    QTest::keyClick(lessons->answerButton(), Qt::Key_Return);
    EXPECT_TRUE(lessons->feedback()->text().startsWith(QStringLiteral("Right")));
    EXPECT_TRUE(lessons->feedback()->text().contains(QStringLiteral("only lose its own margin")));
    // The scenario: two isolated positions and a crash, loaded into the portfolio; the market plays.
    ASSERT_EQ(dash->portfolio.holdings().size(), 2u);
    EXPECT_EQ(dash->portfolio.holdings()[0].id, QStringLiteral("a"));
    EXPECT_DOUBLE_EQ(dash->portfolio.shock(), -0.45);
    EXPECT_EQ(dash->feed.scenario(), model::Scenario::Crash);
    EXPECT_GT(dash->feed.speed(), 0.0);
    dash->feed.setSpeed(0);
    // The market starts at the scenario's stated price (40,000) along the question's seed:
    // the same path as a fresh market restarted there.
    EXPECT_NEAR(dash->feed.state().mark, 40000.0, 1e-6);
    model::MarketFeed reference(1, 20000.0, dash->feed.lastTick().timeMs);
    reference.restart(201, 40000.0, model::LessonDriver::kHistoryMinutes);
    reference.setScenario(model::Scenario::Crash);
    dash->feed.advance(400);
    reference.advance(400);
    EXPECT_DOUBLE_EQ(dash->feed.state().mark, reference.state().mark);
    // Kept across restarts.
    auto saved = model::QuizProgress::load(settingsDir.filePath(QStringLiteral("progress.json")));
    ASSERT_TRUE(saved.ok());
    ASSERT_TRUE(saved->recordOf(QStringLiteral("cross-isolated-seed")).has_value());
    EXPECT_TRUE(saved->recordOf(QStringLiteral("cross-isolated-seed"))->lastCorrect);
}

TEST_F(Dashboard, AWrongAnswerExplainsBothAndComesBack)
{
    ui::LessonsPanel* lessons = dash->lessonsPanel;
    lessons->lessonList()->setCurrentRow(1);
    lessons->askQuestion(0);
    for (QAbstractButton* b : lessons->options()->buttons()) {
        if (b->text().startsWith(QStringLiteral("Cross margin")))
            b->click();
    }
    lessons->answer();
    EXPECT_TRUE(lessons->feedback()->text().startsWith(QStringLiteral("Not quite.")));
    EXPECT_TRUE(lessons->feedback()->text().contains(QStringLiteral("The answer: Isolated margin")));
    dash->feed.setSpeed(0);
    // After the others, the missed question is asked again.
    const auto others = dash->lessons.lessons()[1].questions.size() - 1;
    for (std::size_t i = 0; i < others; ++i) {
        lessons->nextQuestion();
        lessons->options()->buttons().front()->click();
        lessons->answer();
        dash->feed.setSpeed(0);
    }
    lessons->nextQuestion();
    EXPECT_EQ(lessons->asked()->questionId, QStringLiteral("cross-isolated-seed"));
}

TEST_F(Dashboard, ScreenshotsInBothThemes)
{
    const QString dir = QDir(QStringLiteral(LEVLAB_SCREENSHOT_DIR)).absolutePath();
    QDir().mkpath(dir);
    dash->window->portfolio()->showLevels()->setChecked(true);
    dash->window->portfolio()->shockSlider()->setValue(-20);
    // The lessons dock mid-quiz: the seed question, answered.
    dash->lessonsPanel->lessonList()->setCurrentRow(1);
    dash->lessonsPanel->askQuestion(0);
    for (QAbstractButton* b : dash->lessonsPanel->options()->buttons()) {
        if (b->text() == QStringLiteral("Isolated margin"))
            b->click();
    }
    dash->lessonsPanel->answer();
    dash->feed.setSpeed(0);
    for (auto [choice, name] : {std::pair{model::ThemeChoice::Dark, "dashboard-dark.png"},
                                std::pair{model::ThemeChoice::Light, "dashboard-light.png"}}) {
        dash->window->setThemeChoice(choice);
        QApplication::processEvents();
        const QImage image = dash->window->grab().toImage();
        ASSERT_FALSE(image.isNull());
        ASSERT_TRUE(image.save(dir + QLatin1Char('/') + QLatin1String(name)));
        ASSERT_TRUE(dash->lessonsPanel->grab().save(dir + QStringLiteral("/lessons-") + QString::fromLatin1(name).section(QLatin1Char('-'), 1)));
        // The plot background follows the theme.
        const QColor plot = image.pixelColor(chart().mapTo(dash->window.get(), chart().viewportPointFor(chart().yMax())) + QPoint(-200, 30));
        EXPECT_EQ(plot.lightness() < 128, choice == model::ThemeChoice::Dark);
    }
}

}  // namespace
}  // namespace levlab
