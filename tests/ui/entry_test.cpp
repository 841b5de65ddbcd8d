// Number entry as a person types it: real key events into the real window's
// fields, character by character, and the model's values checked exactly.
#include "app/gui/dashboard.h"
#include "tests/ui/dashboard_fixture.h"
#include "ui/controls/leverage_control.h"
#include "ui/controls/number_field.h"
#include "ui/controls/position_form.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QStatusBar>
#include <QStyleOptionSlider>
#include <QTemporaryDir>
#include <QTest>

namespace levlab {
namespace {

class NumberEntry : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(settingsDir.isValid());
        dash = test::openDashboard(settingsDir, QSize(1366, 768), 600);
        ASSERT_TRUE(dash->window->isVisible() && QTest::qWaitForWindowExposed(dash->window.get()));
    }

    model::RiskModel& model() { return dash->model; }
    ui::PositionForm& form() { return *dash->window->form(); }

    /// Focus, select all with Ctrl+A, then type `text` one key at a time.
    void typeInto(ui::NumberField* field, const QString& text) { test::typeKeys(field, text); }

    QTemporaryDir settingsDir;
    std::unique_ptr<app::Dashboard> dash;
};

TEST(NumberField, ARefusedTextGoesOnlyWithEscACommitOrAnotherEdit)
{
    QWidget host;
    auto* field = new ui::NumberField(&host);
    field->setRange(0.0, 1e6);
    field->setDecimals(1);
    double limit = 100.0;  // the "model" takes values up to this
    double value = 50.0;
    QObject::connect(field, &ui::NumberField::committed, field, [&](double v) {
        if (v > limit)
            field->setProblem(QStringLiteral("Too high"));
        else
            field->showModelValue(value = v);
    });
    field->showModelValue(value);
    host.show();
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, QStringLiteral("150"));
    QTest::keyClick(field, Qt::Key_Enter);
    EXPECT_TRUE(field->isInvalid());
    EXPECT_EQ(value, 50.0);
    EXPECT_EQ(field->problemLabel()->text(), QStringLiteral("Too high"));

    field->showModelValue(51.0, true);  // the market moved the input: the refused text stays
    EXPECT_TRUE(field->isInvalid());
    EXPECT_EQ(field->value(), 150.0);
    field->showModelValue(51.0);  // and stays when another input is edited
    EXPECT_TRUE(field->isInvalid());
    EXPECT_EQ(field->value(), 150.0);

    limit = 200.0;  // another input made it valid: Enter asks again
    QTest::keyClick(field, Qt::Key_Enter);
    EXPECT_FALSE(field->isInvalid());
    EXPECT_EQ(value, 150.0);

    limit = 100.0;
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, QStringLiteral("170"));
    QTest::keyClick(field, Qt::Key_Enter);
    ASSERT_TRUE(field->isInvalid());
    field->showModelValue(60.0);  // another edit of the same input (a line drag)
    EXPECT_FALSE(field->isInvalid());
    EXPECT_EQ(field->value(), 60.0);
}

TEST_F(NumberEntry, TakeProfitTypedKeyByKeyIsExactlyWhatWasTyped)
{
    ASSERT_LT(model().snapshot().entry, 65000.0) << "a long's target above entry";
    const auto before = model().inputs();
    ui::NumberField* target = form().targetBox();
    target->setFocus(Qt::TabFocusReason);
    QTest::keyClick(target, Qt::Key_A, Qt::ControlModifier);
    for (QChar c : QStringLiteral("65000")) {
        QTest::keyClick(target, c.toLatin1());
        EXPECT_EQ(model().inputs(), before) << "nothing half-typed reaches the model (after '" << c.toLatin1() << "')";
    }
    EXPECT_EQ(target->text(), QStringLiteral("65000"));
    QTest::keyClick(target, Qt::Key_Enter);
    ASSERT_TRUE(model().inputs().takeProfit.has_value());
    EXPECT_EQ(*model().inputs().takeProfit, 65000.0);
    EXPECT_FALSE(target->isInvalid());
    EXPECT_EQ(target->value(), 65000.0);
}

TEST_F(NumberEntry, EveryFieldTakesATypedNumberOnlyOnEnter)
{
    // A fixed entry at the round mark keeps the default stop below it and the target above.
    QTest::mouseClick(form().atMarketBox(), Qt::LeftButton);
    ASSERT_FALSE(model().inputs().entryAtMarket);
    const double entry = std::round(model().snapshot().entry);
    struct Case {
        ui::NumberField* field;
        QString typed;
        std::function<double()> input;
        double expected;
    };
    const std::vector<Case> cases{
        {form().entryBox(), QString::number(entry), [&] { return model().inputs().entryPrice; }, entry},
        {form().sizeBox(), QStringLiteral("0.25"), [&] { return model().inputs().size; }, 0.25},
        {form().walletBox(), QStringLiteral("15000"), [&] { return model().inputs().wallet; }, 15000.0},
        {form().extraMarginBox(), QStringLiteral("150"), [&] { return model().inputs().extraMargin; }, 150.0},
        {form().stopBox(), QString::number(entry - 900.0), [&] { return *model().inputs().stopLoss; }, entry - 900.0},
        {form().targetBox(), QString::number(entry + 2500.0), [&] { return *model().inputs().takeProfit; }, entry + 2500.0},
        {form().horizonBox(), QStringLiteral("72"), [&] { return model().inputs().horizonHours; }, 72.0},
        {dash->window->leverage()->spinBox(), QStringLiteral("20"), [&] { return model().inputs().leverage; }, 20.0},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.field->toolTip().toStdString());
        const auto before = model().inputs();
        c.field->setFocus(Qt::TabFocusReason);
        QTest::keyClick(c.field, Qt::Key_A, Qt::ControlModifier);
        for (QChar ch : c.typed) {
            QTest::keyClick(c.field, ch.toLatin1());
            EXPECT_EQ(model().inputs(), before) << "after '" << ch.toLatin1() << "'";
        }
        QTest::keyClick(c.field, Qt::Key_Enter);
        EXPECT_EQ(c.input(), c.expected);
        EXPECT_FALSE(c.field->isInvalid()) << c.field->problemLabel()->text().toStdString();
    }
    // The fee is typed in percent: 0.04 % is a rate of 0.0004.
    ui::NumberField* fee = form().feeBox();
    typeInto(fee, QStringLiteral("0.04"));
    QTest::keyClick(fee, Qt::Key_Enter);
    EXPECT_DOUBLE_EQ(model().inputs().feeRate, 0.0004);
}

TEST_F(NumberEntry, WalletTypedKeyByKeyIsExactlyWhatWasTyped)
{
    ASSERT_EQ(model().inputs().wallet, 10000.0);
    ui::NumberField* wallet = form().walletBox();
    typeInto(wallet, QStringLiteral("20000"));
    EXPECT_EQ(model().inputs().wallet, 10000.0);
    QTest::keyClick(wallet, Qt::Key_Return);
    EXPECT_EQ(model().inputs().wallet, 20000.0);
    EXPECT_EQ(wallet->value(), 20000.0);
}

TEST_F(NumberEntry, TabCommitsAndArrowsStepOneCommitEach)
{
    ui::NumberField* wallet = form().walletBox();
    typeInto(wallet, QStringLiteral("12345"));
    QTest::keyClick(wallet, Qt::Key_Tab);
    EXPECT_EQ(model().inputs().wallet, 12345.0);

    wallet->setFocus(Qt::TabFocusReason);
    QTest::keyClick(wallet, Qt::Key_Up);
    EXPECT_EQ(model().inputs().wallet, 12346.0) << "a step of 1 is one commit";
    QTest::keyClick(wallet, Qt::Key_Down);
    QTest::keyClick(wallet, Qt::Key_Down);
    EXPECT_EQ(model().inputs().wallet, 12344.0);
}

TEST_F(NumberEntry, RefusedStopStaysAsTypedWithTheReasonAndEscRestores)
{
    ASSERT_EQ(model().inputs().side, engine::Side::Long);
    ASSERT_LT(model().snapshot().entry, 70000.0);
    const auto before = model().inputs();
    ui::NumberField* stop = form().stopBox();
    typeInto(stop, QStringLiteral("70000"));
    QTest::keyClick(stop, Qt::Key_Enter);

    EXPECT_EQ(model().inputs(), before) << "a long's stop above entry is refused; nothing changes";
    EXPECT_EQ(stop->value(), 70000.0) << "the refused value stays in the field";
    EXPECT_TRUE(stop->isInvalid());
    EXPECT_TRUE(stop->property("invalid").toBool());
    EXPECT_TRUE(stop->problemLabel()->isVisible());
    EXPECT_FALSE(stop->problemLabel()->text().isEmpty());
    EXPECT_FALSE(dash->window->statusBar()->currentMessage().isEmpty());

    // Tab away and back: the refused text is still there, and a market move (which may
    // carry a planned stop along with the mark) does not clear it.
    QTest::keyClick(stop, Qt::Key_Tab);
    dash->feed.advance(5);
    EXPECT_EQ(stop->value(), 70000.0);
    EXPECT_TRUE(stop->isInvalid());
    // Nor does an edit of another field.
    typeInto(form().walletBox(), QStringLiteral("15000"));
    QTest::keyClick(form().walletBox(), Qt::Key_Enter);
    ASSERT_EQ(model().inputs().wallet, 15000.0);
    EXPECT_EQ(stop->value(), 70000.0);
    EXPECT_TRUE(stop->isInvalid());

    stop->setFocus(Qt::TabFocusReason);
    QTest::keyClick(stop, Qt::Key_Escape);
    EXPECT_FALSE(stop->isInvalid());
    EXPECT_FALSE(stop->problemLabel()->isVisible());
    ASSERT_TRUE(model().inputs().stopLoss.has_value());
    EXPECT_LT(*model().inputs().stopLoss, model().snapshot().entry) << "still a long's stop";
    EXPECT_NEAR(stop->value(), *model().inputs().stopLoss, 0.5 * std::pow(10.0, -stop->decimals()))
        << "Esc shows the model's stop again, to the field's decimals";
}

TEST_F(NumberEntry, EscTakesTheRefusalOffTheStatusBarToo)
{
    ui::NumberField* stop = form().stopBox();
    typeInto(stop, QStringLiteral("70000"));
    QTest::keyClick(stop, Qt::Key_Enter);
    ASSERT_TRUE(stop->isInvalid());
    const QString refusal = dash->window->statusBar()->currentMessage();
    ASSERT_TRUE(refusal.startsWith(QStringLiteral("Stop-loss"))) << refusal.toStdString();
    QTest::keyClick(stop, Qt::Key_Escape);
    EXPECT_FALSE(stop->isInvalid());
    EXPECT_EQ(dash->window->statusBar()->currentMessage(), QString()) << "the refusal no longer describes the field";
}

TEST_F(NumberEntry, EscDropsATextBeingTyped)
{
    ui::NumberField* wallet = form().walletBox();
    typeInto(wallet, QStringLiteral("777"));
    QTest::keyClick(wallet, Qt::Key_Escape);
    EXPECT_EQ(wallet->value(), 10000.0);
    EXPECT_EQ(model().inputs().wallet, 10000.0);
    QTest::keyClick(wallet, Qt::Key_Enter);
    EXPECT_EQ(model().inputs().wallet, 10000.0);
}

TEST_F(NumberEntry, ModelChangesDoNotOverwriteAFieldBeingTyped)
{
    ui::NumberField* wallet = form().walletBox();
    typeInto(wallet, QStringLiteral("3210"));
    // Another input changes and the market moves while the wallet is being typed.
    ASSERT_FALSE(model().setLeverage(12.0).has_value());
    dash->feed.advance(20);
    EXPECT_EQ(wallet->text(), QStringLiteral("3210"));
    QTest::keyClick(wallet, Qt::Key_Enter);
    EXPECT_EQ(model().inputs().wallet, 3210.0);
}

TEST_F(NumberEntry, AStopMovedElsewhereReplacesARefusedText)
{
    ui::NumberField* stop = form().stopBox();
    typeInto(stop, QStringLiteral("70000"));
    QTest::keyClick(stop, Qt::Key_Enter);
    ASSERT_TRUE(stop->isInvalid());
    QTest::keyClick(stop, Qt::Key_Tab);
    const double moved = model().snapToTick(model().snapshot().entry * 0.97);
    ASSERT_FALSE(model().setStopLoss(moved).has_value());  // as a drag of the stop line does
    EXPECT_FALSE(stop->isInvalid());
    EXPECT_DOUBLE_EQ(stop->value(), moved);
}

TEST_F(NumberEntry, TypedLeverageAboveTheRowIsRefusedBesideTheField)
{
    ui::NumberField* lev = dash->window->leverage()->spinBox();
    const double before = model().inputs().leverage;
    typeInto(lev, QStringLiteral("500"));
    EXPECT_EQ(model().inputs().leverage, before);
    QTest::keyClick(lev, Qt::Key_Enter);
    EXPECT_EQ(model().inputs().leverage, before);
    EXPECT_EQ(lev->value(), 500.0);
    EXPECT_TRUE(lev->isInvalid());
    EXPECT_TRUE(lev->problemLabel()->isVisible());

    typeInto(lev, QStringLiteral("7"));
    QTest::keyClick(lev, Qt::Key_Enter);
    EXPECT_EQ(model().inputs().leverage, 7.0);
    EXPECT_FALSE(lev->isInvalid());
    EXPECT_EQ(dash->window->leverage()->slider()->value(), 7);
}

TEST_F(NumberEntry, AChipThatCannotApplySaysWhyBesideTheSlider)
{
    // Half a bitcoin at about 42,000 is 21,000 of value: at 2× the margin is over the 10,000 wallet.
    ASSERT_GT(model().snapshot().notional / 2.0, model().inputs().wallet);
    auto* control = dash->window->leverage();
    const double before = model().inputs().leverage;
    QTest::mouseClick(control->chip(0), Qt::LeftButton);
    EXPECT_EQ(model().inputs().leverage, before);
    EXPECT_TRUE(control->reasonLabel()->isVisible());
    EXPECT_TRUE(control->reasonLabel()->text().startsWith(QStringLiteral("2× does not apply: ")))
        << control->reasonLabel()->text().toStdString();
    // The reason stays while the plan stays as it was, and goes when the plan changes.
    dash->feed.advance(5);
    EXPECT_TRUE(control->reasonLabel()->isVisible());
    ASSERT_FALSE(model().setWallet(9000.0).has_value());
    EXPECT_FALSE(control->reasonLabel()->isVisible());
    QTest::mouseClick(control->chip(0), Qt::LeftButton);
    EXPECT_TRUE(control->reasonLabel()->isVisible());
    QTest::mouseClick(control->chip(1), Qt::LeftButton);  // 5×: 4,200 of margin fits
    EXPECT_EQ(model().inputs().leverage, 5.0);
    EXPECT_FALSE(control->reasonLabel()->isVisible());
}

TEST_F(NumberEntry, TheSliderStopsAtTheLowestLeverageTheWalletCarries)
{
    auto* control = dash->window->leverage();
    QSlider* slider = control->slider();
    QStyleOptionSlider opt;
    opt.initFrom(slider);
    opt.orientation = slider->orientation();
    opt.minimum = slider->minimum();
    opt.maximum = slider->maximum();
    opt.sliderPosition = slider->sliderPosition();
    opt.sliderValue = slider->value();
    opt.subControls = QStyle::SC_All;
    const QRect handle = slider->style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderHandle, slider);
    const QPoint from = handle.center();
    QTest::mousePress(slider, Qt::LeftButton, Qt::NoModifier, from);
    for (int x = from.x(); x >= 0; x -= 4)
        QTest::mouseMove(slider, QPoint(x, from.y()));
    QTest::mouseRelease(slider, Qt::LeftButton, Qt::NoModifier, QPoint(0, from.y()));
    // The margin at L× is notional ÷ L; the wallet must hold it: L ≥ notional ÷ wallet.
    const auto& s = model().snapshot();
    const double lowest = std::ceil(s.notional / model().inputs().wallet);
    EXPECT_GT(lowest, 2.0) << "1× and 2× need more margin than the wallet holds";
    EXPECT_EQ(slider->minimum(), static_cast<int>(lowest));
    EXPECT_DOUBLE_EQ(model().inputs().leverage, lowest);
    EXPECT_EQ(slider->value(), static_cast<int>(lowest));
    EXPECT_TRUE(control->maxLabel()->text().contains(QStringLiteral(", from %1× with this wallet").arg(lowest))) << control->maxLabel()->text().toStdString();
}

}  // namespace
}  // namespace levlab
