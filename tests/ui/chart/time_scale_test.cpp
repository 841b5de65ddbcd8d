#include "ui/chart/time_scale.h"

#include <gtest/gtest.h>

#include <QLocale>

namespace levlab::ui {
namespace {

constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kJan1 = 1704067200000;  // 2024-01-01T00:00:00Z

/// Minutes after 2024-01-01T00:00Z.
constexpr qint64 at(int hours, int minutes, int days = 0)
{
    return kJan1 + days * kDay + hours * kHour + minutes * kMinute;
}

class TimeScaleLabels : public ::testing::Test {
protected:
    void SetUp() override { QLocale::setDefault(QLocale::c()); }
    void TearDown() override { QLocale::setDefault(QLocale::system()); }
};

TEST(TimeTicks, AnHourFromAnOddMinuteIsLabelledEveryTenMinutes)
{
    // 10:06 → 11:06 with room for 7 labels: every 5 minutes gives 12 (10:10 … 11:05), every 10 gives 6.
    const TimeTicks t = timeTicks(at(10, 6), at(11, 6), 7, 0);
    EXPECT_EQ(t.stepMs, 10 * kMinute);
    EXPECT_EQ(t.timesMs, (std::vector<qint64>{at(10, 10), at(10, 20), at(10, 30), at(10, 40), at(10, 50), at(11, 0)}));
}

TEST(TimeTicks, HalfAnHourIsLabelledEveryFiveMinutes)
{
    const TimeTicks t = timeTicks(at(10, 6), at(10, 36), 7, 0);
    EXPECT_EQ(t.stepMs, 5 * kMinute);
    EXPECT_EQ(t.timesMs, (std::vector<qint64>{at(10, 10), at(10, 15), at(10, 20), at(10, 25), at(10, 30), at(10, 35)}));
}

TEST(TimeTicks, SixHoursAreLabelledOnTheHour)
{
    // Every 30 minutes gives 12 ticks; every hour 6 (11:00 … 16:00).
    const TimeTicks t = timeTicks(at(10, 6), at(16, 6), 7, 0);
    EXPECT_EQ(t.stepMs, kHour);
    EXPECT_EQ(t.timesMs, (std::vector<qint64>{at(11, 0), at(12, 0), at(13, 0), at(14, 0), at(15, 0), at(16, 0)}));
}

TEST(TimeTicks, FewerLabelsTakeTheNextRoundStep)
{
    // The same six hours with room for 3 labels: every 2 hours (12:00, 14:00, 16:00).
    const TimeTicks t = timeTicks(at(10, 6), at(16, 6), 3, 0);
    EXPECT_EQ(t.stepMs, 2 * kHour);
    EXPECT_EQ(t.timesMs, (std::vector<qint64>{at(12, 0), at(14, 0), at(16, 0)}));
}

TEST(TimeTicks, HoursFallOnTheLocalClock)
{
    // At UTC+5:30, 10:06Z is 15:36 local: the hours are local 16:00 … 21:00, i.e. 10:30Z … 15:30Z.
    const qint64 india = 5 * kHour + 30 * kMinute;
    const TimeTicks t = timeTicks(at(10, 6), at(16, 6), 7, india);
    EXPECT_EQ(t.stepMs, kHour);
    EXPECT_EQ(t.timesMs, (std::vector<qint64>{at(10, 30), at(11, 30), at(12, 30), at(13, 30), at(14, 30), at(15, 30)}));
}

TEST(TimeTicks, TenDaysAreLabelledEveryOtherMidnight)
{
    // 2024-01-01 10:06 → 2024-01-11 10:06: midnights 2 … 11 Jan are 10 ticks; every other
    // day (days since 1970 divisible by 2: 2024-01-02 is day 19724) gives 5.
    const TimeTicks t = timeTicks(at(10, 6), at(10, 6, 10), 7, 0);
    EXPECT_EQ(t.stepMs, 2 * kDay);
    EXPECT_EQ(t.timesMs, (std::vector<qint64>{at(0, 0, 1), at(0, 0, 3), at(0, 0, 5), at(0, 0, 7), at(0, 0, 9)}));
}

TEST(TimeTicks, AnEmptySpanHasNoTicks)
{
    EXPECT_TRUE(timeTicks(at(10, 0), at(10, 0), 7, 0).timesMs.empty());
}

TEST_F(TimeScaleLabels, MidnightShowsTheDate)
{
    // 22:00 → 02:00 with room for 7: every hour (every 30 minutes gives 9).
    const TimeTicks t = timeTicks(at(22, 0), at(2, 0, 1), 7, 0);
    ASSERT_EQ(t.stepMs, kHour);
    QStringList labels;
    for (qint64 ms : t.timesMs)
        labels << timeLabel(ms, t.stepMs, 0);
    EXPECT_EQ(labels, (QStringList{QStringLiteral("22:00"), QStringLiteral("23:00"), QStringLiteral("02 Jan"),
                                   QStringLiteral("01:00"), QStringLiteral("02:00")}));
}

TEST_F(TimeScaleLabels, DaysShowTheDateAndLocalTimeShowsLocalHours)
{
    EXPECT_EQ(timeLabel(at(0, 0, 3), 2 * kDay, 0), QStringLiteral("04 Jan"));
    EXPECT_EQ(timeLabel(at(10, 30), kHour, 5 * kHour + 30 * kMinute), QStringLiteral("16:00"));
}

}  // namespace
}  // namespace levlab::ui
