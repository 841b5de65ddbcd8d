// The dashboard as a person uses it, at 1366×768: real key presses, mouse clicks and
// shortcuts on the real window, one test per finding of the first hands-on review.
// (Typing in every field, the layout, the themes, the tags and the edit history
// have suites of their own: entry_test, layout_test, theme_test, chart tests,
// edit_history_test.)
#include "app/gui/dashboard.h"
#include "tests/ui/dashboard_fixture.h"
#include "core/model/plan/messages.h"
#include "ui/binding/market_throttle.h"
#include "ui/chart/price_chart_view.h"
#include "ui/controls/leverage_control.h"
#include "ui/controls/number_field.h"
#include "ui/controls/position_form.h"
#include "ui/controls/trade_bar.h"
#include "ui/lessons/lessons_panel.h"
#include "ui/risk/risk_panel.h"
#include "ui/risk/value_table.h"

#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QListWidget>
#include <QRegularExpression>
#include <QScrollArea>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <cmath>

namespace levlab {
namespace {

using model::PositionEvent;
using model::TradeState;

class EndToEnd : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        dash = test::openDashboard(dir, QSize(1356, 728), 600);
        ASSERT_TRUE(dash->window->isVisible() && QTest::qWaitForWindowExposed(dash->window.get()));
    }

    model::RiskModel& model() { return dash->model; }
    ui::PositionForm& form() { return *dash->window->form(); }
    QString status() const { return dash->window->statusBar()->currentMessage(); }

    void typeInto(ui::NumberField* field, const QString& text)
    {
        test::typeKeys(field, text);
        QTest::keyClick(field, Qt::Key_Return);
    }

    void click(QAbstractButton* b) { QTest::mouseClick(b, Qt::LeftButton, Qt::NoModifier, b->rect().center()); }

    /// The market plays `scenario` tick by tick until the trade closes (at most two hours).
    void play(model::Scenario scenario)
    {
        dash->feed.setScenario(scenario);
        for (int i = 0; i < 2 * 3600 * 4 && model().tradeState() != TradeState::Closed; i += 40)
            dash->feed.advance(40);
        dash->feed.advance(2000);  // and on, well past liquidation
    }

    QTemporaryDir dir;
    std::unique_ptr<app::Dashboard> dash;
};

// 1. The window fits a normal screen.
TEST_F(EndToEnd, F01_TheWindowFitsWithBothDocks)
{
    const QSize min = dash->window->minimumSizeHint().expandedTo(dash->window->minimumSize());
    EXPECT_LE(min.width(), 1280);
    EXPECT_LE(min.height(), 720);
    EXPECT_EQ(dash->window->size(), QSize(1356, 728));
}

// 2. Typed numbers arrive exactly as typed, only on Enter.
TEST_F(EndToEnd, F02_TypedNumbersArriveExactly)
{
    const double entry = model().snapshot().entry;
    const double target = std::round(entry * 1.1);
    typeInto(form().targetBox(), QString::number(target, 'f', 0));
    EXPECT_EQ(model().inputs().takeProfit, target);
    typeInto(form().walletBox(), QStringLiteral("20000"));
    EXPECT_EQ(model().inputs().wallet, 20000.0);
    const auto stop = model().inputs().stopLoss;
    typeInto(form().stopBox(), QString::number(std::round(entry * 1.3), 'f', 0));  // above a long's entry
    EXPECT_EQ(model().inputs().stopLoss, stop) << "refused, and nothing of it reached the model";
    EXPECT_TRUE(form().stopBox()->isInvalid());
    EXPECT_TRUE(status().startsWith(QStringLiteral("Stop-loss: a long's stop must lie below the entry (")));
    QTest::keyClick(form().stopBox(), Qt::Key_Escape);
    EXPECT_FALSE(form().stopBox()->isInvalid());
}

// 2 (portfolio). The portfolio's wallet takes typed numbers the same way.
TEST_F(EndToEnd, F02_ThePortfolioWalletCommitsOnEnter)
{
    ui::NumberField* wallet = nullptr;
    for (auto* f : dash->window->findChildren<ui::NumberField*>()) {
        if (f->accessibleName() == QStringLiteral("Portfolio wallet"))
            wallet = f;
    }
    ASSERT_NE(wallet, nullptr);
    const double before = dash->portfolio.wallet();
    wallet->setFocus(Qt::TabFocusReason);
    QTest::keyClick(wallet, Qt::Key_A, Qt::ControlModifier);
    for (QChar c : QStringLiteral("8000")) {
        QTest::keyClick(wallet, c.toLatin1());
        EXPECT_EQ(dash->portfolio.wallet(), before) << "nothing half-typed reaches the model";
    }
    QTest::keyClick(wallet, Qt::Key_Return);
    EXPECT_EQ(dash->portfolio.wallet(), 8000.0);
}

// 2 (range). A value outside the model's range is typed in full and refused with the reason.
TEST_F(EndToEnd, F02_OutOfRangeValuesAreRefusedNotCut)
{
    const double hours = model().inputs().horizonHours;
    typeInto(form().horizonBox(), QStringLiteral("99999"));
    EXPECT_EQ(model().inputs().horizonHours, hours);
    EXPECT_TRUE(form().horizonBox()->isInvalid());
    EXPECT_EQ(form().horizonBox()->value(), 99999.0);
    EXPECT_EQ(status(), QStringLiteral("Holding: must lie between 0 hours and a year."));
    typeInto(form().feeBox(), QStringLiteral("5"));
    EXPECT_TRUE(form().feeBox()->isInvalid());
    EXPECT_EQ(status(), QStringLiteral("Taker fee: must lie between 0% and 1%."));
}

// 13. A wheel passing over a field does not change it.
TEST_F(EndToEnd, F13_AWheelOverAFieldOneIsNotInLeavesItAlone)
{
    const auto stop = model().inputs().stopLoss;
    QWidget* field = form().stopBox();
    dash->window->chart()->setFocus();
    QWheelEvent wheel(QPointF(10, 10), field->mapToGlobal(QPointF(10, 10)), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(field, &wheel);
    EXPECT_EQ(model().inputs().stopLoss, stop);
}

// 13 (choices). A wheel passing over the venue or the symbol changes neither: it scrolls the plan.
TEST_F(EndToEnd, F13_AWheelOverAChoiceOneIsNotInLeavesItAlone)
{
    const auto venue = model().inputs().venue;
    const auto symbol = model().inputs().symbol;
    dash->window->chart()->setFocus();
    for (QWidget* box : std::initializer_list<QWidget*>{form().venueBox(), form().symbolBox()}) {
        for (int delta : {-120, 120}) {
            QWheelEvent wheel(QPointF(10, 10), box->mapToGlobal(QPointF(10, 10)), QPoint(), QPoint(0, delta), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(box, &wheel);
        }
    }
    EXPECT_EQ(model().inputs().venue, venue);
    EXPECT_EQ(model().inputs().symbol, symbol);
    // Clicked into, the choice is the user's to wheel through.
    form().venueBox()->setFocus();
    QWheelEvent wheel(QPointF(10, 10), form().venueBox()->mapToGlobal(QPointF(10, 10)), QPoint(), QPoint(0, -120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(form().venueBox(), &wheel);
    EXPECT_NE(model().inputs().venue, venue);
}

// 3. An at-market plan opens at market with a click, then its stop fires.
TEST_F(EndToEnd, F03_OpenAtMarketThenTheStopFires)
{
    auto* bar = dash->window->tradeBar();
    EXPECT_EQ(model().tradeState(), TradeState::Planning);
    const double mark = dash->feed.state().mark;
    click(bar->actionButton());
    ASSERT_EQ(model().tradeState(), TradeState::Open);
    EXPECT_DOUBLE_EQ(model().inputs().entryPrice, model().snapToTick(mark));
    const double stop = *model().inputs().stopLoss;
    play(model::Scenario::Crash);
    ASSERT_EQ(model().events().size(), 1u);
    EXPECT_EQ(model().events().front().kind, PositionEvent::Kind::StoppedOut);
    EXPECT_DOUBLE_EQ(model().events().front().price, stop);
    EXPECT_TRUE(bar->stateLabel()->text().contains(QStringLiteral("stopped out")));
    EXPECT_EQ(bar->actionButton()->text(), QStringLiteral("&Plan again"));
}

// 4. A trade is closed once: never stopped out and then liquidated.
TEST_F(EndToEnd, F04_OneExitOnly)
{
    // 10× long, stop 3.5% below: the stop lies inside liquidation (about 9.6% below).
    typeInto(form().stopBox(), QString::number(model().snapToTick(model().snapshot().entry * 0.965), 'f', 1));
    ASSERT_FALSE(model().snapshot().has(model::Warning::StopBeyondLiquidation));
    click(dash->window->tradeBar()->actionButton());
    play(model::Scenario::Crash);
    ASSERT_EQ(model().events().size(), 1u);
    EXPECT_EQ(model().events().front().kind, PositionEvent::Kind::StoppedOut);
    // With the stop beyond liquidation, liquidation alone.
    click(dash->window->tradeBar()->actionButton());  // plan again
    ASSERT_EQ(model().tradeState(), TradeState::Planning);
    EXPECT_TRUE(model().events().empty()) << "a new trade starts on a clean chart";
    typeInto(dash->window->leverage()->spinBox(), QStringLiteral("50"));
    ASSERT_TRUE(model().snapshot().has(model::Warning::StopBeyondLiquidation));
    click(dash->window->tradeBar()->actionButton());
    play(model::Scenario::Crash);
    ASSERT_EQ(model().events().size(), 1u);
    EXPECT_EQ(model().events().front().kind, PositionEvent::Kind::Liquidated);
    EXPECT_DOUBLE_EQ(model().events().front().result, -model().snapshot().position.margin);
}

// 5. Venue round trips keep the numbers; a symbol moves to its market; Bybit inverse is offered.
TEST_F(EndToEnd, F05_SwitchesKeepTheInputs)
{
    QComboBox* venue = form().venueBox();
    const auto pick = [&](QComboBox* box, const QString& text) {
        box->setFocus();
        const int to = box->findText(text);
        ASSERT_GE(to, 0) << text.toStdString();
        while (box->currentIndex() != to)
            QTest::keyClick(box, box->currentIndex() < to ? Qt::Key_Down : Qt::Key_Up);
    };
    for (int i = 0; i < 3; ++i) {
        pick(venue, QStringLiteral("BitMEX"));
        ASSERT_EQ(model().inputs().symbol, QStringLiteral("XBTUSD"));
        dash->feed.advance(20);
        pick(venue, QStringLiteral("Binance"));
    }
    EXPECT_EQ(model().inputs().size, 0.5);
    EXPECT_EQ(model().inputs().wallet, 10000.0);
    pick(venue, QStringLiteral("Bybit"));
    EXPECT_GE(form().symbolBox()->findText(QStringLiteral("BTCUSD")), 0);
    pick(venue, QStringLiteral("Binance"));
    pick(form().symbolBox(), QStringLiteral("ETHUSDT"));
    EXPECT_EQ(dash->feed.focus(), QStringLiteral("ETH"));
    EXPECT_DOUBLE_EQ(model().snapshot().entry, dash->feed.markOf(QStringLiteral("ETH")));
    EXPECT_LT(*model().inputs().stopLoss, model().snapshot().entry);
    const QStringList names{QStringLiteral("Textbook"), QStringLiteral("Binance"), QStringLiteral("Bybit"), QStringLiteral("OKX"),
                            QStringLiteral("Gate"), QStringLiteral("Hyperliquid"), QStringLiteral("BitMEX")};
    for (int i = 0; i < venue->count(); ++i)
        EXPECT_TRUE(names.contains(venue->itemText(i))) << venue->itemText(i).toStdString();
}

// 6. An entry edit is checked against the target like typing the target itself.
TEST_F(EndToEnd, F06_AnEntryEditIsCheckedAgainstTheTarget)
{
    click(form().sideGroup()->button(static_cast<int>(engine::Side::Short)));
    ASSERT_EQ(model().inputs().side, engine::Side::Short);
    click(form().atMarketBox());  // fix the entry where it is, to type another
    ASSERT_FALSE(model().inputs().entryAtMarket);
    const auto before = model().inputs();
    const double target = *before.takeProfit;
    typeInto(form().entryBox(), QString::number(std::floor(target * 0.95), 'f', 0));
    EXPECT_TRUE(model().inputs() == before);
    EXPECT_TRUE(form().entryBox()->isInvalid());
    EXPECT_TRUE(status().startsWith(QStringLiteral("Entry: this would leave the take-profit (")));
}

// 7. Risk at stop never exceeds what can be lost.
TEST_F(EndToEnd, F07_RiskAtStopIsAtMostTheMargin)
{
    typeInto(dash->window->leverage()->spinBox(), QStringLiteral("50"));
    typeInto(form().stopBox(), QString::number(model().snapToTick(model().snapshot().entry * 0.95), 'f', 1));
    const auto& s = model().snapshot();
    ASSERT_TRUE(s.has(model::Warning::StopBeyondLiquidation));
    EXPECT_DOUBLE_EQ(*s.riskAtStop, s.position.margin);
    EXPECT_LE(*s.riskAtStopOfWallet, 1.0);
    const QString shown = dash->window->risk()->findChildren<ui::ValueTable*>().front()->value(2);
    EXPECT_TRUE(shown.contains(QStringLiteral("liquidated first"))) << shown.toStdString();
}

// 8. Leverage explains itself: the chip's refusal beside the slider, a lower row lowers it.
TEST_F(EndToEnd, F08_LeverageExplainsItself)
{
    typeInto(form().walletBox(), QStringLiteral("5000"));
    auto* control = dash->window->leverage();
    click(control->chip(0));  // 2×: the margin would exceed the wallet
    EXPECT_DOUBLE_EQ(model().inputs().leverage, 10.0);
    EXPECT_TRUE(control->reasonLabel()->isVisible());
    EXPECT_TRUE(control->reasonLabel()->text().contains(QStringLiteral("more than the wallet holds")));
    typeInto(form().walletBox(), QStringLiteral("10000000"));
    typeInto(dash->window->leverage()->spinBox(), QStringLiteral("100"));
    // 100 BTC is several million: a row whose maximum is below 100×.
    typeInto(form().sizeBox(), QStringLiteral("100"));
    EXPECT_EQ(model().inputs().size, 100.0);
    EXPECT_DOUBLE_EQ(model().inputs().leverage, model().snapshot().maxLeverage);
    EXPECT_LT(model().inputs().leverage, 100.0);
    EXPECT_TRUE(control->reasonLabel()->text().startsWith(QStringLiteral("Leverage lowered from 100×")));
}

// 9. Messages speak the user's words: labels as on screen, numbers as the fields show them.
TEST_F(EndToEnd, F09_MessagesInTheUsersWords)
{
    typeInto(form().walletBox(), QStringLiteral("325.5"));
    const QString m = status();
    EXPECT_TRUE(m.startsWith(QStringLiteral("Wallet: 325.50 does not cover the isolated margin of "))) << m.toStdString();
    EXPECT_FALSE(m.contains(QLatin1Char('_')));
    EXPECT_FALSE(m.contains(QRegularExpression(QStringLiteral("\\d{4,}")))) << "thousands are separated";
    EXPECT_TRUE(m.endsWith(QLatin1Char('.')));
}

// Lessons at 1366×768: the quiz's texts and buttons are inside the dock, none cut at the right.
TEST_F(EndToEnd, TheQuizFitsItsDock)
{
    ui::LessonsPanel* lessons = dash->lessonsPanel;
    lessons->lessonList()->setCurrentRow(0);
    lessons->askQuestion(0);
    QApplication::processEvents();
    auto* scroll = lessons->findChildren<QScrollArea*>().front();
    const int width = scroll->viewport()->width();
    ASSERT_GT(width, 100);
    for (QWidget* w : scroll->widget()->findChildren<QWidget*>()) {
        if (!w->isVisible() || w->width() == 0)
            continue;
        const QPoint right = w->mapTo(scroll->viewport(), QPoint(w->width(), 0));
        EXPECT_LE(right.x(), width) << w->metaObject()->className() << " " << w->objectName().toStdString();
    }
}

// 12. Ctrl+Z undoes the plan edit just made.
TEST_F(EndToEnd, F12_CtrlZUndoesThePlanEdit)
{
    typeInto(dash->window->leverage()->spinBox(), QStringLiteral("25"));
    typeInto(dash->window->leverage()->spinBox(), QStringLiteral("5"));
    dash->window->setFocus();
    QTest::keyClick(dash->window.get(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_DOUBLE_EQ(model().inputs().leverage, 25.0);
    EXPECT_EQ(dash->portfolio.holdings().size(), 3u) << "the portfolio is untouched";
}

}  // namespace
}  // namespace levlab

namespace levlab {
namespace {

// Readouts follow the market at most Theme::kReadoutHz times a second, also when the
// market carries an at-market plan's stop and target along; the trader's own change
// shows at once.
TEST(MarketThrottleRule, MovesThatCarryThePlanAlongWaitTheirTurn)
{
    const model::TierLibrary tiers = model::TierLibrary::loadShipped();
    model::RiskModel plan(tiers);
    model::MarketState m;
    m.timeMs = 1;
    m.mark = m.last = m.index = 10000.0;
    plan.setMarket(m);
    ASSERT_FALSE(plan.setStopLoss(9800.0).has_value());
    int refreshes = 0;
    ui::MarketThrottle throttle(plan, [&] { ++refreshes; }, 10.0, nullptr);
    for (int i = 0; i < 20; ++i) {  // twenty moves within a few milliseconds
        m.timeMs += 250;
        m.mark = m.last = m.index = m.mark + 10.0;
        plan.setMarket(m);
    }
    EXPECT_LE(refreshes, 1) << "the stop moved with every tick, yet the readouts waited";
    const int before = refreshes;
    ASSERT_FALSE(plan.setLeverage(20.0).has_value());
    EXPECT_EQ(refreshes, before + 1) << "a trader's change shows at once";
}

}  // namespace
}  // namespace levlab
