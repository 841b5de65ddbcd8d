#include "app/gui/dashboard.h"
#include "tests/ui/dashboard_fixture.h"
#include "ui/controls/leverage_control.h"
#include "ui/controls/position_form.h"
#include "ui/market/market_bar.h"
#include "ui/portfolio/portfolio_panel.h"
#include "ui/risk/risk_panel.h"
#include "ui/risk/value_table.h"

#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace levlab {
namespace {

class Accessibility : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        dash = test::openDashboard(dir, QSize(1600, 950), 3000);
        ASSERT_TRUE(dash->window->isVisible() && QTest::qWaitForWindowExposed(dash->window.get()));
    }

    QTemporaryDir dir;
    std::unique_ptr<app::Dashboard> dash;
};

TEST_F(Accessibility, RiskRowsAreReadableByAssistiveTechnology)
{
    ui::RiskPanel* risk = dash->window->risk();
    QAccessibleInterface* key = QAccessible::queryAccessibleInterface(risk->keyTable());
    ASSERT_NE(key, nullptr);
    EXPECT_EQ(key->role(), QAccessible::List);
    EXPECT_EQ(key->text(QAccessible::Name), QStringLiteral("Risk"));
    ASSERT_EQ(key->childCount(), 4);
    const std::array<std::pair<const char*, ui::RiskPanel::Row>, 4> rows{{
        {"Liquidation", ui::RiskPanel::Row::Liquidation},
        {"Initial margin", ui::RiskPanel::Row::InitialMargin},
        {"Risk at stop", ui::RiskPanel::Row::RiskAtStop},
        {"Reward : risk", ui::RiskPanel::Row::RewardRisk},
    }};
    for (int i = 0; i < 4; ++i) {
        QAccessibleInterface* row = key->child(i);
        ASSERT_NE(row, nullptr);
        EXPECT_EQ(row->role(), QAccessible::ListItem);
        EXPECT_EQ(row->parent(), key);
        EXPECT_EQ(key->indexOfChild(row), i);
        EXPECT_EQ(row->text(QAccessible::Name), QString::fromLatin1(rows[static_cast<std::size_t>(i)].first));
        EXPECT_EQ(row->text(QAccessible::Description), risk->text(rows[static_cast<std::size_t>(i)].second));
        EXPECT_EQ(row->text(QAccessible::Value), risk->text(rows[static_cast<std::size_t>(i)].second));
        EXPECT_FALSE(row->text(QAccessible::Description).isEmpty());
        // Where it is on screen: the row's band of the table.
        const QRect r = row->rect();
        EXPECT_EQ(r.size(), QSize(risk->keyTable()->width(), risk->keyTable()->rowRect(i).height()));
        EXPECT_EQ(key->childAt(r.center().x(), r.center().y()), row);
    }

    // The initial margin read out is the plan's: 0.5 BTC at the entry, 10×. Changing the
    // leverage with the keyboard changes what is read.
    const auto& s = dash->model.snapshot();
    EXPECT_EQ(key->child(1)->text(QAccessible::Description),
              QStringLiteral("%1  at 10×").arg(QLocale().toString(0.5 * s.entry / 10.0, 'f', 2)));
    QSlider* slider = dash->window->leverage()->slider();
    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_Right);  // 10× → 11×
    QApplication::processEvents();
    EXPECT_EQ(key->child(1)->text(QAccessible::Description),
              QStringLiteral("%1  at 11×").arg(QLocale().toString(0.5 * dash->model.snapshot().entry / 11.0, 'f', 2)));

    QAccessibleInterface* details = QAccessible::queryAccessibleInterface(risk->detailsTable());
    ASSERT_NE(details, nullptr);
    EXPECT_EQ(details->text(QAccessible::Name), QStringLiteral("Risk details"));
    EXPECT_EQ(details->childCount(), 7);
    EXPECT_EQ(details->child(0)->text(QAccessible::Name), QStringLiteral("Notional"));
    EXPECT_EQ(details->child(0)->text(QAccessible::Description), risk->text(ui::RiskPanel::Row::Notional));
}

/// The label text as shown, without the mnemonic's ampersand.
QString shown(const QString& text)
{
    QString s = text;
    return s.remove(QLatin1Char('&')).trimmed();
}

TEST_F(Accessibility, EveryControlInTheMarketRiskAndPortfolioPanelsHasItsLabelAsName)
{
    QList<QWidget*> roots{dash->window->marketBar(), dash->window->risk(), dash->window->portfolio()};
    int checked = 0;
    for (QWidget* root : roots) {
        for (QWidget* w : root->findChildren<QWidget*>()) {
            const bool control = qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QComboBox*>(w) || qobject_cast<QSlider*>(w)
                                 || qobject_cast<QAbstractButton*>(w) || qobject_cast<QAbstractItemView*>(w)
                                 || qobject_cast<QProgressBar*>(w);
            bool insideView = false;
            for (QWidget* up = w->parentWidget(); up != nullptr && up != root; up = up->parentWidget())
                insideView = insideView || qobject_cast<QAbstractItemView*>(up) != nullptr;
            if (!control || insideView)
                continue;  // headers, corner buttons and editors inside item views are named by their cells
            QAccessibleInterface* a = QAccessible::queryAccessibleInterface(w);
            ASSERT_NE(a, nullptr);
            const QString name = a->text(QAccessible::Name);
            EXPECT_FALSE(name.isEmpty() && w->accessibleName().isEmpty()) << w->metaObject()->className() << " in "
                                                                           << root->metaObject()->className();
            if (auto* b = qobject_cast<QAbstractButton*>(w)) {
                EXPECT_EQ(name, shown(b->text()));
            }
            ++checked;
        }
    }
    EXPECT_GE(checked, 20);

    // Controls with a label beside them carry that label's text.
    auto nameOf = [](QWidget* w) { return w->accessibleName(); };
    EXPECT_EQ(nameOf(dash->window->marketBar()->scenarioBox()), QStringLiteral("Scenario"));
    ui::PortfolioPanel* p = dash->window->portfolio();
    EXPECT_EQ(nameOf(p->shockSlider()), QStringLiteral("Price shock"));
    EXPECT_EQ(QAccessible::queryAccessibleInterface(p->shockSlider())->text(QAccessible::Name), QStringLiteral("Price shock"));
    // Spin boxes whose label is their prefix are named by it.
    EXPECT_EQ(QAccessible::queryAccessibleInterface(p->transferAmount())->text(QAccessible::Name), shown(p->transferAmount()->prefix()));
    EXPECT_EQ(QAccessible::queryAccessibleInterface(p->marginGauge())->text(QAccessible::Name), QStringLiteral("Margin ratio"));
    // The portfolio's wallet is told apart from the plan's by name.
    EXPECT_EQ(QAccessible::queryAccessibleInterface(dash->window->form()->walletBox())->text(QAccessible::Name), QStringLiteral("Wallet"));
    int wallets = 0;
    for (QAbstractSpinBox* box : dash->window->findChildren<QAbstractSpinBox*>())
        wallets += QAccessible::queryAccessibleInterface(box)->text(QAccessible::Name) == QStringLiteral("Wallet") ? 1 : 0;
    EXPECT_EQ(wallets, 1);
    // A combo box on Linux is named by its value and labelled by a relation to its label.
    QAccessibleInterface* scenario = QAccessible::queryAccessibleInterface(dash->window->marketBar()->scenarioBox());
    const auto labels = scenario->relations(QAccessible::Label);
    ASSERT_FALSE(labels.isEmpty());
    EXPECT_EQ(labels.front().first->text(QAccessible::Name), QStringLiteral("Scenario"));
    // The plan's fields get their names from their labels (buddies).
    EXPECT_EQ(QAccessible::queryAccessibleInterface(dash->window->form()->walletBox())->text(QAccessible::Name), QStringLiteral("Wallet"));
    EXPECT_EQ(QAccessible::queryAccessibleInterface(dash->window->form()->stopBox())->text(QAccessible::Name), QStringLiteral("Stop-loss"));
    EXPECT_EQ(QAccessible::queryAccessibleInterface(dash->window->leverage()->slider())->text(QAccessible::Name), QStringLiteral("Leverage"));
}

TEST_F(Accessibility, TheMarginGaugeSaysTheSameNumberAsItsRow)
{
    ui::PortfolioPanel* p = dash->window->portfolio();
    const auto& account = dash->portfolio.snapshot().account;
    ASSERT_GT(account.equity, 0.0);
    // Maintenance ÷ equity, in percent to two places, as the row shows it.
    const double ratio = account.maintenanceMargin / account.equity;
    const QString expected = QLocale().toString(ratio * 100.0, 'f', 2) + QLatin1Char('%');
    EXPECT_EQ(p->account()->value(3), expected);
    EXPECT_EQ(p->marginGauge()->text(), QStringLiteral("margin ratio ") + expected);
    EXPECT_EQ(p->marginGauge()->value(), static_cast<int>(std::lround(ratio * 10000.0)));
    EXPECT_EQ(p->marginGauge()->maximum(), 10000);  // 100%: the cross account is liquidated
    // Not rounded to a whole percent: the gauge keeps the row's two decimals.
    EXPECT_NE(std::lround(ratio * 10000.0) % 100, 0) << "pick a case with a fractional percentage";
    EXPECT_EQ(p->account()->value(8), QStringLiteral("Binance"));
}

}  // namespace
}  // namespace levlab
