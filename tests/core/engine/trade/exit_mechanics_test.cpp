#include "core/engine/account/account.h"
#include "core/engine/trade/bar_path.h"
#include "core/engine/trade/margin_rules.h"
#include "core/engine/trade/partial_close.h"
#include "core/engine/trade/trade_simulator.h"

#include "tests/core/engine/test_positions.h"

#include <gtest/gtest.h>

namespace {

using namespace levlab::engine;
using Kind = TradeStep::Kind;

std::vector<PathPoint> path(std::initializer_list<double> marks)
{
    std::vector<PathPoint> out;
    std::int64_t t = 0;
    for (double m : marks) {
        out.push_back({t, m, m});
        t += 60'000;
    }
    return out;
}

/// 1 BTC long at 10,000, 10× isolated, textbook MMR 1%, no fees: margin 1,000,
/// maintenance 100, liquidation 9,100.
TradePlan plainLong()
{
    TradePlan plan;
    plan.position = test::linear(Side::Long, 1.0, 10000.0, 10.0, 0.01);
    return plan;
}

// Break-even by hand, fee f = 0.05%, fees paid F, size q, entry 10,000:
// linear short (F = 5): 10,000 − P = 5 + f·P → P = 9,995 / 1.0005 = 9,990.00499750…
// inverse long (10,000 USD, F = 0.0005 coin): 1 − 10,000/P = 0.0005 + 5/P → P = 10,005 / 0.9995
// inverse short: 10,000/P − 1 = 0.0005 + 5/P → P = 9,995 / 1.0005.
TEST(BreakEven, LongShortLinearInverseWorkedByHand)
{
    EXPECT_DOUBLE_EQ(*breakEvenPrice(ContractKind::Linear, Side::Long, 0.5, 10000.0, 0.0005, 7.625), 5007.625 / 0.49975);
    EXPECT_NEAR(*breakEvenPrice(ContractKind::Linear, Side::Short, 1.0, 10000.0, 0.0005, 5.0), 9990.004997501249, 1e-9);
    EXPECT_NEAR(*breakEvenPrice(ContractKind::Inverse, Side::Long, 10000.0, 10000.0, 0.0005, 0.0005), 10010.005002501251, 1e-9);
    EXPECT_NEAR(*breakEvenPrice(ContractKind::Inverse, Side::Short, 10000.0, 10000.0, 0.0005, 0.0005), 9990.004997501249, 1e-9);
    EXPECT_DOUBLE_EQ(*breakEvenPrice(ContractKind::Linear, Side::Long, 1.0, 10000.0, 0.0, 0.0), 10000.0);
    // An exit there pays back exactly the fees: inverse long, PnL − fee to close = F.
    const double p = *breakEvenPrice(ContractKind::Inverse, Side::Long, 10000.0, 10000.0, 0.0005, 0.0005);
    EXPECT_NEAR(profitAndLoss(ContractKind::Inverse, Side::Long, 10000.0, 10000.0, p) - 0.0005 * 10000.0 / p, 0.0005, 1e-15);
}

// Top-up at margin ratio 50%, add 500, at most twice, at most 800 in all. Maintenance is
// 100 (1% of the value at entry), so the ratio reaches 50% where margin + PnL = 200:
// 1,000 + (P − 10,000) = 200 → 9,200. Adding 500 moves liquidation by 500 / 1 BTC from
// 9,100 to 8,600; the next trigger is 1,500 + (P − 10,000) = 200 → 8,700; the second adds
// only 300 (800 in all), liquidation 10,000 − (1,800 − 100) = 8,300.
TEST(MarginRules, TopUpMovesLiquidationByTheAmountOverTheSize)
{
    TradePlan plan = plainLong();
    plan.exits.topUps = {TopUpRule{0.5, 500.0, 2, 800.0}};
    auto h = openHolding(plan);
    ASSERT_TRUE(h.ok());
    EXPECT_DOUBLE_EQ(*priceAtMarginRatio(h.value(), 10000.0, 0.5), 9200.0);
    EXPECT_DOUBLE_EQ(*liquidationPriceOf(h.value(), 10000.0), 9100.0);
    const auto ladder = marginLadder(h.value(), 10000.0, plan.exits);
    ASSERT_EQ(ladder.size(), 2u);
    EXPECT_DOUBLE_EQ(ladder[0].triggerPrice, 9200.0);
    EXPECT_DOUBLE_EQ(ladder[0].amount, 500.0);
    EXPECT_DOUBLE_EQ(*ladder[0].liquidationAfter, 8600.0);
    EXPECT_DOUBLE_EQ(ladder[1].triggerPrice, 8700.0);
    EXPECT_DOUBLE_EQ(ladder[1].amount, 300.0);
    EXPECT_DOUBLE_EQ(*ladder[1].liquidationAfter, 8300.0);

    // The same on a path down to 8,000: two top-ups, then liquidation at 8,300 takes 1,800.
    const auto run = simulateTrade(plan, path({10000, 8000}));
    ASSERT_TRUE(run.ok());
    ASSERT_EQ(run->steps.size(), 3u);
    EXPECT_EQ(run->steps[0].kind, Kind::TopUp);
    EXPECT_DOUBLE_EQ(run->steps[0].price, 9200.0);
    EXPECT_DOUBLE_EQ(run->steps[1].price, 8700.0);
    EXPECT_DOUBLE_EQ(run->steps[1].added, 300.0);
    EXPECT_EQ(run->steps[2].kind, Kind::Liquidation);
    EXPECT_DOUBLE_EQ(run->steps[2].price, 8300.0);
    EXPECT_DOUBLE_EQ(run->result, -1800.0);
}

// The trigger is where evaluate's own margin ratio reads the rule's level, on every venue.
TEST(MarginRules, TriggerIsWhereEvaluatesMarginRatioReachesTheLevel)
{
    for (Venue venue : {Venue::Textbook, Venue::Binance, Venue::Bybit, Venue::Okx, Venue::Gate, Venue::Hyperliquid}) {
        TradePlan plan = plainLong();
        plan.venue = venue;
        plan.position.feeRate = 0.0005;
        plan.position.maxLeverage = 50.0;
        auto h = openHolding(plan);
        ASSERT_TRUE(h.ok());
        const auto p = priceAtMarginRatio(h.value(), 10000.0, 0.4);
        ASSERT_TRUE(p.has_value());
        PositionInput at = plan.position;
        at.markPrice = *p;
        auto e = evaluateOpenPosition(venue, at);
        ASSERT_TRUE(e.ok());
        EXPECT_NEAR(e->marginRatio, 0.4, 1e-9) << venueName(venue);
    }
}

// Deleverage at ratio 50%: at 9,200 half the position closes (−400); the other half keeps
// the 1,000 margin: maintenance 50, liquidation 10,000 − 950 / 0.5 = 8,100.
TEST(MarginRules, DeleverageClosesAShareAtItsTrigger)
{
    TradePlan plan = plainLong();
    plan.exits.deleverages = {DeleverageRule{0.5, 0.5, 1}};
    const auto run = simulateTrade(plan, path({10000, 9000, 9500}));
    ASSERT_TRUE(run.ok());
    ASSERT_EQ(run->steps.size(), 2u);
    EXPECT_EQ(run->steps[0].kind, Kind::Deleverage);
    EXPECT_DOUBLE_EQ(run->steps[0].price, 9200.0);
    EXPECT_DOUBLE_EQ(run->steps[0].quantityClosed, 0.5);
    EXPECT_DOUBLE_EQ(run->steps[0].result, -400.0);
    EXPECT_DOUBLE_EQ(*run->steps[0].liquidationAfter, 8100.0);
    EXPECT_EQ(run->steps[1].kind, Kind::EndOfPath);
    EXPECT_DOUBLE_EQ(run->steps[1].result, -250.0);  // 0.5 × (9,500 − 10,000)
    EXPECT_EQ(run->outcome, TradeOutcome::OpenAtEnd);
}

// Trailing 2% on 10,000 → 10,500 → 10,300 → 10,800 → 10,500: after 10,500 the stop sits at
// 10,290 (10,300 stays above it); after 10,800 at 10,584, which the fall to 10,500 reaches
// (10,800 − 10,584) / 300 = 0.72 of the way: exit 10,584, result 584.
TEST(TrailingStop, FollowsTheBestPriceAndExitsOnTheWayDown)
{
    TradePlan plan = plainLong();
    plan.exits.trailing = TrailingStop{0.02, false, std::nullopt};
    const auto run = simulateTrade(plan, path({10000, 10500, 10300, 10800, 10500}));
    ASSERT_TRUE(run.ok());
    ASSERT_EQ(run->steps.size(), 1u);
    EXPECT_EQ(run->steps[0].kind, Kind::TrailingStop);
    EXPECT_NEAR(run->steps[0].price, 10584.0, 1e-9);
    EXPECT_NEAR(run->result, 584.0, 1e-9);
    EXPECT_EQ(run->steps[0].timeMs, 180'000 + 43'200);
    EXPECT_EQ(run->outcome, TradeOutcome::Trailing);
}

// In price, 300 behind, active only from 10,400: 10,300 does not arm it; 10,800 does and
// sets 10,500, which 10,400 reaches. A short trails above: best 9,500 → stop 9,800.
TEST(TrailingStop, DistanceInPriceWithActivationAndShort)
{
    TradePlan plan = plainLong();
    plan.exits.trailing = TrailingStop{300.0, true, 10400.0};
    auto run = simulateTrade(plan, path({10000, 10300, 10050, 10800, 10400}));
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->outcome, TradeOutcome::Trailing);
    EXPECT_DOUBLE_EQ(run->steps[0].price, 10500.0);

    plan.position.side = Side::Short;
    plan.exits.trailing = TrailingStop{300.0, true, std::nullopt};
    run = simulateTrade(plan, path({10000, 9500, 9900}));
    ASSERT_TRUE(run.ok());
    EXPECT_DOUBLE_EQ(run->steps[0].price, 9800.0);
    EXPECT_DOUBLE_EQ(run->result, 200.0);
}

// Cross: the wallet backs the position and takes each realised result. Wallet 2,000,
// 1 BTC long at 10,000, MMR 1%: liquidation 10,000 − (2,000 − 100) = 8,100. Half closed at
// 10,500 (no fees) puts 250 in the wallet: 10,000 − (2,250 − 50) / 0.5 = 5,600.
TEST(PartialClose, CrossWalletTakesTheRealisedResult)
{
    TradePlan plan = plainLong();
    plan.position.mode = MarginMode::Cross;
    plan.wallet = 2000.0;
    auto h = openHolding(plan);
    ASSERT_TRUE(h.ok()) << h.error().message();
    EXPECT_DOUBLE_EQ(*liquidationPriceOf(h.value(), 10000.0), 8100.0);
    const PartialClose c = closePart(h.value(), 0.5, 10500.0);
    EXPECT_DOUBLE_EQ(c.result, 250.0);
    EXPECT_DOUBLE_EQ(c.after.wallet, 2250.0);
    EXPECT_DOUBLE_EQ(*c.liquidationAfter, 5600.0);
}

// A bar is walked open → the nearer extreme → the other → close. 10,000 / 10,600 / 9,950 /
// 10,100: the low is nearer, so 9,950 comes first; a 2% trailing stop (best 10,600 → 10,388)
// is then reached on the way to the close: exit 10,388 at the bar's third quarter.
TEST(BarPath, NearerExtremeFirstAndTheStopOnTheWayToTheClose)
{
    const Bar bars[]{{0, 10000, 10600, 9950, 10100, std::nullopt}};
    const auto path = barPath(bars);
    ASSERT_EQ(path.size(), 4u);
    EXPECT_DOUBLE_EQ(path[1].last, 9950.0);
    EXPECT_DOUBLE_EQ(path[2].last, 10600.0);
    EXPECT_EQ(path[3].timeMs, 45'000);
    TradePlan plan = plainLong();
    plan.exits.trailing = TrailingStop{0.02, false, std::nullopt};
    const auto run = simulateTrade(plan, path);
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->outcome, TradeOutcome::Trailing);
    EXPECT_NEAR(run->steps[0].price, 10388.0, 1e-9);
    EXPECT_EQ(run->steps[0].timeMs, 30'000 + 15'000 * 212 / 500);  // (10,600 − 10,388) / 500 of the last quarter
}

}  // namespace
