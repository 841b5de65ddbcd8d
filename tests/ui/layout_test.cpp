#include "app/gui/dashboard.h"
#include "ui/chart/price_chart_view.h"
#include "ui/controls/leverage_control.h"
#include "ui/controls/position_form.h"
#include "ui/market/market_bar.h"
#include "ui/portfolio/portfolio_panel.h"
#include "ui/risk/risk_panel.h"
#include "ui/risk/value_table.h"

#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QProgressBar>
#include <QScrollArea>
#include <QTableWidget>
#include <QScrollBar>
#include <QSlider>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace levlab {
namespace {

/// The window as a 1366×768 screen under a window manager leaves it: the size openbox gave it.
constexpr QSize kSmallScreenWindow(1356, 728);
/// The row the trade's state and "Open at market" take above the position's inputs.
constexpr int kLifecycleRowPx = 32;

class Layout : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        app::DashboardOptions o;
        o.historyMinutes = 3000;
        o.settingsPath = dir.filePath(QStringLiteral("settings.ini"));
        o.progressPath = dir.filePath(QStringLiteral("progress.json"));
        dash = std::make_unique<app::Dashboard>(o);
        dash->feed.setSpeed(0);
    }

    void showAt(QSize size)
    {
        window().resize(size);
        window().show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window()));
        QTest::qWait(20);  // the deferred fit and the docks' layout
        QApplication::processEvents();
    }

    ui::MainWindow& window() { return *dash->window; }
    QDockWidget* dockNamed(const char* name) { return window().findChild<QDockWidget*>(QString::fromLatin1(name)); }

    /// The widget's rectangle in the plan column's visible viewport (without scrolling).
    QRect inPlanViewport(const QWidget* w, QRect local = {})
    {
        if (local.isNull())
            local = w->rect();
        QWidget* viewport = window().planScroll()->viewport();
        return {w->mapTo(viewport, local.topLeft()), local.size()};
    }

    QTemporaryDir dir;
    std::unique_ptr<app::Dashboard> dash;
};

TEST_F(Layout, MinimumSizeFits1280x720WithBothDocks)
{
    showAt({1280, 720});
    const QSize min = window().minimumSizeHint().expandedTo(window().minimumSize());
    EXPECT_LE(min.width(), 1280);
    EXPECT_LE(min.height(), 720);
    EXPECT_EQ(window().size(), QSize(1280, 720));
    for (const char* name : {"portfolioDock", "lessonsDock", "planDock"}) {
        QDockWidget* d = dockNamed(name);
        ASSERT_NE(d, nullptr) << name;
        EXPECT_TRUE(d->isVisible()) << name;
        EXPECT_FALSE(d->isFloating()) << name;
        // Nothing squeezed below what it needs to show.
        EXPECT_GE(d->widget()->width(), d->widget()->minimumSizeHint().width()) << name;
    }
    EXPECT_EQ(window().dockWidgetArea(dockNamed("portfolioDock")), Qt::BottomDockWidgetArea);
    EXPECT_EQ(window().dockWidgetArea(dockNamed("lessonsDock")), Qt::LeftDockWidgetArea);
    // The portfolio lies under the chart; the market's controls fit above it.
    EXPECT_GE(dockNamed("portfolioDock")->geometry().top(), window().chart()->mapTo(&window(), QPoint(0, window().chart()->height())).y());
    EXPECT_GE(window().marketBar()->width(), window().marketBar()->minimumWidth());
    EXPECT_GE(window().chart()->width(), 300);
    EXPECT_GE(window().chart()->height(), 250);
}

TEST_F(Layout, At1366x768EveryPlanControlAndTheKeyRiskFiguresShowWithoutScrolling)
{
    showAt(kSmallScreenWindow);
    ASSERT_EQ(window().size(), kSmallScreenWindow);
    QScrollArea* plan = window().planScroll();
    ASSERT_EQ(plan->verticalScrollBar()->value(), 0);
    // Room is kept for the trade's state row above the inputs.
    const QRect visible = plan->viewport()->rect().adjusted(0, 0, 0, -kLifecycleRowPx);
    QList<QWidget*> controls;
    for (QWidget* root : {static_cast<QWidget*>(window().form()), static_cast<QWidget*>(window().leverage())}) {
        for (QWidget* w : root->findChildren<QWidget*>()) {
            const bool control = qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QComboBox*>(w) || qobject_cast<QSlider*>(w)
                                 || qobject_cast<QAbstractButton*>(w);
            if (control && w->isVisibleTo(root))
                controls << w;
        }
    }
    ASSERT_GE(controls.size(), 20);  // venue, symbol, sides, modes, entry, size, wallet, stop, target, … slider, chips
    for (QWidget* w : controls)
        EXPECT_TRUE(visible.contains(inPlanViewport(w))) << w->metaObject()->className() << " " << w->accessibleName().toStdString()
                                                          << " at " << inPlanViewport(w).y() << " of " << visible.height();
    // Liquidation with its distance, margin and risk at stop: the first rows of the risk table.
    ui::ValueTable* key = window().risk()->keyTable();
    ASSERT_EQ(key->name(0), QStringLiteral("Liquidation"));
    ASSERT_EQ(key->name(1), QStringLiteral("Initial margin"));
    ASSERT_EQ(key->name(2), QStringLiteral("Risk at stop"));
    for (int row = 0; row < key->rowCount(); ++row)
        EXPECT_TRUE(visible.contains(inPlanViewport(key, key->rowRect(row)))) << key->name(row).toStdString();
    // Nothing in the column is cut at the side.
    EXPECT_GE(plan->widget()->width(), plan->widget()->minimumSizeHint().width());
    EXPECT_GE(key->width(), key->sizeHint().width());
}

TEST_F(Layout, At1920x1080ThePortfolioColumnsNeedNoHorizontalScroll)
{
    showAt({1910, 1040});
    QTableView* table = window().portfolio()->table();
    int columns = 0;
    for (int c = 0; c < table->model()->columnCount(); ++c)
        columns += table->columnWidth(c);
    EXPECT_LE(columns, table->viewport()->width());
    EXPECT_EQ(table->horizontalScrollBar()->maximum(), 0);
    // And the portfolio's own panes need no scrolling in the dock.
    auto* scroll = qobject_cast<QScrollArea*>(dockNamed("portfolioDock")->widget());
    ASSERT_NE(scroll, nullptr);
    EXPECT_EQ(scroll->horizontalScrollBar()->maximum(), 0);
    // The layouts' comparison shows all three headers whole, "Liquidated" included.
    auto* compare = window().portfolio()->findChild<QTableWidget*>();
    ASSERT_NE(compare, nullptr);
    const QHeaderView* header = compare->horizontalHeader();
    for (int c = 0; c < compare->columnCount(); ++c) {
        const QString name = compare->horizontalHeaderItem(c)->text();
        EXPECT_GE(header->sectionSize(c), header->fontMetrics().horizontalAdvance(name)) << name.toStdString();
    }
    EXPECT_LE(header->sectionPosition(2) + header->sectionSize(2), compare->viewport()->width());
    // The market's controls and prices share one row at this width.
    EXPECT_TRUE(window().marketBar()->oneRow());
}

TEST_F(Layout, RememberedGeometryLargerThanTheScreenIsBroughtInside)
{
    // A 2560×1440 window remembered from a large monitor, opened on a 1366×768 one whose
    // panel takes the top 24 pixels; the window manager adds 10×30 of frame.
    const QRect available(0, 24, 1366, 744);
    const QSize decoration(10, 30);
    const QSize minimum(1254, 597);
    EXPECT_EQ(ui::MainWindow::fittedFrame(QRect(200, 100, 2570, 1470), decoration, available, minimum), QRect(0, 24, 1366, 744));
    // A window that fits stays where it is; one hanging off the right edge is moved back.
    EXPECT_EQ(ui::MainWindow::fittedFrame(QRect(10, 40, 1300, 700), decoration, available, minimum), QRect(10, 40, 1300, 700));
    EXPECT_EQ(ui::MainWindow::fittedFrame(QRect(300, 40, 1300, 700), decoration, available, minimum), QRect(66, 40, 1300, 700));
    // Never below the minimum, even on a smaller screen: then it sits at the top left.
    EXPECT_EQ(ui::MainWindow::fittedFrame(QRect(50, 50, 900, 500), decoration, QRect(0, 0, 1024, 600), minimum), QRect(0, 0, 1264, 627));

    // The real window, given a remembered geometry far larger than the screen, opens inside it.
    dash.reset();
    {
        QWidget big;
        big.setGeometry(0, 0, 5000, 3000);
        model::AppSettings s(dir.filePath(QStringLiteral("settings.ini")));
        s.setWindowGeometry(big.saveGeometry());
        s.sync();
    }
    app::DashboardOptions o;
    o.historyMinutes = 3000;
    o.settingsPath = dir.filePath(QStringLiteral("settings.ini"));
    o.progressPath = dir.filePath(QStringLiteral("progress.json"));
    dash = std::make_unique<app::Dashboard>(o);
    const QRect screen = window().screen()->availableGeometry();
    const QSize expected = screen.size().expandedTo(window().minimumSizeHint());
    EXPECT_LE(window().width(), expected.width());
    EXPECT_LE(window().height(), expected.height());
    EXPECT_LT(window().width(), 5000);
}

}  // namespace
}  // namespace levlab
