// Edit › Undo and Redo over the plan and the portfolio, and the window's keys:
// real clicks, drags and key presses on the real window.
#include "app/gui/dashboard.h"
#include "tests/ui/dashboard_fixture.h"
#include "ui/binding/edit_history.h"
#include "ui/chart/price_chart_view.h"
#include "ui/controls/keyboard_shortcuts.h"
#include "ui/controls/leverage_control.h"
#include "ui/controls/number_field.h"
#include "ui/controls/position_form.h"
#include "ui/portfolio/portfolio_panel.h"
#include "ui/portfolio/positions_table_model.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDoubleSpinBox>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStyleOptionSlider>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <map>

namespace levlab {
namespace {

class EditHistory : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(settingsDir.isValid());
        dash = test::openDashboard(settingsDir, QSize(1366, 768), 600);
        ASSERT_TRUE(dash->window->isVisible() && QTest::qWaitForWindowExposed(dash->window.get()));
    }

    model::RiskModel& model() { return dash->model; }
    QUndoStack& stack() { return *dash->window->history()->stack(); }
    QWidget* window() { return dash->window.get(); }

    void type(ui::NumberField* field, const QString& text)
    {
        field->setFocus(Qt::TabFocusReason);
        QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(field, text);
        QTest::keyClick(field, Qt::Key_Enter);
    }

    template <typename Pred>
    static void waitFor(Pred done)
    {
        for (int i = 0; i < 100 && !done(); ++i)
            QTest::qWait(10);
    }

    QPoint sliderHandle(QSlider* slider)
    {
        QStyleOptionSlider opt;
        opt.initFrom(slider);
        opt.orientation = slider->orientation();
        opt.minimum = slider->minimum();
        opt.maximum = slider->maximum();
        opt.sliderPosition = slider->sliderPosition();
        opt.sliderValue = slider->value();
        opt.subControls = QStyle::SC_All;
        return slider->style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderHandle, slider).center();
    }

    QTemporaryDir settingsDir;
    std::unique_ptr<app::Dashboard> dash;
};

TEST_F(EditHistory, CtrlZUndoesALeverageChangeNamedAsOnScreen)
{
    auto* control = dash->window->leverage();
    type(control->spinBox(), QStringLiteral("25"));
    ASSERT_EQ(model().inputs().leverage, 25.0);
    QTest::mouseClick(control->chip(1), Qt::LeftButton);  // 5×
    ASSERT_EQ(model().inputs().leverage, 5.0);
    EXPECT_EQ(stack().undoText(), QStringLiteral("Leverage 25× → 5×"));

    QTest::keyClick(window(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(model().inputs().leverage, 25.0);
    EXPECT_EQ(stack().redoText(), QStringLiteral("Leverage 25× → 5×"));
    EXPECT_EQ(stack().undoText(), QStringLiteral("Leverage 10× → 25×"));
    const QKeyCombination redo = QKeySequence(QKeySequence::Redo)[0];
    QTest::keyClick(window(), redo.key(), redo.keyboardModifiers());
    EXPECT_EQ(model().inputs().leverage, 5.0);
}

TEST_F(EditHistory, CtrlZInAFieldWithNothingTypedUndoesTheLastEdit)
{
    ui::NumberField* wallet = dash->window->form()->walletBox();
    type(wallet, QStringLiteral("20000"));
    ASSERT_EQ(model().inputs().wallet, 20000.0);
    EXPECT_EQ(stack().undoText(), QStringLiteral("Wallet 10,000 → 20,000"));
    ASSERT_TRUE(wallet->hasFocus());
    QTest::keyClick(wallet, Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(model().inputs().wallet, 10000.0);
    EXPECT_EQ(wallet->value(), 10000.0) << "the field shows the undone value";
}

TEST_F(EditHistory, OneSliderDragIsOneEntry)
{
    QSlider* slider = dash->window->leverage()->slider();
    const int count = stack().count();
    const QPoint from = sliderHandle(slider);
    QTest::mousePress(slider, Qt::LeftButton, Qt::NoModifier, from);
    for (int dx = 4; dx <= 120; dx += 4)
        QTest::mouseMove(slider, from + QPoint(dx, 0));
    QTest::mouseRelease(slider, Qt::LeftButton, Qt::NoModifier, from + QPoint(120, 0));
    const double dragged = model().inputs().leverage;
    ASSERT_GT(dragged, 11.0) << "the drag moved several steps";
    EXPECT_EQ(stack().count(), count + 1);
    EXPECT_EQ(stack().undoText(), QStringLiteral("Leverage 10× → %1×").arg(dragged));

    // A second drag is a second entry.
    QTest::keyClick(slider, Qt::Key_Right);
    EXPECT_EQ(stack().count(), count + 2);
    stack().undo();
    stack().undo();
    EXPECT_EQ(model().inputs().leverage, 10.0);
}

TEST_F(EditHistory, AHeldArrowKeyIsOneEntry)
{
    QSlider* slider = dash->window->leverage()->slider();
    slider->setFocus();
    const int count = stack().count();
    QTest::keyPress(slider, Qt::Key_Right);
    for (int i = 0; i < 4; ++i) {
        QKeyEvent repeat(QEvent::KeyPress, Qt::Key_Right, Qt::NoModifier, QString(), true);
        QApplication::sendEvent(slider, &repeat);
    }
    QTest::keyRelease(slider, Qt::Key_Right);
    EXPECT_EQ(model().inputs().leverage, 15.0);
    EXPECT_EQ(stack().count(), count + 1);
    EXPECT_EQ(stack().undoText(), QStringLiteral("Leverage 10× → 15×"));
}

TEST_F(EditHistory, ADragOfTheStopLineIsOneEntry)
{
    auto& chart = *dash->window->chart();
    chart.flushFrame();
    const double from = *model().inputs().stopLoss;
    const int count = stack().count();
    QWidget* viewport = chart.viewport();
    const QPoint start = chart.viewportPointFor(from);
    QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, start);
    for (int dy = 5; dy <= 40; dy += 5) {
        const QPointF at(start + QPoint(0, dy));
        QMouseEvent move(QEvent::MouseMove, at, viewport->mapToGlobal(at), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &move);
    }
    QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, start + QPoint(0, 40));
    const double to = *model().inputs().stopLoss;
    ASSERT_LT(to, from) << "dragged down";
    EXPECT_EQ(stack().count(), count + 1);
    EXPECT_EQ(stack().undoText(), QStringLiteral("Stop-loss %1 → %2").arg(ui::EditHistory::number(from), ui::EditHistory::number(to)));
    stack().undo();
    EXPECT_EQ(*model().inputs().stopLoss, from);
}

TEST_F(EditHistory, MarketTicksAreNotEdits)
{
    const int count = stack().count();
    dash->feed.advance(200);
    EXPECT_EQ(stack().count(), count);
}

TEST_F(EditHistory, PlanAndPortfolioEditsShareOneHistory)
{
    auto* panel = dash->window->portfolio();
    const auto holdings = dash->portfolio.holdings();
    ASSERT_EQ(holdings.front().symbol, QStringLiteral("BTCUSDT"));
    panel->table()->selectRow(0);
    panel->removeSelected();
    EXPECT_EQ(stack().undoText(), QStringLiteral("Remove BTC long"));
    type(dash->window->form()->walletBox(), QStringLiteral("20000"));
    EXPECT_EQ(stack().undoText(), QStringLiteral("Wallet 10,000 → 20,000"));

    window()->setFocus();
    QTest::keyClick(window(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(model().inputs().wallet, 10000.0) << "the plan edit made last is undone first";
    EXPECT_EQ(dash->portfolio.holdings().size(), holdings.size() - 1);
    QTest::keyClick(window(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(dash->portfolio.holdings(), holdings);

    // Alt+A adds a position, named in the history.
    QTest::keyClick(window(), Qt::Key_A, Qt::AltModifier);
    waitFor([&] { return dash->portfolio.holdings().size() == holdings.size() + 1; });  // a mnemonic animates the click
    EXPECT_EQ(dash->portfolio.holdings().size(), holdings.size() + 1);
    EXPECT_EQ(stack().undoText(), QStringLiteral("Add BTC long"));
}

TEST_F(EditHistory, DuplicateAsksTheModelFirstAndIsOneEntry)
{
    auto* panel = dash->window->portfolio();
    QPushButton* duplicate = nullptr;
    for (auto* b : panel->findChildren<QPushButton*>()) {
        if (b->text() == QStringLiteral("&Duplicate"))
            duplicate = b;
    }
    ASSERT_NE(duplicate, nullptr);
    const auto holdings = dash->portfolio.holdings();
    ASSERT_EQ(holdings.size(), 3u);
    const int entries = stack().count();
    QSignalSpy changed(&dash->portfolio, &model::PortfolioModel::changed);

    panel->table()->selectRow(0);
    QTest::mouseClick(duplicate, Qt::LeftButton);
    ASSERT_EQ(dash->portfolio.holdings().size(), 4u);
    EXPECT_EQ(changed.count(), 1) << "asked first, then added once: no add, read back and remove";
    EXPECT_EQ(dash->portfolio.holdings()[1].id, QStringLiteral("btc-2"));
    EXPECT_EQ(dash->portfolio.holdings()[1].quantity, holdings[0].quantity);
    EXPECT_EQ(stack().undoText(), QStringLiteral("Duplicate BTC long"));
    EXPECT_EQ(stack().count(), entries + 1);
    QTest::keyClick(window(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(dash->portfolio.holdings(), holdings);

    // The comparison holds every position isolated too, so the wallet must cover every margin: with
    // half a SOL margin to spare, a second SOL short is refused and nothing is added.
    double isolated = 0.0;
    for (std::size_t i = 0; i < holdings.size(); ++i) {
        const auto& p = dash->portfolio.snapshot().account.positions[i];
        isolated += engine::isIsolated(holdings[i].mode) ? p.margin : p.initialMargin;
    }
    ASSERT_EQ(holdings[2].mode, engine::MarginMode::Isolated);
    const double solMargin = dash->portfolio.snapshot().account.positions[2].margin;
    const auto walletRefused = dash->portfolio.setWallet(isolated + solMargin / 2.0);
    ASSERT_FALSE(walletRefused) << walletRefused->message().toStdString();
    changed.clear();
    QSignalSpy refused(panel, &ui::PortfolioPanel::refused);
    panel->table()->selectRow(2);
    QTest::mouseClick(duplicate, Qt::LeftButton);
    EXPECT_EQ(refused.count(), 1);
    EXPECT_EQ(changed.count(), 0);
    EXPECT_EQ(dash->portfolio.holdings(), holdings);
    EXPECT_EQ(stack().index(), entries) << "nothing was pushed";
    EXPECT_EQ(stack().redoText(), QStringLiteral("Duplicate BTC long"));
}

TEST_F(EditHistory, EditsInThePortfolioTableAreUndone)
{
    auto* panel = dash->window->portfolio();
    const auto before = dash->portfolio.holdings().front();
    QTableView* table = panel->table();
    table->setFocus();
    table->setCurrentIndex(table->model()->index(0, ui::PositionsTableModel::Leverage));
    QTest::keyClick(table, Qt::Key_F2);
    auto* editor = table->findChild<QDoubleSpinBox*>();
    ASSERT_NE(editor, nullptr);
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, QStringLiteral("20"));
    QTest::keyClick(editor, Qt::Key_Enter);
    waitFor([&] { return dash->portfolio.holdings().front().leverage != before.leverage; });  // the view commits queued
    ASSERT_EQ(dash->portfolio.holdings().front().leverage, 20.0);
    EXPECT_EQ(stack().undoText(), QStringLiteral("BTC long: Leverage 10× → 20×"));
    stack().undo();
    EXPECT_EQ(dash->portfolio.holdings().front(), before);
}

TEST_F(EditHistory, DescribesEachInputInTheScreensWords)
{
    model::PlanInputs a;
    a.stopLoss = 41160.0;
    model::PlanInputs b = a;
    b.stopLoss.reset();
    EXPECT_EQ(ui::EditHistory::describe(a, b), QStringLiteral("Stop-loss off"));
    b = a;
    b.takeProfit = 44000.5;
    EXPECT_EQ(ui::EditHistory::describe(a, b), QStringLiteral("Take-profit on at 44,000.5"));
    b = a;
    b.side = engine::Side::Short;
    b.feeRate = 0.001;
    EXPECT_EQ(ui::EditHistory::describe(a, b), QStringLiteral("Side Long → Short, Taker fee 0.05% → 0.1%"));
    b.horizonHours = 48;
    b.venue = engine::Venue::Okx;
    EXPECT_EQ(ui::EditHistory::describe(a, b), QStringLiteral("Venue Binance → OKX, Side Long → Short and 2 more"));
}

TEST_F(EditHistory, EveryMnemonicOfTheWindowIsUnique)
{
    const auto all = ui::windowMnemonics(window());
    ASSERT_GE(all.size(), 18) << "menus, the form's labels, the portfolio's and the quiz's buttons";
    std::map<QString, QString> seen;
    for (const auto& m : all) {
        const QString keys = m.keys.toString();
        const auto [it, fresh] = seen.emplace(keys, m.action + QStringLiteral(" (") + m.where + QStringLiteral(")"));
        EXPECT_TRUE(fresh) << keys.toStdString() << " belongs to " << it->second.toStdString() << " and to "
                           << m.action.toStdString() << " (" << m.where.toStdString() << ")";
    }
    EXPECT_EQ(seen.count(QStringLiteral("Alt+A")), 1U);
    // The menu bar reads File, Edit, View, Risk limits, Help; the lessons dock's toggle is in View.
    const auto menus = dash->window->menuBar()->actions();
    ASSERT_EQ(menus.size(), 5);
    EXPECT_EQ(menus[0]->text(), QStringLiteral("&File"));
    EXPECT_EQ(menus[1]->text(), QStringLiteral("&Edit"));
    EXPECT_EQ(menus[2]->text(), QStringLiteral("&View"));
    EXPECT_EQ(menus[3]->text(), QStringLiteral("Ris&k limits"));
    EXPECT_EQ(menus[4]->text(), QStringLiteral("&Help"));
    QStringList viewItems;
    for (const QAction* a : menus[2]->menu()->actions())
        viewItems << a->text();
    EXPECT_TRUE(viewItems.contains(QStringLiteral("Lessons"))) << viewItems.join(QStringLiteral(", ")).toStdString();
    EXPECT_EQ(seen.at(QStringLiteral("Alt+E")), QStringLiteral("Edit (Menu bar)"));
    EXPECT_EQ(seen.at(QStringLiteral("Alt+F")), QStringLiteral("File (Menu bar)"));
}

TEST_F(EditHistory, EveryShortcutIsUniqueAndListedInHelp)
{
    std::map<QString, QString> seen;
    for (const auto& s : ui::windowShortcuts(window())) {
        const auto [it, fresh] = seen.emplace(s.keys.toString(), s.action);
        EXPECT_TRUE(fresh) << s.keys.toString().toStdString() << ": " << it->second.toStdString() << " and " << s.action.toStdString();
    }
    EXPECT_EQ(seen.count(QKeySequence(QKeySequence::Redo).toString()), 1U);
    for (const char* keys : {"Ctrl+Z", "Ctrl+L", "Ctrl+G", "End", "F1", "Alt+A", "Alt+N", "Alt+L"})
        EXPECT_EQ(seen.count(QString::fromLatin1(keys)), 1U) << keys;

    QTest::keyClick(window(), Qt::Key_F1);
    auto* dialog = window()->findChild<QDialog*>();
    ASSERT_NE(dialog, nullptr);
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("shortcutsTable"));
    ASSERT_NE(table, nullptr);
    QStringList keys;
    for (int r = 0; r < table->rowCount(); ++r)
        keys << table->item(r, 0)->text();
    EXPECT_TRUE(keys.contains(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
    EXPECT_TRUE(keys.contains(QKeySequence(Qt::CTRL | Qt::Key_L).toString(QKeySequence::NativeText)));
    EXPECT_GE(table->rowCount(), static_cast<int>(seen.size()));
    dialog->close();
}

}  // namespace
}  // namespace levlab
