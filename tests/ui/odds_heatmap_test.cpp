#include "tests/ui/dashboard_fixture.h"

#include "core/model/replay/replay_source.h"
#include "ui/history/odds_grid_view.h"

#include <gtest/gtest.h>

#include <QDateTimeEdit>

#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace levlab {
namespace {

qint64 utc(const char* iso) { return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toSecsSinceEpoch(); }

class OddsWindow : public ::testing::Test {
protected:
    void SetUp() override
    {
        dash = test::openDashboard(dir, QSize(1366, 768));
        panel = dash->oddsPanel;
        ASSERT_NE(panel, nullptr);
        dock = qobject_cast<QDockWidget*>(panel->parentWidget());
        ASSERT_NE(dock, nullptr);
    }

    /// Loads Black Thursday from the Replay dock, then brings the Odds dock up and waits for its grid.
    void loadBlackThursday()
    {
        if (auto* replayDock = qobject_cast<QDockWidget*>(dash->replayPanel->parentWidget()))
            replayDock->raise();
        QApplication::processEvents();
        QTest::mouseClick(dash->replayPanel->crashButton(0), Qt::LeftButton);
        ASSERT_TRUE(dock->isVisible());
        dock->raise();
        ASSERT_TRUE(QTest::qWaitFor([this] { return dash->odds->status() == model::OddsModel::Status::Ready; }, 20000));
        QApplication::processEvents();
    }

    std::size_t row(double leverage) const
    {
        const auto& l = dash->odds->table().leverages;
        return static_cast<std::size_t>(std::find(l.begin(), l.end(), leverage) - l.begin());
    }

    QTemporaryDir dir;
    std::unique_ptr<app::Dashboard> dash;
    ui::OddsHeatmap* panel = nullptr;
    QDockWidget* dock = nullptr;
};

TEST_F(OddsWindow, TheSimulatedMarketExplainsInsteadOfAnEmptyGrid)
{
    dock->show();
    dock->raise();
    QApplication::processEvents();
    EXPECT_TRUE(panel->statusLabel()->isVisible());
    EXPECT_TRUE(panel->statusLabel()->text().startsWith(QStringLiteral("The simulated market has no history")));
    EXPECT_FALSE(panel->grid()->isVisible());
}

TEST_F(OddsWindow, HoverTellsTheWorstCaseAndClickReplaysIt)
{
    loadBlackThursday();
    ui::OddsGridView* grid = panel->grid();
    ASSERT_TRUE(grid->isVisible());
    EXPECT_EQ(grid->side(), engine::Side::Long);  // the plan's side
    // The crash lab moved the plan to BitMEX XBTUSD; the fresh plan is 10× long.
    EXPECT_EQ(dash->model.inputs().leverage, 10.0);
    const std::size_t ten = row(10);
    ASSERT_LT(ten, dash->odds->table().leverages.size());
    EXPECT_EQ(dash->odds->planRow(), std::optional<std::size_t>(ten));
    // Found by hand (a script over the shipped file, bars at their open times): of every long
    // held a day in March 2020, the one that went furthest against it entered at the open of
    // the 2020-03-12 02:35 UTC bar, 7,746.5, and saw 3,596.0 (the bar ending 13 March 02:16)
    // within its day: 1 − 3,596 ÷ 7,746.5 = 53.58% against it.
    const QRect cell = grid->cellRect(ten, 2);
    ASSERT_FALSE(cell.isEmpty());
    QTest::mouseMove(grid, cell.center());
    ASSERT_TRUE(QTest::qWaitFor([] { return QToolTip::isVisible(); }, 5000));
    const QString tip = QToolTip::text();
    EXPECT_TRUE(tip.startsWith(QStringLiteral("Long 10× held 1 d\nEntries: "))) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("Worst case: entered 2020-03-12 02:35 UTC at 7,746.50, 53.58% against it within the period")))
        << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("\nIt was liquidated 2020-03-12 "))) << tip.toStdString();
    QToolTip::hideText();

    // Looking at the short side, then clicking the long's cell: the side comes from the cell.
    QTest::mouseClick(panel->shortButton(), Qt::LeftButton);
    EXPECT_EQ(grid->side(), engine::Side::Short);
    QTest::mouseClick(panel->longButton(), Qt::LeftButton);
    QTest::mouseClick(grid, Qt::LeftButton, {}, cell.center());
    const auto* source = qobject_cast<const model::ReplaySource*>(&dash->market.source());
    ASSERT_NE(source, nullptr);
    const std::size_t next = source->position();
    ASSERT_LT(next, source->bars().size());
    EXPECT_EQ(source->bars()[next].time, utc("2020-03-12T02:35:00Z"));
    EXPECT_EQ(source->bars()[next].open, 7746.5);
    EXPECT_EQ(dash->market.nowMs(), utc("2020-03-12T02:35:00Z") * 1000);
    EXPECT_EQ(dash->model.tradeState(), model::TradeState::Open);
    EXPECT_EQ(dash->model.inputs().side, engine::Side::Long);
    EXPECT_EQ(dash->model.inputs().leverage, 10.0);
    EXPECT_EQ(dash->model.snapshot().entry, 7746.5);
    // The Replay dock says where the replay now starts.
    EXPECT_EQ(dash->replayPanel->startEdit()->dateTime().toSecsSinceEpoch(), utc("2020-03-12T02:35:00Z"));
}

TEST_F(OddsWindow, KeyboardReachesAndReplaysACell)
{
    loadBlackThursday();
    ui::OddsGridView* grid = panel->grid();
    grid->setFocus(Qt::TabFocusReason);
    // Down to the 2× row (the second), right to 4 h, then Enter; a short from the Short button.
    QTest::mouseClick(panel->shortButton(), Qt::LeftButton);
    grid->setFocus(Qt::TabFocusReason);
    QTest::keyClick(grid, Qt::Key_Down);
    QTest::keyClick(grid, Qt::Key_Right);
    EXPECT_EQ(grid->current(), std::make_pair(std::size_t{1}, std::size_t{1}));
    EXPECT_TRUE(grid->accessibleDescription().startsWith(QStringLiteral("Short 2× held 4 h\n"))) << grid->accessibleDescription().toStdString();
    QTest::keyClick(grid, Qt::Key_Return);
    EXPECT_EQ(dash->model.tradeState(), model::TradeState::Open);
    EXPECT_EQ(dash->model.inputs().side, engine::Side::Short);
    EXPECT_EQ(dash->model.inputs().leverage, 2.0);
    const model::OddsCase* c = dash->odds->cell(engine::Side::Short, 1, 1);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(dash->market.nowMs(), c->worstEntrySeconds * 1000);
}

TEST(OddsColours, EveryBandReadsInBothThemes)
{
    for (const ui::Theme& t : {ui::Theme::darkTheme(), ui::Theme::lightTheme()}) {
        for (int b = 0; b < ui::OddsGridView::kBands; ++b) {
            const QColor bg = ui::OddsGridView::bandColour(t, b);
            const QColor fg = ui::OddsGridView::bandText(t, b);
            const auto lum = [](const QColor& c) {
                const auto ch = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
                return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
            };
            const double a = lum(bg), c = lum(fg);
            EXPECT_GE((std::max(a, c) + 0.05) / (std::min(a, c) + 0.05), 4.5) << (t.dark ? "dark " : "light ") << b;
            if (b > 0) {
                // Each band darker (light theme) or brighter (dark theme) than the one before.
                const double before = lum(ui::OddsGridView::bandColour(t, b - 1));
                EXPECT_TRUE(t.dark ? a != before : a < before) << (t.dark ? "dark " : "light ") << b;
            }
        }
    }
    EXPECT_EQ(ui::OddsGridView::band(0.0), 0);
    EXPECT_EQ(ui::OddsGridView::band(0.005), 1);
    EXPECT_EQ(ui::OddsGridView::band(0.01), 1);
    EXPECT_EQ(ui::OddsGridView::band(0.2041), 4);
    EXPECT_EQ(ui::OddsGridView::band(1.0), 5);
}

}  // namespace
}  // namespace levlab
