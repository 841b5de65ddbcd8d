#include "core/engine/stress/stress.h"

#include <gtest/gtest.h>

namespace levlab::engine {
namespace {

TEST(Stress, SeedTableAtHalfPercentMaintenance)
{
    // Reference text 004, exercise 1: 1,000 margin, long at 40,000, MMR 0.5%.
    struct Row {
        double leverage, notional, maintenance, absorbable, drop;
    };
    const Row expected[] = {{5, 5000, 25, 975, 0.195},
                            {10, 10000, 50, 950, 0.095},
                            {20, 20000, 100, 900, 0.045},
                            {50, 50000, 250, 750, 0.015},
                            {100, 100000, 500, 500, 0.005}};
    std::vector<Leverage> levs;
    for (const Row& r : expected)
        levs.emplace_back(r.leverage);
    auto rows = stressTable(Money(1000), Price(40000), Rate(0.005), levs);
    ASSERT_TRUE(rows.ok()) << rows.error().message();
    ASSERT_EQ(rows->size(), 5u);
    for (std::size_t i = 0; i < 5; ++i) {
        const StressRow& r = rows.value()[i];
        SCOPED_TRACE(expected[i].leverage);
        EXPECT_DOUBLE_EQ(r.notional.value(), expected[i].notional);
        EXPECT_DOUBLE_EQ(r.initialMargin.value(), 1000.0);
        EXPECT_DOUBLE_EQ(r.maintenanceMargin.value(), expected[i].maintenance);
        EXPECT_DOUBLE_EQ(r.absorbableLoss.value(), expected[i].absorbable);
        EXPECT_NEAR(r.dropToLiquidation.value(), expected[i].drop, 1e-15);
        EXPECT_NEAR(r.liquidationPrice.value(), 40000 * (1 - expected[i].drop), 1e-9);
    }
}

TEST(Stress, ShockGridMarksLiquidations)
{
    // 10x at MMR 0.5% survives a 9% fall (−90% of margin) and is liquidated by 10% (drop to liq 9.5%).
    auto g = shockGrid(Rate(0.005), {-0.09, -0.10, 0.05}, {Leverage(10), Leverage(20)});
    ASSERT_TRUE(g.ok()) << g.error().message();
    const auto& grid = g.value();
    EXPECT_FALSE(grid[0][0].liquidated);
    EXPECT_NEAR(grid[0][0].returnOnMargin, -0.9, 1e-12);
    EXPECT_TRUE(grid[0][1].liquidated);
    EXPECT_DOUBLE_EQ(grid[0][1].returnOnMargin, -1.0);
    EXPECT_TRUE(grid[1][0].liquidated);
    EXPECT_NEAR(grid[2][1].returnOnMargin, 1.0, 1e-12);
}

TEST(Stress, RefusesLeverageWhereMaintenanceTakesEverything)
{
    auto r = stressTable(Money(1000), Price(40000), Rate(0.005), {Leverage(10), Leverage(200)});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message(), "leverage[1]: at this leverage the maintenance margin takes the whole initial margin");
}

}  // namespace
}  // namespace levlab::engine
