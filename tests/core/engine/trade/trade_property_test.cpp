#include "core/engine/stress/plan_stress.h"
#include "core/engine/trade/trade_simulator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace {

using namespace levlab::engine;

/// A random but valid plan: any venue, linear or inverse, long or short, up to five
/// rungs, any mix of stop, break-even, trailing stop, top-ups and deleveraging.
TradePlan randomPlan(std::mt19937_64& rng)
{
    std::uniform_real_distribution<double> u(0.0, 1.0);
    TradePlan plan;
    plan.venue = kAllVenues[rng() % kAllVenues.size()];
    PositionInput& p = plan.position;
    p.contract.kind = u(rng) < 0.3 ? ContractKind::Inverse : ContractKind::Linear;
    p.side = u(rng) < 0.5 ? Side::Long : Side::Short;
    p.entryPrice = 100.0 + 50000.0 * u(rng);
    p.quantity = p.contract.kind == ContractKind::Inverse ? 100.0 + 100000.0 * u(rng) : 0.01 + 5.0 * u(rng);
    p.leverage = 2.0 + 40.0 * u(rng);
    p.mmRate = 0.004 + 0.006 * u(rng);
    p.feeRate = 0.001 * u(rng);
    p.fundingRate = 0.0002 * (u(rng) - 0.5);
    const double s = sign(p.side);
    ExitPlan& x = plan.exits;
    const std::size_t n = rng() % 6;
    double share = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double left = 1.0 - share;
        const double sh = i + 1 == n && u(rng) < 0.7 ? left : left * (0.1 + 0.8 * u(rng));
        share += sh;
        x.targets.push_back({p.entryPrice * (1.0 + s * 0.004 * static_cast<double>(i + 1) * (1.0 + u(rng))), sh});
    }
    if (u(rng) < 0.8)
        x.stopLoss = p.entryPrice * (1.0 - s * (0.002 + 0.03 * u(rng)));
    if (n > 0 && u(rng) < 0.6)
        x.stopMoves.push_back({static_cast<int>(rng() % n) + 1, true, 0.0});
    if (u(rng) < 0.4)
        x.trailing = TrailingStop{0.002 + 0.02 * u(rng), false, std::nullopt};
    if (u(rng) < 0.4)
        x.topUps.push_back({0.3 + 0.6 * u(rng), 0.3 * positionValue(p.contract.kind, p.quantity, p.entryPrice) / *p.leverage,
                            1 + static_cast<int>(rng() % 3), std::nullopt});  // 30% of the initial margin
    if (u(rng) < 0.4)
        x.deleverages.push_back({0.3 + 0.6 * u(rng), 0.2 + 0.8 * u(rng), 1 + static_cast<int>(rng() % 2)});
    x.trigger = u(rng) < 0.5 ? ExitTrigger::Mark : ExitTrigger::Last;
    return plan;
}

// Over thousands of random plans and paths: every figure is finite, the steps add up to the
// result, the size only falls and ends at zero, and every liquidation price is a price.
TEST(TradeProperty, RandomPlansOnRandomPathsKeepTheirBooks)
{
    std::mt19937_64 rng(2024);
    int simulated = 0;
    for (int i = 0; i < 3000; ++i) {
        const TradePlan plan = randomPlan(rng);
        StressRunOptions o;
        o.steps = 400;
        o.regime = static_cast<market::Regime>(rng() % 3);
        o.seed = rng();
        const auto run = simulateTrade(plan, stressPath(plan, o, 0));
        if (!run.ok())
            continue;  // a plan evaluate refuses (liquidated on opening, a leverage above the row)
        ++simulated;
        ASSERT_TRUE(std::isfinite(run->result)) << "plan " << i;
        double sum = 0.0;
        double left = plan.position.quantity;
        for (const TradeStep& s : run->steps) {
            ASSERT_TRUE(std::isfinite(s.result) && std::isfinite(s.price) && s.price > 0.0) << "plan " << i;
            ASSERT_LE(s.quantityLeft, left + 1e-12) << "plan " << i;
            if (s.liquidationAfter) {
                ASSERT_TRUE(std::isfinite(*s.liquidationAfter) && *s.liquidationAfter > 0.0) << "plan " << i;
            }
            left = s.quantityLeft;
            sum += s.result;
        }
        EXPECT_NEAR(sum, run->result, 1e-9 * std::max(1.0, std::abs(run->result))) << "plan " << i;
        EXPECT_EQ(left, 0.0) << "plan " << i;
    }
    EXPECT_GT(simulated, 2000);
}

}  // namespace
