#include "core/model/feeds/candle_store.h"

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

TEST(CandleSeries, FoldsTicksIntoBars)
{
    CandleSeries s(60'000, 10);
    s.add(0, 100.0, 100.0);
    s.add(10'000, 105.0, 101.0);
    s.add(20'000, 95.0, 100.5);
    s.add(59'999, 102.0, 100.8);
    s.add(60'000, 103.0, 101.0);
    ASSERT_EQ(s.size(), 2u);
    const Candle& a = s.at(0);
    EXPECT_EQ(a.openMs, 0);
    EXPECT_DOUBLE_EQ(a.open, 100.0);
    EXPECT_DOUBLE_EQ(a.high, 105.0);
    EXPECT_DOUBLE_EQ(a.low, 95.0);
    EXPECT_DOUBLE_EQ(a.close, 102.0);
    EXPECT_DOUBLE_EQ(a.markClose, 100.8);
    EXPECT_EQ(s.back().openMs, 60'000);
}

TEST(CandleSeries, StaysWithinItsCapacity)
{
    CandleSeries s(60'000, 3);
    for (int i = 0; i < 5; ++i)
        s.add(i * 60'000LL, 100.0 + i, 100.0 + i);
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s.at(0).openMs, 2 * 60'000);
    EXPECT_EQ(s.back().openMs, 4 * 60'000);
    EXPECT_EQ(s.lowerBound(3 * 60'000), 1u);
    EXPECT_EQ(s.lowerBound(0), 0u);
    EXPECT_EQ(s.lowerBound(10 * 60'000), 3u);
}

TEST(CandleStore, HigherTimeframesAggregateOneMinuteBars)
{
    CandleStore store(64);
    for (int m = 0; m < 10; ++m)
        store.addBar(Candle{m * 60'000LL, 100.0 + m, 101.0 + m, 99.0 + m, 100.5 + m, 100.0 + m});
    const CandleSeries& m5 = store.series(Timeframe::M5);
    ASSERT_EQ(m5.size(), 2u);
    EXPECT_DOUBLE_EQ(m5.at(0).open, 100.0);
    EXPECT_DOUBLE_EQ(m5.at(0).high, 105.0);
    EXPECT_DOUBLE_EQ(m5.at(0).low, 99.0);
    EXPECT_DOUBLE_EQ(m5.at(0).close, 104.5);
    EXPECT_DOUBLE_EQ(m5.at(1).open, 105.0);
    EXPECT_EQ(store.series(Timeframe::H1).size(), 1u);
}

}  // namespace
}  // namespace levlab::model
