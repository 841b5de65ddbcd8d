// The Exits section and the ladder on the chart as a person uses them: a ladder typed
// key by key, a take-profit line dragged with the mouse, and an open trade run
// through two take-profits and a break-even exit, read back from the trade log.
#include "app/gui/dashboard.h"
#include "tests/ui/dashboard_fixture.h"
#include "tests/ui/exits_fixture.h"
#include "ui/chart/ladder_lines.h"
#include "ui/chart/price_chart_view.h"
#include "ui/controls/exits_form.h"
#include "ui/controls/trade_bar.h"
#include "ui/risk/ladder_rows.h"
#include "ui/risk/risk_panel.h"
#include "ui/risk/value_table.h"
#include "ui/stress/stress_view.h"
#include "ui/venue/venue_comparison.h"
#include "core/model/plan/messages.h"
#include "core/model/scenario/venue_plans.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QScrollArea>
#include <QScrollBar>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cmath>

namespace levlab {
namespace {

TEST_F(Exits, ALadderTypedKeyByKeyIsTheModelsLadder)
{
    planAtTenThousand();
    const int undoBefore = dash->window->findChild<QUndoStack*>() ? dash->window->findChild<QUndoStack*>()->count() : 0;
    EXPECT_FALSE(exits().targetEnabled(1)->isVisibleTo(&exits())) << "the second row waits for the first";
    press(exits().targetEnabled(0), Qt::Key_Space);
    test::typeKeys(exits().targetPrice(0), QStringLiteral("10500"));
    QTest::keyClick(exits().targetPrice(0), Qt::Key_Enter);
    test::typeKeys(exits().targetShare(0), QStringLiteral("50"));
    QTest::keyClick(exits().targetShare(0), Qt::Key_Tab);
    ASSERT_TRUE(exits().targetEnabled(1)->isVisibleTo(&exits()));
    press(exits().targetEnabled(1), Qt::Key_Space);
    test::typeKeys(exits().targetPrice(1), QStringLiteral("10800"));
    QTest::keyClick(exits().targetPrice(1), Qt::Key_Enter);
    test::typeKeys(exits().targetShare(1), QStringLiteral("30"));
    QTest::keyClick(exits().targetShare(1), Qt::Key_Enter);
    press(exits().targetEnabled(2), Qt::Key_Space);
    test::typeKeys(exits().targetPrice(2), QStringLiteral("11200"));
    QTest::keyClick(exits().targetPrice(2), Qt::Key_Enter);
    press(exits().breakEvenBox(), Qt::Key_Down);  // "never" → "TP1"

    const model::ExitLadder& l = model().inputs().ladder;
    ASSERT_EQ(l.targets.size(), 3u);
    EXPECT_EQ(l.targets[0], (engine::TakeProfit{10500.0, 0.5}));
    EXPECT_EQ(l.targets[1], (engine::TakeProfit{10800.0, 0.3}));
    EXPECT_EQ(l.targets[2].price, 11200.0);
    EXPECT_NEAR(l.targets[2].share, 0.2, 1e-12) << "a new rung closes what is left";
    ASSERT_EQ(l.stopMoves.size(), 1u);
    EXPECT_EQ(l.stopMoves[0], (engine::StopMove{1, true, 0.0}));
    if (auto* stack = dash->window->findChild<QUndoStack*>()) {
        EXPECT_EQ(stack->count() - undoBefore, 9) << "each commit one undo step";
    }

    // The risk panel reads the engine's preview: blended 719.635 ÷ 509.75 (hand-worked in ladder_test).
    ui::ValueTable* rows = dash->window->risk()->ladderRows()->table();
    ASSERT_GE(rows->rowCount(), 5);
    EXPECT_EQ(rows->name(0), QStringLiteral("Blended reward : risk"));
    EXPECT_TRUE(rows->value(0).startsWith(QStringLiteral("1.41 : 1  (719.6"))) << rows->value(0).toStdString();
    EXPECT_TRUE(rows->value(0).endsWith(QStringLiteral(" ÷ 509.75)"))) << rows->value(0).toStdString();
    EXPECT_EQ(rows->value(1), QStringLiteral("+244.88 at 10,500.0; liq. 8,032.1"));

    // Shares past 100%: refused beside the field, in percent, and the model keeps its ladder.
    test::typeKeys(exits().targetShare(2), QStringLiteral("60"));
    QTest::keyClick(exits().targetShare(2), Qt::Key_Enter);
    EXPECT_TRUE(exits().targetShare(2)->isInvalid());
    EXPECT_EQ(exits().targetShare(2)->problemLabel()->text(),
              QStringLiteral("Take-profit 3, share: brings the shares to 140%: together they may close at most 100%."));
    EXPECT_NEAR(model().inputs().ladder.targets[2].share, 0.2, 1e-12);
}

TEST_F(Exits, DraggingATakeProfitLineMovesThatRung)
{
    // Around the market the chart shows: +5%, +8% and +12% of the entry.
    const double entry = model().snapshot().entry;
    const double tp1 = model().snapToTick(entry * 1.05), tp2 = model().snapToTick(entry * 1.08), tp3 = model().snapToTick(entry * 1.12);
    model::ExitLadder l;
    l.targets = {{tp1, 0.5}, {tp2, 0.3}, {tp3, 0.2}};
    ASSERT_FALSE(model().setExitLadder(l).has_value());
    chart().flushFrame();
    const ui::LevelLine* line = chart().ladderLines().target(1);
    ASSERT_NE(line, nullptr);
    EXPECT_TRUE(line->tagText().startsWith(QStringLiteral("TP2 30%"))) << line->tagText().toStdString();
    const double to = model().snapToTick(entry * 1.095);
    QWidget* viewport = chart().viewport();
    const QPoint start = chart().viewportPointFor(tp2);
    const QPoint end = chart().viewportPointFor(to);
    QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, start);
    QMouseEvent move(QEvent::MouseMove, QPointF(end), viewport->mapToGlobal(QPointF(end)), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, end);
    const double pricePerPixel = (chart().yMax() - chart().yMin()) / chart().candles().window().plot.height();
    const auto& moved = model().inputs().ladder.targets;
    EXPECT_NEAR(moved[1].price, to, 2.0 * pricePerPixel) << "within the pixel the pointer landed on";
    EXPECT_EQ(moved[0].price, tp1);
    EXPECT_EQ(moved[2].price, tp3);
    EXPECT_EQ(moved[1].share, 0.3);
    EXPECT_EQ(exits().targetPrice(1)->value(), moved[1].price) << "the field follows the line";
}

TEST_F(Exits, AnOpenTradeRunsThroughTwoTakeProfitsAndABreakEvenExitIntoTheTradeLog)
{
    planAtTenThousand();
    model::ExitLadder l;
    l.targets = {{10500.0, 0.5}, {10800.0, 0.3}, {11200.0, 0.2}};
    l.stopMoves = {engine::StopMove{1, true, 0.0}};
    ASSERT_FALSE(model().setExitLadder(l).has_value());
    const qint64 t0 = dash->feed.lastTick().timeMs;
    auto at = [&](double price, qint64 seconds) {
        model::MarketState m = model().market();
        m.timeMs = t0 + seconds * 1000;
        m.mark = m.last = m.index = price;
        model().setMarket(m);
    };
    at(10100.0, 1);
    at(9990.0, 2);  // the fixed entry (a limit at 10,000) fills
    ASSERT_EQ(model().tradeState(), model::TradeState::Open);
    QTest::qWait(250);  // readouts follow the market at most Theme::kReadoutHz times a second
    EXPECT_FALSE(exits().targetPrice(0)->isEnabled()) << "an open trade's exits run as planned";
    EXPECT_FALSE(exits().targetEnabled(0)->isEnabled());
    at(10600.0, 3);
    at(10900.0, 4);
    at(10000.0, 5);
    ASSERT_EQ(model().tradeState(), model::TradeState::Closed);
    QTest::qWait(250);

    std::unique_ptr<QTableWidget> table(ui::TradeBar::logTable(model(), nullptr));
    ASSERT_EQ(table->rowCount(), 5) << "the trade and its four steps";
    auto cell = [&](int r, int c) { return table->item(r, c)->text(); };
    // 244.875 + 236.88 + 2.05 = 483.805 (ladder_test works each by hand; the sum in
    // binary lies a hair below the half cent).
    EXPECT_EQ(cell(0, 7), QStringLiteral("+483.80"));
    EXPECT_EQ(cell(1, 4).trimmed(), QStringLiteral("take profit"));
    EXPECT_EQ(cell(1, 5), QStringLiteral("10,500.00"));
    EXPECT_EQ(cell(1, 6), QStringLiteral("0.5000"));
    EXPECT_EQ(cell(1, 7), QStringLiteral("+244.88"));
    EXPECT_EQ(cell(2, 4).trimmed(), QStringLiteral("stop moved"));
    EXPECT_EQ(cell(2, 5), QStringLiteral("10,020.26"));
    EXPECT_EQ(cell(3, 7), QStringLiteral("+236.88"));
    EXPECT_EQ(cell(4, 4).trimmed(), QStringLiteral("break even stop"));
    EXPECT_EQ(cell(4, 6), QStringLiteral("0.2000"));
    EXPECT_EQ(cell(4, 7), QStringLiteral("+2.05"));

    // The risk panel lists the steps with the realised total.
    ui::ValueTable* rows = dash->window->risk()->ladderRows()->table();
    ASSERT_EQ(rows->rowCount(), 5);
    EXPECT_EQ(rows->name(4), QStringLiteral("Realised"));
    EXPECT_EQ(rows->value(4), QStringLiteral("+483.80"));
}

TEST_F(Exits, TheVenueComparisonShowsTheEnginesNumbersForEachVenue)
{
    model::MarketState m = model().market();
    m.mark = m.last = m.index = 10000.0;
    m.fundingRate = 0.0001;
    model().setMarket(m);
    planAtTenThousand();  // after the market moved: the limit entry waits
    // The same plan as `levlab-cli compare` reads it, through the scenario format.
    const QByteArray plan = R"({"venue": "binance", "wallet_balance": 10000, "positions": [{"id": "plan", "symbol": "BTCUSDT",
        "side": "long", "quantity": 1, "entry_price": 10000, "mark_price": 10000, "mode": "isolated", "leverage": 10,
        "fee_rate": 0.0005, "funding_rate": 0.0001}]})";
    auto venues = model::planOnEveryVenue(plan, dash->tiers);
    ASSERT_TRUE(static_cast<bool>(venues));
    std::vector<engine::AccountInput> accounts;
    for (const auto& v : venues.value()) {
        ASSERT_TRUE(v.account.has_value()) << engine::venueName(v.venue);
        accounts.push_back(*v.account);
    }
    const auto expected = engine::compareVenues(accounts);

    auto* button = exits().findChild<QPushButton*>();
    for (auto* b : exits().findChildren<QPushButton*>()) {
        if (b->text() == QStringLiteral("Compare venues…"))
            button = b;
    }
    QTest::mouseClick(button, Qt::LeftButton);
    ui::VenueComparison* view = exits().venueComparison();
    ASSERT_NE(view, nullptr);
    QTableWidget* t = view->table();
    ASSERT_EQ(t->columnCount(), static_cast<int>(expected.size()));
    int highlighted = 0;
    for (std::size_t c = 0; c < expected.size(); ++c) {
        const auto& f = expected[c];
        const int col = static_cast<int>(c);
        EXPECT_EQ(t->horizontalHeaderItem(col)->text(), QString::fromLatin1(engine::venueDisplayName(f.venue).data()));
        ASSERT_TRUE(f.position.has_value()) << engine::venueName(f.venue);
        EXPECT_EQ(t->item(ui::VenueComparison::InitialMargin, col)->text(), model::formatNumber(f.position->initialMargin, 2));
        EXPECT_EQ(t->item(ui::VenueComparison::MaintenanceMargin, col)->text(), model::formatNumber(f.position->maintenanceMargin, 2));
        const auto& liq = f.position->liquidationPrice;
        EXPECT_EQ(t->item(ui::VenueComparison::Liquidation, col)->text(), liq ? model::formatNumber(*liq, 2) : QStringLiteral("none"));
        EXPECT_EQ(t->item(ui::VenueComparison::Fees, col)->text(), model::formatNumber(f.openFee + f.closeFee, 2));
        EXPECT_EQ(t->item(ui::VenueComparison::MaxLeverage, col)->text(), model::formatNumber(f.position->maxLeverage, 0) + QStringLiteral("×"));
        QStringList reasons;
        for (const auto& r : f.reasons)
            reasons << QString::fromStdString(r);
        EXPECT_EQ(t->item(ui::VenueComparison::Reasons, col)->text(), reasons.join(QLatin1Char('\n')));
        if (f.venue != engine::Venue::Binance && t->item(ui::VenueComparison::Liquidation, col)->font().bold())
            ++highlighted;
    }
    EXPECT_GT(highlighted, 0) << "venues whose liquidation differs from Binance's are highlighted";
}

TEST_F(Exits, TheStressRunIsTheEnginesAndTheSameSeedGivesTheSameFigures)
{
    planAtTenThousand();
    model::ExitLadder l;
    l.targets = {{10500.0, 0.5}, {10800.0, 0.3}, {11200.0, 0.2}};
    l.stopMoves = {engine::StopMove{1, true, 0.0}};
    ASSERT_FALSE(model().setExitLadder(l).has_value());
    for (auto* b : exits().findChildren<QPushButton*>()) {
        if (b->text() == QStringLiteral("Stress test…"))
            QTest::mouseClick(b, Qt::LeftButton);
    }
    ui::StressView* view = exits().stressView();
    ASSERT_NE(view, nullptr);
    view->pathsBox()->setValue(200);
    view->seedBox()->setValue(7);
    QSignalSpy done(view, &ui::StressView::finished);
    QTest::mouseClick(view->runButton(), Qt::LeftButton);
    ASSERT_TRUE(done.wait(20000));
    // The engine's own run of the same plan.
    engine::StressRunOptions o;
    o.paths = 200;
    o.seed = 7;
    auto expected = engine::stressPlan(model().currentTradePlan().value(), o);
    ASSERT_TRUE(static_cast<bool>(expected));
    QTableWidget* t = view->table();
    const int last = t->rowCount() - 1;
    auto money = [](double v) { return (v >= 0.0 ? QStringLiteral("+") : QString()) + model::formatNumber(v, 2); };
    EXPECT_EQ(t->item(last - 3, 0)->text(), money(expected->withRules.median));
    EXPECT_EQ(t->item(last - 2, 0)->text(), money(expected->withRules.percentile5));
    EXPECT_EQ(t->item(last - 3, 1)->text(), money(expected->plain.median));
    const QString first = t->item(last, 0)->text();
    QTest::mouseClick(view->runButton(), Qt::LeftButton);
    ASSERT_TRUE(done.wait(20000));
    EXPECT_EQ(view->table()->item(last, 0)->text(), first) << "same seed, same worst path";
    // A click on the worst path lists its steps, the last of which ends the trade.
    t->setCurrentCell(last, 0);
    emit t->cellClicked(last, 0);
    EXPECT_GT(view->worstSteps()->rowCount(), 0);
}

TEST_F(Exits, ScreenshotsOfTheLadderTheStressRunAndTheComparison)
{
    const QString dir = QDir(QStringLiteral(LEVLAB_SCREENSHOT_DIR)).absolutePath();
    QDir().mkpath(dir);
    dash->window->resize(1920, 1080);
    // A ladder around the market: +1.5%, +3%, +5% (50/30/20), break-even after the first,
    // a top-up at 80% of the margin ratio and a deleverage at 90%.
    const double entry = model().snapshot().entry;
    ASSERT_FALSE(model().setLeverage(20.0).has_value());
    model::ExitLadder l;
    l.targets = {{model().snapToTick(entry * 1.015), 0.5}, {model().snapToTick(entry * 1.03), 0.3}, {model().snapToTick(entry * 1.05), 0.2}};
    l.stopMoves = {engine::StopMove{1, true, 0.0}};
    l.topUps = {engine::TopUpRule{0.8, 150.0, 1, std::nullopt}};
    l.deleverages = {engine::DeleverageRule{0.9, 0.5, 1}};
    ASSERT_FALSE(model().setExitLadder(l).has_value());
    ui::ValueTable* rows = dash->window->risk()->ladderRows()->table();
    ASSERT_EQ(rows->rowCount(), 7);  // blended, three take-profits and the stop's move, the two rules
    // The plan column lays itself out again over a few turns of the event loop.
    for (int i = 0; i < 100 && rows->height() < rows->sizeHint().height(); ++i)
        QTest::qWait(20);
    EXPECT_GE(rows->height(), rows->sizeHint().height()) << "every row shows";
    QScrollArea* plan = dash->window->planScroll();
    plan->verticalScrollBar()->setValue(plan->verticalScrollBar()->maximum());
    for (auto [choice, name] : {std::pair{model::ThemeChoice::Dark, "ladder-dark.png"}, std::pair{model::ThemeChoice::Light, "ladder-light.png"}}) {
        dash->window->setThemeChoice(choice);
        chart().flushFrame();
        QTest::qWait(100);
        ASSERT_TRUE(dash->window->grab().save(dir + QLatin1Char('/') + QLatin1String(name)));
    }
    for (auto* b : exits().findChildren<QPushButton*>()) {
        if (b->text() == QStringLiteral("Stress test…") || b->text() == QStringLiteral("Compare venues…"))
            QTest::mouseClick(b, Qt::LeftButton);
    }
    ui::StressView* stress = exits().stressView();
    ASSERT_NE(stress, nullptr);
    stress->pathsBox()->setValue(2000);
    QSignalSpy done(stress, &ui::StressView::finished);
    QTest::mouseClick(stress->runButton(), Qt::LeftButton);
    ASSERT_TRUE(done.wait(60000));
    emit stress->table()->cellClicked(stress->table()->rowCount() - 1, 0);
    QApplication::processEvents();
    ASSERT_TRUE(stress->grab().save(dir + QStringLiteral("/stress.png")));
    ASSERT_TRUE(exits().venueComparison()->grab().save(dir + QStringLiteral("/venues.png")));
}

}  // namespace
}  // namespace levlab
