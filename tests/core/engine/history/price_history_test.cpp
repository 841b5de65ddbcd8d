#include "core/engine/history/price_history.h"

#include <gtest/gtest.h>

namespace levlab::engine {
namespace {

constexpr std::int64_t kMarch12 = 1583971200;  // 2020-03-12 00:00 UTC

TEST(PriceHistory, ColumnsInAnyOrderWithSemicolonsAndDecimalCommas)
{
    const PriceHistory h = importCsvPrices("Close;Low;Time;High;Open\n"
                                           "10,5;9,5;2020-03-12T00:00:00Z;11;10\n"
                                           "11;10;2020-03-12T00:01:00Z;11,5;10,5\n");
    ASSERT_TRUE(h.report.refused.empty()) << h.report.refused.front().reason;
    ASSERT_EQ(h.bars.size(), 2u);
    EXPECT_EQ(h.bars[0].time, kMarch12);
    EXPECT_EQ(h.bars[0].open, 10.0);
    EXPECT_EQ(h.bars[0].high, 11.0);
    EXPECT_EQ(h.bars[0].low, 9.5);
    EXPECT_EQ(h.bars[0].close, 10.5);
    EXPECT_EQ(h.report.intervalSeconds, 60);
    EXPECT_EQ(h.report.first, kMarch12);
    EXPECT_EQ(h.report.last, kMarch12 + 60);
}

TEST(PriceHistory, TabsBannerMixedEpochsNewestFirst)
{
    // Three hours newest first: epoch seconds, milliseconds and ISO in one file.
    const PriceHistory h = importCsvPrices("https://www.CryptoDataDownload.com\n"
                                           "unix\topen\thigh\tlow\tclose\n"
                                           "1583978400\t3\t3\t3\t3\n"
                                           "1583974800000\t2\t2\t2\t2\n"
                                           "2020-03-12 00:00:00\t1\t1\t1\t1\n");
    ASSERT_TRUE(h.report.refused.empty());
    EXPECT_EQ(h.report.bannerLines, 1u);
    EXPECT_TRUE(h.report.reversed);
    EXPECT_FALSE(h.report.reordered);
    ASSERT_EQ(h.bars.size(), 3u);
    EXPECT_EQ(h.bars[0].close, 1.0);
    EXPECT_EQ(h.bars[2].close, 3.0);
    EXPECT_EQ(h.bars[2].time, kMarch12 + 7200);
    EXPECT_EQ(h.report.intervalSeconds, 3600);
}

TEST(PriceHistory, DuplicatesKeepTheMorePreciseCopyAndCountDisagreement)
{
    // 01:00 twice (agreeing after rounding: 2.5 vs 2.50000); 02:00 twice with different closes.
    const PriceHistory h = importCsvPrices("time,open,high,low,close\n"
                                           "2020-03-12 00:00,1,1,1,1\n"
                                           "2020-03-12 02:00,3,3.5,2.5,3.25000\n"
                                           "2020-03-12 01:00,2,3,2,2.5\n"
                                           "2020-03-12 01:00,2,3,2,2.50000\n"
                                           "2020-03-12 02:00,3,3.5,2.5,3.1\n"
                                           "2020-03-12 03:00,3,3,3,3\n");
    ASSERT_TRUE(h.report.refused.empty());
    EXPECT_TRUE(h.report.reordered);
    EXPECT_EQ(h.report.duplicates, 2u);
    EXPECT_EQ(h.report.duplicatesDisagreeing, 1u);
    ASSERT_EQ(h.report.conflicts.size(), 1u);
    EXPECT_EQ(h.report.conflicts[0].time, kMarch12 + 7200);
    EXPECT_EQ(h.report.conflicts[0].keptClose, 3.25);
    EXPECT_EQ(h.report.conflicts[0].droppedClose, 3.1);
    ASSERT_EQ(h.bars.size(), 4u);
    EXPECT_EQ(h.bars[2].close, 3.25);
}

TEST(PriceHistory, GapsCountMissingBarsAndTheLongest)
{
    // Minutes 0, 1, 4 (2 missing), 5, 9 (3 missing).
    const PriceHistory h = importCsvPrices("timestamp,open,high,low,close\n"
                                           "1583971200,1,1,1,1\n1583971260,1,1,1,1\n1583971440,1,1,1,1\n"
                                           "1583971500,1,1,1,1\n1583971740,1,1,1,1\n");
    EXPECT_EQ(h.report.intervalSeconds, 60);
    EXPECT_EQ(h.report.gaps, 2u);
    EXPECT_EQ(h.report.missingBars, 5u);
    EXPECT_EQ(h.report.longestGapBars, 3u);
    EXPECT_EQ(h.report.longestGapAfter, 1583971500);
}

TEST(PriceHistory, BitmexBucketsAreMovedToTheirOpenAndOpenOutsideRangeIsKept)
{
    // BitMEX stamps the bin's end and opens at the previous close: the second bin opens at 10
    // while its trades ranged 10.5–11.
    const PriceHistory h = importCsvPrices(
        "timestamp,symbol,open,high,low,close,trades,volume,vwap,lastSize,turnover,homeNotional,foreignNotional\n"
        "2020-03-12T00:01:00.000Z,XBTUSD,9,10,9,10,5,100,9.5,1,0,10,100\n"
        "2020-03-12T00:02:00.000Z,XBTUSD,10,11,10.5,11,5,100,10.7,1,0,9,100\n"
        "2020-03-12T00:03:00.000Z,XBTUSD,11,11,11,11,0,0,,,0,0,0\n");
    ASSERT_TRUE(h.report.refused.empty()) << h.report.refused.front().reason;
    EXPECT_TRUE(h.report.timesWereBarEnds);
    EXPECT_EQ(h.bars[0].time, kMarch12);
    EXPECT_EQ(h.report.openOutsideRange, 1u);
    EXPECT_EQ(h.report.zeroVolume, 1u);
    EXPECT_EQ(h.bars[0].volume, 10.0);       // homeNotional: XBT
    EXPECT_EQ(h.bars[0].quoteVolume, 100.0);  // foreignNotional: USD
}

TEST(PriceHistory, EmptyPricesAreANoTradeBarAtThePreviousClose)
{
    const PriceHistory h = importCsvPrices("date,open,high,low,close,volume\n"
                                           "2020-03-12 00:00,5,6,4,5.5,1\n"
                                           "2020-03-12 00:01,,,,,\n"
                                           "2020-03-12 00:02,5.5,6,5,6,2\n");
    ASSERT_TRUE(h.report.refused.empty());
    ASSERT_EQ(h.bars.size(), 3u);
    EXPECT_EQ(h.bars[1].open, 5.5);
    EXPECT_EQ(h.bars[1].high, 5.5);
    EXPECT_EQ(h.bars[1].low, 5.5);
    EXPECT_EQ(h.bars[1].close, 5.5);
    EXPECT_EQ(h.report.noTradeFilled, 1u);
    EXPECT_EQ(h.report.zeroVolume, 1u);
}

TEST(PriceHistory, SwappedVolumesAreSwappedBack)
{
    // At about 100, 2 base units trade for about 200 quote; the second row has them the other way round.
    const PriceHistory h = importCsvPrices("unix,open,high,low,close,Volume BTC,Volume USD\n"
                                           "1583971200,100,101,99,100,2,200\n"
                                           "1583974800,100,101,99,100,200,2\n");
    EXPECT_EQ(h.report.swappedVolume, 1u);
    EXPECT_EQ(h.bars[1].volume, 2.0);
    EXPECT_EQ(h.bars[1].quoteVolume, 200.0);
}

TEST(PriceHistory, ImplausibleFirstBarIsDropped)
{
    const PriceHistory h = importCsvPrices("unix,open,high,low,close\n"
                                           "1583971200,16199.91,16199.91,4261.32,4308.83\n"
                                           "1583974800,4308.83,4328.69,4291.37,4315.32\n");
    ASSERT_TRUE(h.report.droppedFirstBar);
    EXPECT_EQ(h.report.droppedFirstBar->open, 16199.91);
    EXPECT_EQ(h.report.droppedFirstBar->close, 4308.83);
    ASSERT_EQ(h.bars.size(), 1u);
    EXPECT_EQ(h.bars[0].time, 1583974800);
}

TEST(PriceHistory, HeaderlessBinanceKlines)
{
    const PriceHistory h = importCsvPrices("1583971200000,7931.5,7939,7931,7939,68.8,1583971259999,546048,402\n");
    ASSERT_TRUE(h.report.refused.empty());
    ASSERT_EQ(h.bars.size(), 1u);
    EXPECT_EQ(h.bars[0].time, kMarch12);
    EXPECT_EQ(h.bars[0].quoteVolume, 546048.0);
}

TEST(PriceHistory, MalformedRowsAreRefusedWithLineAndColumn)
{
    const PriceHistory h = importCsvPrices("time,open,high,low,close\n"
                                           "2020-03-12 00:00,1,2,1,1.5\n"
                                           "\n"
                                           "2020-03-12 00:02,1,2,abc,1.5\n"
                                           "2020-03-12 00:03,1,2\n"
                                           "not a time,1,2,1,1.5\n"
                                           "2020-03-12 00:05,1,1,2,1.5\n"
                                           "2020-03-12 00:06,1,2,1,3\n"
                                           "2020-03-12 00:07,0,2,1,1.5\n"
                                           "2020-03-12 00:08,,2,1,1.5\n");
    EXPECT_TRUE(h.bars.empty());
    const std::vector<Refusal> expected{
        {4, 22, "'abc' is not a number (the low)"},
        {5, 20, "3 fields where the header has 5"},
        {6, 1, "'not a time' is not a time (ISO-8601, or epoch seconds or milliseconds)"},
        {7, 20, "the high 1 is below the low 2"},
        {8, 24, "the close 3 lies outside low–high 1–2"},
        {9, 18, "the open must be a price above 0"},
        {10, 18, "the open is empty while other prices of the bar are given"},
    };
    EXPECT_EQ(h.report.refused, expected);
}

TEST(PriceHistory, NoHeaderOrNoRowsIsRefused)
{
    EXPECT_EQ(importCsvPrices("a,b,c\n1,2,3\n").report.refused,
              (std::vector<Refusal>{{1, 1, "no header line names the time, open, high, low and close columns"}}));
    EXPECT_EQ(importCsvPrices("time,open,high,low,close\n").report.refused,
              (std::vector<Refusal>{{1, 1, "the file holds no bars"}}));
}

}  // namespace
}  // namespace levlab::engine
