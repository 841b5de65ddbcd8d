// The trade's life: planned, opened once, closed by exactly one exit.
#include "core/model/feeds/market_feed.h"
#include "core/model/plan/risk_model.h"
#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

#include <QSignalSpy>

namespace levlab::model {
namespace {

using Kind = PositionEvent::Kind;

MarketState state(double mark, double last, qint64 t)
{
    MarketState m;
    m.timeMs = t;
    m.mark = mark;
    m.last = last;
    m.index = mark;
    return m;
}

TEST(FirstExit, TheLevelReachedEarlierAlongTheMoveWins)
{
    ExitLevels l;
    l.side = engine::Side::Long;
    l.liquidation = 9000.0;
    l.stopLoss = 9500.0;
    l.takeProfit = 11000.0;
    // 10,000 → 8,900: the stop is reached 5/11 of the way, liquidation 10/11.
    EXPECT_EQ(firstExit(l, state(10000, 10000, 0), state(8900, 8900, 1)), Kind::StoppedOut);
    // A stop beyond liquidation (8,950 < 9,000): liquidation comes first.
    l.stopLoss = 8950.0;
    EXPECT_EQ(firstExit(l, state(10000, 10000, 0), state(8900, 8900, 1)), Kind::Liquidated);
    // A stop exactly at liquidation: a tie goes to liquidation.
    l.stopLoss = 9000.0;
    EXPECT_EQ(firstExit(l, state(10000, 10000, 0), state(8900, 8900, 1)), Kind::Liquidated);
    EXPECT_EQ(firstExit(l, state(10000, 10000, 0), state(11000, 11000, 1)), Kind::TookProfit);
    EXPECT_FALSE(firstExit(l, state(10000, 10000, 0), state(10999, 10999, 1)).has_value());
}

TEST(FirstExit, AWickOnLastFiresAStopOnLastButNeverLiquidation)
{
    ExitLevels l;
    l.side = engine::Side::Short;
    l.liquidation = 11000.0;
    l.stopLoss = 10500.0;
    const MarketState before = state(10000, 10000, 0);
    const MarketState wick = state(10010, 11200, 1);  // last spikes through both; the mark holds
    EXPECT_FALSE(firstExit(l, before, wick).has_value());
    l.trigger = TriggerPrice::Last;
    EXPECT_EQ(firstExit(l, before, wick), Kind::StoppedOut);
}

class TradeTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        // Binance BTCUSDT, first row 0.4%: 1 BTC at 10,000, 10× isolated, fee 0.05%.
        model.setMarket(state(10000, 10000, 1));
        PlanInputs in;
        in.size = 1.0;
        in.leverage = 10.0;
        in.wallet = 10000.0;
        in.stopLoss = 9800.0;
        in.takeProfit = 10400.0;
        in.feeRate = 0.0005;
        ASSERT_FALSE(model.setInputs(in).has_value());
    }

    void at(double mark, double last = 0.0) { model.setMarket(state(mark, last > 0 ? last : mark, ++t)); }

    TierLibrary tiers = TierLibrary::loadShipped();
    RiskModel model{tiers};
    qint64 t = 1;
};

TEST_F(TradeTest, PlanningAtMarketNeverTriggersAndTheStopKeepsItsDistance)
{
    QSignalSpy events(&model, &RiskModel::eventOccurred);
    at(9000.0);
    at(7000.0);
    EXPECT_EQ(events.count(), 0);
    EXPECT_EQ(model.tradeState(), TradeState::Planning);
    // 2% below and 4% above the entry, wherever the entry goes.
    EXPECT_DOUBLE_EQ(*model.inputs().stopLoss, 6860.0);
    EXPECT_DOUBLE_EQ(*model.inputs().takeProfit, 7280.0);
    EXPECT_DOUBLE_EQ(*model.snapshot().riskAtStop, 140.0);
}

TEST_F(TradeTest, OpenAtMarketThenTheStopFirstAndNothingAfter)
{
    ASSERT_FALSE(model.openAtMarket().has_value());
    EXPECT_EQ(model.tradeState(), TradeState::Open);
    EXPECT_FALSE(model.inputs().entryAtMarket);
    EXPECT_DOUBLE_EQ(model.inputs().entryPrice, 10000.0);
    at(9900.0);
    EXPECT_TRUE(model.events().empty());
    at(9750.0);
    ASSERT_EQ(model.events().size(), 1u);
    const PositionEvent e = model.events().front();
    EXPECT_EQ(e.kind, Kind::StoppedOut);
    EXPECT_DOUBLE_EQ(e.price, 9800.0);
    // −200 on the price, fees 0.05% × (10,000 + 9,800) = 9.90.
    EXPECT_NEAR(e.fees, 9.90, 1e-9);
    EXPECT_NEAR(e.result, -209.90, 1e-9);
    EXPECT_EQ(model.tradeState(), TradeState::Closed);
    // A closed trade is never liquidated (liquidation is near 9,036).
    at(8000.0);
    at(5000.0);
    EXPECT_EQ(model.events().size(), 1u);
    EXPECT_EQ(model.tradeLog().size(), 1u);
}

TEST_F(TradeTest, TargetFirst)
{
    ASSERT_FALSE(model.openAtMarket().has_value());
    at(10200.0);
    at(10450.0);
    ASSERT_EQ(model.events().size(), 1u);
    EXPECT_EQ(model.events().front().kind, Kind::TookProfit);
    EXPECT_DOUBLE_EQ(model.events().front().price, 10400.0);
    // +400, fees 0.05% × (10,000 + 10,400) = 10.20.
    EXPECT_NEAR(model.events().front().result, 389.80, 1e-9);
}

TEST_F(TradeTest, StopBeyondLiquidationLiquidatesOnlyAndRiskAtStopIsTheMargin)
{
    // 50×: margin 200, liquidation (200 − 10,000) / (0.004 − 1) = 9,839.36.
    ASSERT_FALSE(model.setLeverage(50.0).has_value());
    ASSERT_FALSE(model.setStopLoss(9700.0).has_value());
    EXPECT_NEAR(*model.snapshot().position.liquidationPrice, 9800.0 / 0.996, 1e-9);
    ASSERT_TRUE(model.snapshot().has(Warning::StopBeyondLiquidation));
    // 300 would be lost at the stop, but only the 200 of margin can be.
    EXPECT_DOUBLE_EQ(*model.snapshot().riskAtStop, 200.0);
    EXPECT_DOUBLE_EQ(*model.snapshot().riskAtStopOfWallet, 0.02);
    ASSERT_FALSE(model.openAtMarket().has_value());
    at(9600.0);
    at(9000.0);
    ASSERT_EQ(model.events().size(), 1u);
    EXPECT_EQ(model.events().front().kind, Kind::Liquidated);
    EXPECT_DOUBLE_EQ(model.events().front().result, -200.0);
}

TEST_F(TradeTest, AFixedEntryOpensWhenTheMarketReachesIt)
{
    ASSERT_FALSE(model.setEntryPrice(9900.0).has_value());
    at(9950.0);
    EXPECT_EQ(model.tradeState(), TradeState::Planning);
    at(9940.0, 9890.0);
    EXPECT_EQ(model.tradeState(), TradeState::Open);
    EXPECT_DOUBLE_EQ(model.snapshot().entry, 9900.0);
}

TEST_F(TradeTest, UntickingAtMarketFixesTheEntryAtTheMarkAndWaitsForATypedPrice)
{
    at(10050.0);
    ASSERT_FALSE(model.setEntryAtMarket(false).has_value());
    EXPECT_DOUBLE_EQ(model.inputs().entryPrice, 10050.0);
    EXPECT_FALSE(model.entryArmed());
    at(10000.0, 9990.0);  // a long's limit at 10,050 would fill here; it has no price yet
    EXPECT_EQ(model.tradeState(), TradeState::Planning);
    ASSERT_FALSE(model.setEntryPrice(9995.0).has_value());
    EXPECT_TRUE(model.entryArmed());
    at(9995.0, 9994.0);
    EXPECT_EQ(model.tradeState(), TradeState::Open);
}

TEST_F(TradeTest, WithTheStopBeyondLiquidationRewardIsWeighedAgainstTheMargin)
{
    // 50×: margin 200; target 10,400 gains 400 on 1 BTC: 2 : 1 against the margin, not 400 : 300.
    ASSERT_FALSE(model.setLeverage(50.0).has_value());
    ASSERT_FALSE(model.setStopLoss(9700.0).has_value());
    ASSERT_TRUE(model.snapshot().has(Warning::StopBeyondLiquidation));
    EXPECT_DOUBLE_EQ(*model.snapshot().rewardRisk, 2.0);
}

TEST_F(TradeTest, AWickTheMarkIgnoresLiquidatesNothingButAStopOnLastFires)
{
    ASSERT_FALSE(model.openAtMarket().has_value());
    at(10000.0, 8500.0);  // last far below liquidation (9,036) and the stop; the mark holds
    EXPECT_TRUE(model.events().empty());
    at(10000.0, 10000.0);
    ASSERT_FALSE(model.setExitTrigger(TriggerPrice::Last).has_value());
    at(10000.0, 9790.0);
    ASSERT_EQ(model.events().size(), 1u);
    EXPECT_EQ(model.events().front().kind, Kind::StoppedOut);
}

TEST_F(TradeTest, AnOpenTradeKeepsItsPositionAndPlanningAgainClearsTheChart)
{
    ASSERT_FALSE(model.openAtMarket().has_value());
    auto r = model.setEntryPrice(9000.0);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->field, QStringLiteral("entry"));
    // A stop may trail into profit while open, but not past the market.
    at(10300.0);
    EXPECT_FALSE(model.setStopLoss(10100.0).has_value());
    EXPECT_TRUE(model.setStopLoss(10350.0).has_value());
    ASSERT_FALSE(model.closeAtMarket().has_value());
    EXPECT_EQ(model.events().front().kind, Kind::ClosedByHand);
    model.planAgain();
    EXPECT_EQ(model.tradeState(), TradeState::Planning);
    EXPECT_TRUE(model.events().empty());
    EXPECT_TRUE(model.inputs().entryAtMarket) << "the plan as it was before opening";
}

TEST_F(TradeTest, AnEditAsAWholeKeepsTheTradeWhileSetInputsPlansAnew)
{
    ASSERT_FALSE(model.openAtMarket().has_value());
    PlanInputs moved = model.inputs();
    moved.stopLoss = 9850.0;
    ASSERT_FALSE(model.edit(moved).has_value());
    EXPECT_EQ(model.tradeState(), TradeState::Open);
    moved.size = 2.0;
    EXPECT_TRUE(model.edit(moved).has_value()) << "an open trade's size is fixed";
    ASSERT_FALSE(model.setInputs(moved).has_value());
    EXPECT_EQ(model.tradeState(), TradeState::Planning);
}

TEST_F(TradeTest, InputsWithAStopAtOrBelowZeroAreRefused)
{
    PlanInputs in = model.inputs();
    in.stopLoss = 0.0;
    EXPECT_EQ(model.setInputs(in)->message(), QStringLiteral("Stop-loss: must be a price greater than 0."));
    in.stopLoss = -5.0;
    EXPECT_TRUE(model.edit(in).has_value());
}

TEST_F(TradeTest, AnEditAfterTheExitPlansAgainFromThePlan)
{
    ASSERT_FALSE(model.openAtMarket().has_value());
    at(9700.0);
    ASSERT_EQ(model.tradeState(), TradeState::Closed);
    ASSERT_FALSE(model.setLeverage(5.0).has_value());
    EXPECT_EQ(model.tradeState(), TradeState::Planning);
    EXPECT_TRUE(model.inputs().entryAtMarket);
    EXPECT_DOUBLE_EQ(model.inputs().leverage, 5.0);
    EXPECT_TRUE(model.events().empty());
}

TEST_F(TradeTest, AnEntryEditThatLeavesTheTargetOnTheWrongSideIsRefused)
{
    ASSERT_FALSE(model.setSide(engine::Side::Short).has_value());  // stop 10,200, target 9,600
    const PlanInputs before = model.inputs();
    auto r = model.setEntryPrice(9500.0);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->message(), QStringLiteral("Entry: this would leave the take-profit (9,600.0) on the wrong side: a short's target "
                                           "must lie below the entry (9,500.0); move the take-profit first."));
    EXPECT_TRUE(model.inputs() == before);
}

TEST_F(TradeTest, ASizeInARowWithALowerMaximumBringsTheLeverageDown)
{
    ASSERT_FALSE(model.setWallet(100000.0).has_value());
    ASSERT_FALSE(model.setLeverage(100.0).has_value());
    QSignalSpy notices(&model, &RiskModel::notice);
    // 30 BTC at 10,000 = 300,000: the third row (250,000 to 1,000,000) allows 50×.
    ASSERT_FALSE(model.setSize(30.0).has_value());
    EXPECT_DOUBLE_EQ(model.inputs().leverage, 50.0);
    ASSERT_EQ(notices.count(), 1);
    EXPECT_TRUE(notices.front().front().toString().startsWith(QStringLiteral("Leverage lowered from 100× to 50×")));
}

TEST_F(TradeTest, TheLowestLeverageIsWhatTheWalletCarries)
{
    // 1 BTC at 10,000 on a 3,000 wallet: 10,000 / 3,000 = 3.33…, offered as 3.34×.
    ASSERT_FALSE(model.setWallet(3000.0).has_value());
    EXPECT_DOUBLE_EQ(model.snapshot().minLeverage, 3.34);
    EXPECT_FALSE(model.setLeverage(3.34).has_value());
    EXPECT_TRUE(model.setLeverage(3.3).has_value());
    ASSERT_FALSE(model.setWallet(20000.0).has_value());
    EXPECT_DOUBLE_EQ(model.snapshot().minLeverage, 1.0);
}

TEST_F(TradeTest, AnAtMarketNotionalThatGrowsIntoALowerRowLowersTheLeverage)
{
    // 30 BTC at 8,000 = 240,000 (row 2, up to 100×); at 9,000 it is 270,000 (row 3, 50×).
    at(8000.0);
    ASSERT_FALSE(model.setWallet(1000000.0).has_value());
    ASSERT_FALSE(model.setSize(30.0).has_value());
    ASSERT_FALSE(model.setLeverage(100.0).has_value());
    QSignalSpy notices(&model, &RiskModel::notice);
    at(9000.0);
    EXPECT_DOUBLE_EQ(model.inputs().leverage, 50.0);
    EXPECT_TRUE(model.snapshot().valid);
    EXPECT_EQ(notices.count(), 1);
}

TEST_F(TradeTest, VenueRoundTripsAreExact)
{
    ASSERT_FALSE(model.setSize(0.5).has_value());
    ASSERT_FALSE(model.setVenue(engine::Venue::Bitmex).has_value());
    EXPECT_DOUBLE_EQ(model.inputs().wallet, 1.0);
    EXPECT_DOUBLE_EQ(model.inputs().size, 5000.0);
    at(10006.21);
    ASSERT_FALSE(model.setVenue(engine::Venue::Binance).has_value());
    EXPECT_EQ(model.inputs().wallet, 10000.0);
    EXPECT_EQ(model.inputs().size, 0.5);
    for (int i = 0; i < 5; ++i) {
        ASSERT_FALSE(model.setVenue(engine::Venue::Bitmex).has_value());
        at(10000.0 + 3.7 * i);
        ASSERT_FALSE(model.setVenue(engine::Venue::Binance).has_value());
    }
    EXPECT_EQ(model.inputs().wallet, 10000.0);
    EXPECT_EQ(model.inputs().size, 0.5);
}

TEST_F(TradeTest, BybitOffersItsInverseContractAndTheSwitchConvertsExactly)
{
    ASSERT_FALSE(model.setVenue(engine::Venue::Bybit).has_value());
    EXPECT_TRUE(model.symbols(engine::Venue::Bybit).contains(QStringLiteral("BTCUSD")));
    ASSERT_FALSE(model.setSymbol(QStringLiteral("BTCUSD")).has_value());
    EXPECT_EQ(model.snapshot().contract, engine::ContractKind::Inverse);
    EXPECT_DOUBLE_EQ(model.inputs().wallet, 1.0);     // 10,000 USDT at 10,000
    EXPECT_DOUBLE_EQ(model.inputs().size, 10000.0);   // 1 BTC = 10,000 one-dollar contracts
    EXPECT_DOUBLE_EQ(model.snapshot().maxLeverage, 100.0);
    ASSERT_FALSE(model.setSymbol(QStringLiteral("BTCUSDT")).has_value());
    EXPECT_EQ(model.inputs().wallet, 10000.0);
    EXPECT_EQ(model.inputs().size, 1.0);
}

TEST_F(TradeTest, ASymbolSwitchMovesToThatMarketAndBackExactly)
{
    model.setMarketSource([](const QString& symbol) {
        return symbol.startsWith(QLatin1String("ETH")) ? state(500.0, 500.0, 1) : state(10000.0, 10000.0, 1);
    });
    ASSERT_FALSE(model.setSymbol(QStringLiteral("ETHUSDT")).has_value());
    EXPECT_DOUBLE_EQ(model.snapshot().entry, 500.0);
    EXPECT_DOUBLE_EQ(*model.inputs().stopLoss, 490.0);
    EXPECT_DOUBLE_EQ(*model.inputs().takeProfit, 520.0);
    ASSERT_FALSE(model.setSymbol(QStringLiteral("BTCUSDT")).has_value());
    EXPECT_EQ(*model.inputs().stopLoss, 9800.0);
    EXPECT_EQ(*model.inputs().takeProfit, 10400.0);
}

/// A seeded crash, played tick by tick: exactly one exit, and it is the one whose
/// level lies nearer the entry.
void playCrash(RiskModel& model, MarketFeed& feed)
{
    feed.setScenario(Scenario::Crash);
    for (int i = 0; i < 4 * 3600 && model.tradeState() != TradeState::Closed; ++i) {
        feed.advance(1);
        model.setMarket(feed.state());
    }
    for (int i = 0; i < 600; ++i) {  // and on: nothing more happens to a closed trade
        feed.advance(1);
        model.setMarket(feed.state());
    }
}

TEST_F(TradeTest, SeededCrashesCloseOnceWithTheNearerExit)
{
    for (std::uint64_t seed : {7u, 42u, 2024u}) {
        for (double leverage : {10.0, 60.0}) {
            MarketFeed feed(seed, 30000.0, 0);
            feed.generateHistory(60);
            RiskModel m(tiers);
            m.setMarket(feed.state());
            PlanInputs in;
            in.size = 0.1;
            in.leverage = leverage;
            in.stopLoss = m.snapToTick(feed.state().mark * 0.98);
            ASSERT_FALSE(m.setInputs(in).has_value());
            const bool stopFirst = !m.snapshot().has(Warning::StopBeyondLiquidation);
            ASSERT_FALSE(m.openAtMarket().has_value());
            const double stop = *m.inputs().stopLoss;
            playCrash(m, feed);
            ASSERT_EQ(m.events().size(), 1u) << seed;
            EXPECT_EQ(m.events().front().kind, stopFirst ? Kind::StoppedOut : Kind::Liquidated) << seed << " " << leverage;
            if (stopFirst)
                EXPECT_DOUBLE_EQ(m.events().front().price, stop);
            else
                EXPECT_DOUBLE_EQ(m.events().front().result, -m.snapshot().position.margin);
        }
    }
}

}  // namespace
}  // namespace levlab::model
