// Readouts that follow the market must not ask the window for a new layout: a layout
// of the whole window (every word-wrapped text measured again) costs more than the
// rest of a frame, and the market changes the readouts ten times a second.
#include "tests/ui/dashboard_fixture.h"
#include "ui/binding/market_throttle.h"
#include "ui/portfolio/positions_table_model.h"
#include "ui/controls/leverage_control.h"
#include "ui/main_window.h"
#include "ui/risk/risk_panel.h"
#include "ui/risk/value_table.h"
#include "ui/risk/warning_text.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QTest>
#include <QSignalSpy>
#include <QSlider>
#include <QVBoxLayout>

namespace levlab {
namespace {

/// Counts the layout requests any widget of the application receives.
class LayoutRequests final : public QObject {
public:
    LayoutRequests() { qApp->installEventFilter(this); }
    ~LayoutRequests() override { qApp->removeEventFilter(this); }
    int count = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::LayoutRequest && watched->isWidgetType())
            ++count;
        return false;
    }
};

TEST(ReadoutCost, MarketTicksNeverRelayoutTheWindow)
{
    QTemporaryDir dir;
    auto dash = test::openDashboard(dir, QSize(1366, 728));
    // Let the first layouts and the first readouts settle.
    dash->feed.advance(17);
    QTest::qWait(250);
    LayoutRequests requests;
    // Three seconds of market at 1,000 ticks a second, a frame at a time, the readouts
    // (ten a second) refreshed along the way.
    for (int frame = 0; frame < 180; ++frame) {
        dash->feed.advance(17);
        QTest::qWait(16);
    }
    EXPECT_EQ(requests.count, 0);
}

TEST(ReadoutCost, WarningTextAsksForALayoutOnlyWhenItsHeightChanges)
{
    QWidget window;
    auto* layout = new QVBoxLayout(&window);
    auto* warning = new ui::WarningText(&window);
    layout->addWidget(warning);
    layout->addStretch();
    window.resize(400, 300);
    warning->setText(QStringLiteral("⚠ The stop (60,100.00) lies beyond the liquidation price (60,500.00)."));
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(50);
    const int oneLine = warning->height();

    LayoutRequests requests;
    // Same length, other prices: the same height, no new layout, but the new words shown.
    warning->setText(QStringLiteral("⚠ The stop (60,200.00) lies beyond the liquidation price (60,600.00)."));
    QTest::qWait(50);
    EXPECT_EQ(requests.count, 0);
    EXPECT_EQ(warning->height(), oneLine);
    EXPECT_EQ(warning->accessibleDescription(), warning->text());
    EXPECT_TRUE(warning->accessibleDescription().contains(QStringLiteral("60,200.00")));

    // A second warning needs another line: the panel makes room for it.
    warning->setText(warning->text() + QStringLiteral("\n⚠ Prices of the last hour, wicks included, reached the liquidation price."));
    QTest::qWait(50);
    EXPECT_GT(requests.count, 0);
    EXPECT_GE(warning->height(), oneLine + warning->fontMetrics().height());

    // Each warning starts a line of its own, even when both would fit on one.
    window.resize(2000, 300);
    warning->setText(QStringLiteral("⚠ One."));
    QTest::qWait(50);
    const int single = warning->height();
    warning->setText(QStringLiteral("⚠ One.\n⚠ Two."));
    QTest::qWait(50);
    EXPECT_GE(warning->height(), single + warning->fontMetrics().lineSpacing());
}

TEST(ReadoutCost, AWarningThatComesAndGoesUnderTheSliderMovesNoRowBelowIt)
{
    QTemporaryDir dir;
    auto dash = test::openDashboard(dir, QSize(1366, 728));
    ui::RiskPanel* risk = dash->window->risk();
    ui::ValueTable* details = nullptr;
    for (auto* t : risk->findChildren<ui::ValueTable*>()) {
        if (t->accessibleName() == QStringLiteral("Risk details"))
            details = t;
    }
    ASSERT_NE(details, nullptr);
    EXPECT_EQ(risk->warnings()->text(), ui::RiskPanel::calmText());
    const auto rowsAt = [&] { return details->mapTo(dash->window.get(), QPoint(0, 0)).y(); };
    const int before = rowsAt();
    // The slider by the keyboard, one step a key press, until the stop lies beyond liquidation.
    QSlider* slider = dash->window->leverage()->slider();
    slider->setFocus();
    bool warned = false;
    for (int press = 0; press < 100 && !warned; ++press) {
        QTest::keyClick(slider, Qt::Key_Up);
        QTest::qWait(5);
        warned = risk->warnings()->text().contains(QStringLiteral("beyond the liquidation price"));
    }
    ASSERT_TRUE(warned) << "leverage " << slider->value();
    QTest::qWait(50);
    EXPECT_EQ(rowsAt(), before);
    // And back down: the warning goes, the rows stay.
    for (int press = 0; press < 100 && warned; ++press) {
        QTest::keyClick(slider, Qt::Key_Down);
        QTest::qWait(5);
        warned = risk->warnings()->text() != ui::RiskPanel::calmText();
    }
    ASSERT_FALSE(warned);
    QTest::qWait(50);
    EXPECT_EQ(rowsAt(), before);
}

TEST(ReadoutCost, MarksRepaintOnlyTheCellsValuedAtTheMark)
{
    QTemporaryDir dir;
    auto dash = test::openDashboard(dir, QSize(1920, 1040));
    auto* table = dash->window->findChild<ui::PositionsTableModel*>();
    ASSERT_NE(table, nullptr);
    ASSERT_GT(table->rowCount(), 0);
    QSignalSpy changed(table, &QAbstractItemModel::dataChanged);
    for (int frame = 0; frame < 30; ++frame) {
        dash->feed.advance(17);
        QTest::qWait(16);
    }
    ASSERT_GT(changed.count(), 0);
    for (const QList<QVariant>& args : changed) {
        const auto from = args.at(0).value<QModelIndex>();
        const auto to = args.at(1).value<QModelIndex>();
        // One cell at a time (a view repaints the whole table for a range), and never the
        // trader's own inputs: symbol, side, size, entry, leverage, mode.
        EXPECT_EQ(from, to);
        EXPECT_GE(from.column(), ui::PositionsTableModel::Margin);
    }
}

TEST(ReadoutCost, ASteadyMarketsReadoutsRunInsideItsFramesAndTheLastOneComes)
{
    // Asked every 17 ms (a market's frames) for 600 ms: the refresh runs at most ten
    // times a second, each inside a frame's request, painted with that frame, never from
    // a timer of its own between frames. When the asking stops, the last one still comes.
    bool inFrame = false;
    int inside = 0;
    int between = 0;
    ui::RateLimiter limiter([&] { ++(inFrame ? inside : between); }, 10.0, nullptr);
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 600) {
        inFrame = true;
        limiter.request();
        inFrame = false;
        QTest::qWait(17);
    }
    const auto allowed = static_cast<int>(clock.elapsed() / 100) + 1;
    EXPECT_GE(inside, 4);
    EXPECT_LE(inside, allowed);
    EXPECT_EQ(between, 0) << "a refresh between frames is a repaint of its own";
    const int before = inside + between;
    inFrame = true;
    limiter.request();  // one more right away: within the interval, it waits
    inFrame = false;
    ASSERT_TRUE(QTest::qWaitFor([&] { return inside + between > before; }, 1000)) << "the last request's refresh came";
    EXPECT_EQ(between, 1);
}

}  // namespace
}  // namespace levlab
