#include "core/engine/history/time_text.h"

#include <gtest/gtest.h>

namespace levlab::engine {
namespace {

// 2020-03-12 00:00:00 UTC = 1,583,971,200 s: 2020-01-01 is 1,577,836,800 and March 12 is 71 days later.
constexpr std::int64_t kMarch12Ms = 1583971200000;

TEST(TimeText, ReadsIsoAndEpochForms)
{
    EXPECT_EQ(parseTimeMs("2020-03-12T00:00:00.000Z"), kMarch12Ms);
    EXPECT_EQ(parseTimeMs("2020-03-12 00:00:00"), kMarch12Ms);
    EXPECT_EQ(parseTimeMs("2020-03-12 00:00"), kMarch12Ms);
    EXPECT_EQ(parseTimeMs("2020-03-12"), kMarch12Ms);
    EXPECT_EQ(parseTimeMs("2020/03/12 00:00"), kMarch12Ms);
    EXPECT_EQ(parseTimeMs("1583971200"), kMarch12Ms);
    EXPECT_EQ(parseTimeMs("1583971200.0"), kMarch12Ms);
    EXPECT_EQ(parseTimeMs("1583971200000"), kMarch12Ms);
    EXPECT_EQ(parseTimeMs("1583971200000000"), kMarch12Ms);
    EXPECT_EQ(parseTimeMs("\"2020-03-12T00:00:00Z\""), kMarch12Ms);
}

TEST(TimeText, OffsetsAndFractions)
{
    // 03:00 at UTC+03:00 is midnight UTC; -05:00 adds five hours.
    EXPECT_EQ(parseTimeMs("2020-03-12T03:00:00+03:00"), kMarch12Ms);
    EXPECT_EQ(parseTimeMs("2020-03-11T19:00:00-0500"), kMarch12Ms);
    EXPECT_EQ(parseTimeMs("2020-03-12 00:00:00.002"), kMarch12Ms + 2);
    EXPECT_EQ(parseTimeMs("2020-03-12T00:00:00.5Z"), kMarch12Ms + 500);
}

TEST(TimeText, RefusesWhatIsNotATime)
{
    EXPECT_FALSE(parseTimeMs(""));
    EXPECT_FALSE(parseTimeMs("yesterday"));
    EXPECT_FALSE(parseTimeMs("2020-13-01"));
    EXPECT_FALSE(parseTimeMs("2020-03-12 25:00"));
    EXPECT_FALSE(parseTimeMs("2020-11-20 07-AM"));
    EXPECT_FALSE(parseTimeMs("-5"));
}

TEST(TimeText, IsoMinuteShowsUtc)
{
    EXPECT_EQ(isoMinute(1583971200), "2020-03-12 00:00");
    EXPECT_EQ(isoMinute(1583971200 + 2 * 3600 + 16 * 60), "2020-03-12 02:16");
    EXPECT_EQ(isoMinute(1583971200 + 5), "2020-03-12 00:00:05");
    EXPECT_EQ(isoMinute(0), "1970-01-01 00:00");
}

}  // namespace
}  // namespace levlab::engine
