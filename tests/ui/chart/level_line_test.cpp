// LevelLine: a line moves at once, its tag's text at most ten times a second, and the
// price it comes to rest at is the one the tag shows.
#include "ui/chart/level_line.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QTest>

#include <gtest/gtest.h>

#include <set>

namespace levlab::ui {
namespace {

TEST(LevelLine, ATagFollowsAMovingLevelTenTimesASecondAndShowsWhereItRests)
{
    LevelLine line(LevelLine::Kind::StopLoss, Theme::lightTheme());
    line.setFrame(QRectF(0, 0, 400, 300), 90.0, 110.0, 150.0);
    line.setLevel(100.0, 100.0, 2);
    ASSERT_EQ(line.shownLevel(), 100.0);  // the first text at once
    // A level moving every 5 ms for 600 ms (a market at full speed carrying a stop along).
    std::set<double> shown;
    QElapsedTimer clock;
    clock.start();
    double level = 100.0;
    while (clock.elapsed() < 600) {
        level += 0.01;
        line.setLevel(level, 100.0, 2);
        ASSERT_EQ(line.lineY(), (110.0 - level) / 20.0 * 300.0) << "the line itself moves at once";
        if (line.shownLevel())
            shown.insert(*line.shownLevel());
        QTest::qWait(5);
    }
    const auto moving = static_cast<std::size_t>(clock.elapsed() / 100);
    EXPECT_GE(shown.size(), 2U) << "the text keeps up while the level moves";
    EXPECT_LE(shown.size(), moving + 2) << "…at most ten times a second";
    // At rest: within a moment the tag reads the final price.
    ASSERT_TRUE(QTest::qWaitFor([&] { return line.shownLevel() == level; }, 1000));
    EXPECT_TRUE(line.tagText().startsWith(QStringLiteral("Stop ") + QLocale().toString(level, 'f', 2))) << line.tagText().toStdString();
}

}  // namespace
}  // namespace levlab::ui
