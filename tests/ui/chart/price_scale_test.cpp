#include "ui/chart/price_scale.h"

#include <gtest/gtest.h>

namespace levlab::ui {
namespace {

// Each case worked by hand: try 1, 2, 2.5, 5 × the power of ten below range ÷ labels,
// and keep the first step whose multiples within the range are few enough.

TEST(PriceTicks, ACrashRangeIsLabelledEvery2500)
{
    // 43,842.5 … 64,812.9 in 9 labels: 20,970.4 / 9 = 2,330 → powers of 1,000. Every 1,000 gives
    // 21 labels, every 2,000 gives 11, every 2,500 gives 8 (45,000 … 62,500).
    const PriceTicks t = priceTicks(43842.5, 64812.9, 9);
    EXPECT_DOUBLE_EQ(t.step, 2500.0);
    EXPECT_EQ(t.decimals, 0);
    EXPECT_EQ(t.prices, (std::vector<double>{45000, 47500, 50000, 52500, 55000, 57500, 60000, 62500}));
}

TEST(PriceTicks, ANarrowRangeIsLabelledEvery250)
{
    // 59,000.3 … 61,234.5 in 8: 2,234.2 / 8 = 279 → hundreds. 100 gives 22, 200 gives 11, 250 gives 8.
    const PriceTicks t = priceTicks(59000.3, 61234.5, 8);
    EXPECT_DOUBLE_EQ(t.step, 250.0);
    EXPECT_EQ(t.prices, (std::vector<double>{59250, 59500, 59750, 60000, 60250, 60500, 60750, 61000}));
}

TEST(PriceTicks, SmallStepsCarryTheirDecimals)
{
    // 1.02 … 1.13 in 5: 0.022 → hundredths. 0.01 gives 12, 0.02 gives 6, 0.025 gives 5 (1.025 … 1.125).
    const PriceTicks t = priceTicks(1.02, 1.13, 5);
    EXPECT_DOUBLE_EQ(t.step, 0.025);
    EXPECT_EQ(t.decimals, 3);
    ASSERT_EQ(t.prices.size(), 5u);
    EXPECT_NEAR(t.prices.front(), 1.025, 1e-12);
    EXPECT_NEAR(t.prices.back(), 1.125, 1e-12);
    // 0.5 steps need one decimal: 10.2 … 12.9 in 6 → 0.45 → tenths: 0.1 gives 27, 0.2 gives 14, 0.25 gives 11, 0.5 gives 5.
    const PriceTicks half = priceTicks(10.2, 12.9, 6);
    EXPECT_DOUBLE_EQ(half.step, 0.5);
    EXPECT_EQ(half.decimals, 1);
    EXPECT_EQ(half.prices, (std::vector<double>{10.5, 11.0, 11.5, 12.0, 12.5}));
}

TEST(PriceTicks, AnEmptyOrBrokenRangeHasNoTicks)
{
    EXPECT_TRUE(priceTicks(5.0, 5.0, 9).prices.empty());
    EXPECT_TRUE(priceTicks(6.0, 5.0, 9).prices.empty());
    EXPECT_TRUE(priceTicks(0.0, INFINITY, 9).prices.empty());
}

}  // namespace
}  // namespace levlab::ui
