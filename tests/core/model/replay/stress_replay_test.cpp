// A stress run's worst path as a replay: a seeded path drawn again as one-minute bars,
// and a plan moved to a history's entry, every level the same distance from it in %.
#include "core/model/replay/stress_replay.h"

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

PlanInputs tenThousand()
{
    PlanInputs in;
    in.entryAtMarket = false;
    in.entryPrice = 10000.0;
    in.size = 1.0;
    in.stopLoss = 9500.0;
    in.takeProfit.reset();
    in.ladder.targets = {{10500.0, 0.5}, {10800.0, 0.5}};
    in.ladder.stopMoves = {engine::StopMove{1, false, 9900.0}};
    in.ladder.trailing = engine::TrailingStop{200.0, true, 10400.0};
    in.ladder.topUps = {engine::TopUpRule{0.8, 500.0, 1, std::nullopt}};
    return in;
}

TEST(StressReplay, APlanMovedToAnEntryKeepsItsDistancesAndItsValue)
{
    // From 10,000 to 8,000: every level × 0.8; 1 BTC of 10,000 becomes 1.25 BTC.
    const PlanInputs out = inputsAtEntry(tenThousand(), 10000.0, 8000.0, engine::ContractKind::Linear);
    EXPECT_TRUE(out.entryAtMarket);
    EXPECT_DOUBLE_EQ(out.size, 1.25);
    EXPECT_DOUBLE_EQ(*out.stopLoss, 7600.0);
    EXPECT_DOUBLE_EQ(out.ladder.targets[0].price, 8400.0);
    EXPECT_DOUBLE_EQ(out.ladder.targets[1].price, 8640.0);
    EXPECT_EQ(out.ladder.targets[1].share, 0.5);
    EXPECT_DOUBLE_EQ(out.ladder.stopMoves[0].price, 7920.0);
    EXPECT_DOUBLE_EQ(out.ladder.trailing->distance, 160.0);
    EXPECT_DOUBLE_EQ(*out.ladder.trailing->activationPrice, 8320.0);
    EXPECT_EQ(out.ladder.topUps[0].amount, 500.0) << "money of a linear plan is unchanged";
    // An inverse plan keeps its contracts; its coin amounts keep their dollar value.
    const PlanInputs inv = inputsAtEntry(tenThousand(), 10000.0, 8000.0, engine::ContractKind::Inverse);
    EXPECT_EQ(inv.size, 1.0);
    EXPECT_DOUBLE_EQ(inv.wallet, 12500.0);
    EXPECT_DOUBLE_EQ(inv.ladder.topUps[0].amount, 625.0);
}

TEST(StressReplay, ASeededPathBecomesOneMinuteBarsOfItsLastPrice)
{
    engine::TradePlan plan;
    plan.position.side = engine::Side::Long;
    plan.position.quantity = 1.0;
    plan.position.entryPrice = 10000.0;
    engine::StressRunOptions o;
    o.seed = 7;
    const auto path = engine::stressPath(plan, o, 3);
    const PathReplay r = seededPathReplay(tenThousand(), plan, o, 3, 1704067200);
    EXPECT_EQ(r.name, QStringLiteral("Stress path 3 (seed %1)").arg(engine::market::pathSeed(7, 3)));
    ASSERT_EQ(r.bars.size(), 1440u);
    for (std::size_t k : {std::size_t{0}, std::size_t{700}, std::size_t{1439}}) {
        EXPECT_EQ(r.bars[k].time, 1704067200 + static_cast<std::int64_t>(k) * 60);
        EXPECT_EQ(r.bars[k].open, path[k].last);
        EXPECT_EQ(r.bars[k].close, path[k + 1].last);
        EXPECT_EQ(r.bars[k].high, std::max(path[k].last, path[k + 1].last));
        EXPECT_EQ(r.bars[k].low, std::min(path[k].last, path[k + 1].last));
    }
    EXPECT_EQ(r.bars[0].open, 10000.0) << "the path starts at the plan's entry";
    EXPECT_TRUE(r.inputs.entryAtMarket);
    EXPECT_EQ(r.inputs.ladder, tenThousand().ladder);
}

TEST(StressReplay, AHistoryEntryStartsAtItsBarWithThePlanMovedThere)
{
    engine::TradePlan plan;
    plan.position.entryPrice = 10000.0;
    const std::vector<engine::Bar> bars{{1583971200, 9000, 9100, 8900, 9050, 0, 0}, {1583974800, 9050, 9060, 8000, 8100, 0, 0}};
    const PathReplay r = historyEntryReplay(tenThousand(), plan, bars, 1);
    EXPECT_TRUE(r.bars.empty()) << "the loaded history itself";
    EXPECT_EQ(r.startSeconds, 1583974800);
    EXPECT_DOUBLE_EQ(*r.inputs.stopLoss, 9500.0 * 0.905);
}

}  // namespace
}  // namespace levlab::model
