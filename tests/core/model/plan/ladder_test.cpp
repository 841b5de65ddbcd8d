// The plan's exit ladder and margin rules through the model: the preview before the
// trade, and an open trade walked through partial exits, a stop moved to break-even
// and its last exit, every step in the trade log.
//
// The issue's 3-step ladder, worked by hand on Binance BTCUSDT (first row: maintenance
// 0.4%, no deduction), taker fee 0.05%: 1 BTC long at 10,000, 10× isolated (margin
// 1,000; the fee to open, 5, is shared out by the part closed), stop 9,500, take 50%
// at 10,500, 30% at 10,800, the rest at 11,200, stop to break-even after the first.
//   TP1: 0.5 × 500 = 250 − fee 0.0005 × 5,250 = 2.625 − open share 2.5  = 244.875;
//        liquidation (10,000 − 1,000/0.5)/(1 − 0.004) = 8,032.1285…
//   break-even: (0.5 × 10,000 + fees paid 5 + 2.625)/(0.5 × (1 − 0.0005)) = 10,020.2601…
//   TP2: 0.3 × 800 = 240 − 1.62 − 1.5 = 236.88; liquidation (10,000 − 1,000/0.2)/0.996 = 5,020.0803…
//   TP3: 0.2 × 1,200 = 240 − 1.12 − 1.0 = 237.88; nothing left.
//   Reward 719.635; risk at the stop 500 + 4.75 + 5 = 509.75; blended 719.635/509.75 = 1.41174…
#include "core/model/plan/messages.h"
#include "core/model/plan/risk_model.h"
#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

#include <QSignalSpy>

namespace levlab::model {
namespace {

using Step = engine::TradeStep::Kind;

constexpr double kBreakEven = 5007.625 / 0.49975;
constexpr double kLiqAfterFirst = 8000.0 / 0.996;
constexpr double kLiqAfterSecond = 5000.0 / 0.996;

ExitLadder issueLadder()
{
    ExitLadder l;
    l.targets = {{10500.0, 0.5}, {10800.0, 0.3}, {11200.0, 0.2}};
    l.stopMoves = {engine::StopMove{1, true, 0.0}};
    return l;
}

class LadderTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        at(10000.0);
        PlanInputs in;
        in.size = 1.0;
        in.leverage = 10.0;
        in.wallet = 10000.0;
        in.stopLoss = 9500.0;
        in.feeRate = 0.0005;
        ASSERT_FALSE(model.setInputs(in).has_value());
    }

    void at(double mark)
    {
        MarketState m;
        m.timeMs = ++t * 1000;
        m.mark = m.last = m.index = mark;
        model.setMarket(m);
    }

    TierLibrary tiers = TierLibrary::loadShipped();
    RiskModel model{tiers};
    qint64 t = 0;
};

TEST_F(LadderTest, ThePreviewHasEachRungsResultTheLiquidationAfterItAndTheBlendedRewardRisk)
{
    ASSERT_FALSE(model.setExitLadder(issueLadder()).has_value());
    ASSERT_TRUE(model.snapshot().ladder.has_value());
    const engine::LadderPreview& p = *model.snapshot().ladder;
    ASSERT_EQ(p.targetSteps.size(), 4u);
    EXPECT_EQ(p.targetSteps[0].kind, Step::TakeProfit);
    EXPECT_NEAR(p.targetSteps[0].result, 244.875, 1e-9);
    EXPECT_NEAR(*p.targetSteps[0].liquidationAfter, kLiqAfterFirst, 1e-6);
    EXPECT_EQ(p.targetSteps[1].kind, Step::StopMoved);
    EXPECT_NEAR(p.targetSteps[1].price, kBreakEven, 1e-6);
    EXPECT_NEAR(p.targetSteps[2].result, 236.88, 1e-9);
    EXPECT_NEAR(*p.targetSteps[2].liquidationAfter, kLiqAfterSecond, 1e-6);
    EXPECT_NEAR(p.targetSteps[3].result, 237.88, 1e-9);
    EXPECT_FALSE(p.targetSteps[3].liquidationAfter.has_value());
    EXPECT_NEAR(p.reward, 719.635, 1e-9);
    EXPECT_NEAR(p.risk, 509.75, 1e-9);
    EXPECT_NEAR(*p.rewardRisk, 719.635 / 509.75, 1e-12);
}

TEST_F(LadderTest, AnOpenTradeRunsThroughTwoTakeProfitsAndExitsAtBreakEven)
{
    ASSERT_FALSE(model.setExitLadder(issueLadder()).has_value());
    QSignalSpy exits(&model, &RiskModel::eventOccurred);
    ASSERT_FALSE(model.openAtMarket().has_value());
    at(10600.0);  // through 10,500
    ASSERT_EQ(model.tradeState(), TradeState::Open);
    ASSERT_EQ(model.events().size(), 1u);
    EXPECT_EQ(model.events()[0].kind, PositionEvent::Kind::TookProfit);
    EXPECT_NEAR(model.events()[0].result, 244.875, 1e-9);
    EXPECT_DOUBLE_EQ(*model.snapshot().quantityLeft, 0.5);
    EXPECT_NEAR(*model.snapshot().stopNow, kBreakEven, 1e-6);
    EXPECT_NEAR(*model.snapshot().position.liquidationPrice, kLiqAfterFirst, 1e-6);
    // 0.5 open at 10,600: 244.875 + 0.5 × 600 − 0.0005 × 5,300 − 2.5 = 539.725.
    EXPECT_NEAR(model.openResult(), 539.725, 1e-9);
    at(10900.0);  // through 10,800
    EXPECT_NEAR(*model.snapshot().position.liquidationPrice, kLiqAfterSecond, 1e-6);
    at(10000.0);  // back through the break-even stop
    EXPECT_EQ(model.tradeState(), TradeState::Closed);
    EXPECT_EQ(exits.count(), 1);
    ASSERT_EQ(model.tradeLog().size(), 1u);
    const ClosedTrade& trade = model.tradeLog().back();
    ASSERT_EQ(trade.steps.size(), 4u);
    EXPECT_EQ(trade.steps[0].kind, Step::TakeProfit);
    // Each price moves in a straight line between ticks: 10,500 is 5/6 of the way from
    // 10,000 (1 s) to 10,600 (2 s); the break-even 879.74/900 of the way from 10,900 (3 s) to 10,000 (4 s).
    EXPECT_EQ(trade.steps[0].timeMs, 1833);
    EXPECT_EQ(trade.steps[1].kind, Step::StopMoved);
    EXPECT_EQ(trade.steps[2].kind, Step::TakeProfit);
    EXPECT_DOUBLE_EQ(trade.steps[2].quantityClosed, 0.3);
    EXPECT_NEAR(trade.steps[2].result, 236.88, 1e-9);
    EXPECT_EQ(trade.steps[3].kind, Step::BreakEvenStop);
    EXPECT_EQ(trade.steps[3].timeMs, 3977);
    EXPECT_NEAR(trade.steps[3].price, kBreakEven, 1e-6);
    EXPECT_NEAR(trade.steps[3].quantityClosed, 0.2, 1e-12);
    // 0.2 × 20.2601… − 0.0005 × 0.2 × 10,020.2601… − 1.0 = 2.05.
    EXPECT_NEAR(trade.steps[3].result, 2.05, 1e-9);
    EXPECT_NEAR(trade.exit.result, 244.875 + 236.88 + 2.05, 1e-9);
    EXPECT_EQ(trade.exit.kind, PositionEvent::Kind::StoppedOut);
    EXPECT_EQ(model.events().size(), 3u);  // two partial take-profits and the last exit
    EXPECT_EQ(model.tradeSteps().size(), 4u);
}

TEST_F(LadderTest, APlanWithoutALadderKeepsItsOneExit)
{
    ASSERT_FALSE(model.setTakeProfit(10500.0).has_value());
    ASSERT_FALSE(model.openAtMarket().has_value());
    at(10600.0);
    EXPECT_EQ(model.tradeState(), TradeState::Closed);
    ASSERT_EQ(model.events().size(), 1u);
    // 1 × 500 − 0.0005 × (10,000 + 10,500) = 489.75.
    EXPECT_NEAR(model.events()[0].result, 489.75, 1e-9);
    EXPECT_TRUE(model.tradeLog().back().steps.empty());
}

TEST_F(LadderTest, ATopUpRuleShowsWhereItTriggersAndTheLiquidationAfter)
{
    // Margin ratio 0.004·P / (1,000 + P − 10,000) = 0.8 at P = 7,200/0.796 = 9,045.2261…;
    // 500 added: liquidation (10,000 − 1,500)/0.996 = 8,534.1365…
    ExitLadder l;
    l.topUps = {engine::TopUpRule{0.8, 500.0, 1, std::nullopt}};
    ASSERT_FALSE(model.setExitLadder(l).has_value());
    const auto& steps = model.snapshot().ladder->marginSteps;
    ASSERT_EQ(steps.size(), 1u);
    EXPECT_NEAR(steps[0].triggerPrice, 7200.0 / 0.796, 1e-6);
    EXPECT_NEAR(*steps[0].liquidationAfter, 8500.0 / 0.996, 1e-6);
}

TEST_F(LadderTest, RefusalsNameTheRowInPercentAndChangeNothing)
{
    ExitLadder l = issueLadder();
    l.targets[1].share = 0.0;
    auto r = model.setExitLadder(l);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->message(), QStringLiteral("Take-profit 2, share: must be more than 0% and at most 100%."));
    l = issueLadder();
    l.targets[0].price = 9900.0;
    r = model.setExitLadder(l);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->message(), QStringLiteral("Take-profit 1: a long's take-profit must lie above the entry (10,000)."));
    l = issueLadder();
    l.targets[2].share = 0.5;
    r = model.setExitLadder(l);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->message(), QStringLiteral("Take-profit 3, share: brings the shares to 130%: together they may close at most 100%."));
    EXPECT_TRUE(model.inputs().ladder.empty());
    EXPECT_FALSE(model.snapshot().ladder.has_value());
}

TEST_F(LadderTest, TheLadderHoldsTheTakeProfitsAndAStopAcrossARungIsRefused)
{
    ASSERT_FALSE(model.setTakeProfit(11000.0).has_value());
    ASSERT_FALSE(model.setExitLadder(issueLadder()).has_value());
    EXPECT_FALSE(model.inputs().takeProfit.has_value());
    auto r = model.setTakeProfit(11500.0);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->message(), QStringLiteral("Take-profit: the exit ladder holds this plan's take-profits; change them under Exits."));
}

TEST_F(LadderTest, EditsAreOneUndoStepAndAnOpenLadderIsFixed)
{
    std::vector<PlanInputs> edits;
    QObject::connect(&model, &RiskModel::edited, [&](const PlanInputs&, const PlanInputs& after) { edits.push_back(after); });
    const PlanInputs before = model.inputs();
    ASSERT_FALSE(model.setExitLadder(issueLadder()).has_value());
    ASSERT_EQ(edits.size(), 1u);
    EXPECT_EQ(edits[0].ladder, issueLadder());
    ASSERT_FALSE(model.edit(before).has_value());  // undo
    EXPECT_TRUE(model.inputs().ladder.empty());
    ASSERT_FALSE(model.setExitLadder(issueLadder()).has_value());
    ASSERT_FALSE(model.openAtMarket().has_value());
    auto r = model.setStopLoss(9600.0);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->message(), QStringLiteral("Stop-loss: the trade is open with its exit plan; its exits run as planned — close it, "
                                           "or plan again, to change them."));
}

TEST_F(LadderTest, PlanningAtMarketTheRungsKeepTheirDistanceAndASideSwitchMirrorsThem)
{
    ASSERT_FALSE(model.setExitLadder(issueLadder()).has_value());
    at(20000.0);
    EXPECT_DOUBLE_EQ(model.inputs().ladder.targets[0].price, 21000.0);
    EXPECT_DOUBLE_EQ(model.inputs().ladder.targets[2].price, 22400.0);
    ASSERT_FALSE(model.setSide(engine::Side::Short).has_value());
    EXPECT_DOUBLE_EQ(model.inputs().ladder.targets[0].price, 19000.0);
    EXPECT_DOUBLE_EQ(model.inputs().ladder.targets[1].price, 18400.0);
}

}  // namespace
}  // namespace levlab::model
