#include "ui/chart/tag_layout.h"

#include <gtest/gtest.h>

namespace levlab::ui {
namespace {

// Tags 18 px tall, 2 px apart: one tag every 20 px. The expected positions below
// are worked by hand from the rule: a block of touching tags sits where the mean of
// its tags' wished tops (each less its offset in the block) puts it, inside the column.
constexpr double kHeight = 18.0;
constexpr double kGap = 2.0;

TEST(TagLayout, NothingToPlace)
{
    EXPECT_TRUE(layoutTags({}, 0, 400, kHeight, kGap).empty());
}

TEST(TagLayout, TagsWithRoomStayOnTheirLines)
{
    // 20 px apart: touching with the gap, not overlapping.
    const auto out = layoutTags({{100, 50, 0}, {120, 49, 1}, {300, 10, 2}}, 0, 400, kHeight, kGap);
    ASSERT_EQ(out.size(), 3u);
    EXPECT_DOUBLE_EQ(out[0].y, 100);
    EXPECT_DOUBLE_EQ(out[1].y, 120);
    EXPECT_DOUBLE_EQ(out[2].y, 300);
    for (const auto& p : out) {
        EXPECT_TRUE(p.shown);
        EXPECT_EQ(p.mergedInto, -1);
        EXPECT_TRUE(p.merged.empty());
    }
}

TEST(TagLayout, LiquidationAndBankruptcyThreePixelsApartMoveApartEvenly)
{
    // Liq wants 105 (tops 96), Bankr 108 (top 99, less one pitch: 79): mean top 87.5.
    const auto out = layoutTags({{105, 9000, 0}, {108, 8990, 1}}, 0, 400, kHeight, kGap);
    EXPECT_DOUBLE_EQ(out[0].y, 96.5);
    EXPECT_DOUBLE_EQ(out[1].y, 116.5);
    EXPECT_TRUE(out[0].shown);
    EXPECT_TRUE(out[1].shown);
}

TEST(TagLayout, OnePixelOfOverlapSplitsHalfAPixelEach)
{
    const auto out = layoutTags({{100, 2, 0}, {119, 1, 0}}, 0, 400, kHeight, kGap);
    EXPECT_DOUBLE_EQ(out[0].y, 99.5);
    EXPECT_DOUBLE_EQ(out[1].y, 119.5);
}

TEST(TagLayout, PriceOrderWinsOverTheOrderGiven)
{
    // Three tags pinned to the top edge all wish for y 5; they stack from the edge by
    // price, highest first: tops 0, 20, 40 (the block's mean top −24 is clamped to 0).
    const auto out = layoutTags({{5, 300, 4}, {5, 200, 0}, {5, 250, 2}}, 0, 400, kHeight, kGap);
    EXPECT_DOUBLE_EQ(out[0].y, 9);
    EXPECT_DOUBLE_EQ(out[2].y, 29);
    EXPECT_DOUBLE_EQ(out[1].y, 49);
}

TEST(TagLayout, BlockAtTheBottomEdgeStaysInside)
{
    // Both wish for 399; the block of two is 38 tall, so its top is at most 400 − 38 = 362.
    const auto out = layoutTags({{399, 2, 0}, {399, 1, 0}}, 0, 400, kHeight, kGap);
    EXPECT_DOUBLE_EQ(out[0].y, 371);
    EXPECT_DOUBLE_EQ(out[1].y, 391);
}

TEST(TagLayout, ACrowdedColumnMergesTheClosestByRank)
{
    // A 58 px column holds three tags. Liq and Bankr (1 px apart) merge first: Liq
    // speaks. Then Mark and Entry (2 px): Entry speaks. Entry, Liq and Last fill the column.
    enum { Mark, Entry, Liq, Bankr, Last };
    const std::vector<TagRequest> in{{10, 105, 4}, {12, 104, 3}, {30, 100, 0}, {31, 99, 1}, {51, 95, 4}};
    const auto out = layoutTags(in, 0, 58, kHeight, kGap);
    EXPECT_EQ(out[Entry], (TagPlacement{9, true, -1, {Mark}}));
    EXPECT_EQ(out[Liq], (TagPlacement{29, true, -1, {Bankr}}));
    EXPECT_EQ(out[Last], (TagPlacement{49, true, -1, {}}));
    EXPECT_EQ(out[Mark], (TagPlacement{9, false, Entry, {}}));
    EXPECT_EQ(out[Bankr], (TagPlacement{29, false, Liq, {}}));
}

TEST(TagLayout, LiquidationWinsEvenWhenBelowBankruptcy)
{
    // A short: bankruptcy lies above liquidation. Column of one tag (40..60).
    const auto out = layoutTags({{50, 110, 1}, {52, 108, 0}}, 40, 60, kHeight, kGap);
    EXPECT_FALSE(out[0].shown);
    EXPECT_EQ(out[0].mergedInto, 1);
    EXPECT_TRUE(out[1].shown);
    EXPECT_EQ(out[1].merged, std::vector<int>{0});
    // Liq's top wish 43 lies inside 40..42? No: the lowest top is 60 − 18 = 42.
    EXPECT_DOUBLE_EQ(out[1].y, 51);
    EXPECT_DOUBLE_EQ(out[0].y, 51);
}

TEST(TagLayout, EqualRanksMergeIntoTheHigherPrice)
{
    const auto out = layoutTags({{11, 100, 4}, {10, 101, 4}}, 0, 18, kHeight, kGap);
    EXPECT_TRUE(out[1].shown);
    EXPECT_FALSE(out[0].shown);
    EXPECT_EQ(out[0].mergedInto, 1);
    EXPECT_DOUBLE_EQ(out[1].y, 9);
}

TEST(TagLayout, AWinnerTakesOverWhatTheLoserSpokeFor)
{
    // Liq and Bankr merge (2 px), then Stop joins them (5 px): Liq speaks for Stop and
    // Bankr, listed by price. Liq's wished top 41 is inside 40..42.
    enum { Liq, Bankr, Stop };
    const auto out = layoutTags({{50, 100, 0}, {52, 99, 1}, {45, 101, 2}}, 40, 60, kHeight, kGap);
    EXPECT_EQ(out[Liq], (TagPlacement{50, true, -1, {Stop, Bankr}}));
    EXPECT_EQ(out[Bankr].mergedInto, Liq);
    EXPECT_EQ(out[Stop].mergedInto, Liq);
}

}  // namespace
}  // namespace levlab::ui
