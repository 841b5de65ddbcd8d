#include "core/model/plan/risk_model.h"
#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

#include <QSignalSpy>

namespace levlab::model {
namespace {

class RiskModelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        // Textbook-like numbers on Binance BTCUSDT (row 1: 0.4%, 125x) at a 10,000 mark.
        MarketState m;
        m.timeMs = 1;
        m.mark = m.last = m.index = 10000.0;
        model.setMarket(m);
        ASSERT_FALSE(model.setSize(1.0).has_value());
        ASSERT_FALSE(model.setLeverage(10.0).has_value());
    }

    MarketState at(double mark, qint64 t) const
    {
        MarketState m = model.market();
        m.mark = mark;
        m.last = mark;
        m.timeMs = t;
        return m;
    }

    TierLibrary tiers = TierLibrary::loadShipped();
    RiskModel model{tiers};
};

TEST_F(RiskModelTest, SnapshotMatchesTheEngine)
{
    const RiskSnapshot& s = model.snapshot();
    ASSERT_TRUE(s.valid) << s.problem.toStdString();
    EXPECT_DOUBLE_EQ(s.entry, 10000.0);
    EXPECT_DOUBLE_EQ(s.notional, 10000.0);
    EXPECT_DOUBLE_EQ(s.position.initialMargin, 1000.0);
    // Binance isolated: (1,000 − 10,000) / (0.004 − 1).
    EXPECT_NEAR(*s.position.liquidationPrice, 9000.0 / 0.996, 1e-9);
    EXPECT_DOUBLE_EQ(s.maxLeverage, 125.0);
}

TEST_F(RiskModelTest, OneSignalPerAcceptedChangeAndNoneForAnEqualValue)
{
    QSignalSpy spy(&model, &RiskModel::changed);
    EXPECT_FALSE(model.setLeverage(20.0).has_value());
    EXPECT_EQ(spy.count(), 1);
    EXPECT_FALSE(model.setLeverage(20.0).has_value());
    EXPECT_EQ(spy.count(), 1) << "an equal value neither recomputes nor signals";
    EXPECT_FALSE(model.setMarginMode(engine::MarginMode::Cross).has_value());
    EXPECT_EQ(spy.count(), 2);
}

TEST_F(RiskModelTest, NewInputsLeaveAnOpenTradeWithOneSignal)
{
    ASSERT_FALSE(model.openAtMarket().has_value());
    QSignalSpy spy(&model, &RiskModel::changed);
    QSignalSpy state(&model, &RiskModel::tradeStateChanged);
    PlanInputs next = model.inputs();
    next.entryAtMarket = true;
    next.leverage = 5.0;
    EXPECT_FALSE(model.setInputs(next).has_value());
    EXPECT_EQ(model.tradeState(), TradeState::Planning);
    EXPECT_EQ(spy.count(), 1) << "replacing every input is one change";
    EXPECT_EQ(state.count(), 1);
}

TEST_F(RiskModelTest, LoadPutsBackAnOpenTradeAtOnceOrChangesNothing)
{
    QSignalSpy spy(&model, &RiskModel::changed);
    PlanInputs in = model.inputs();
    in.entryAtMarket = false;
    in.entryPrice = 9800.0;
    in.stopLoss = 9500.0;
    TradeLife life;
    life.state = TradeState::Open;
    life.planned = model.inputs();
    life.openedMs = 1;
    // A long's stop above the market it watches (10,000) is refused, naming the stop.
    PlanInputs wrong = in;
    wrong.stopLoss = 10100.0;
    auto r = model.load(wrong, life, at(10000.0, 2));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->message(), QStringLiteral("Stop-loss: a long's stop must lie below the market (10,000.0)."));
    EXPECT_EQ(spy.count(), 0);
    EXPECT_EQ(model.tradeState(), TradeState::Planning);

    EXPECT_FALSE(model.load(in, life, at(10000.0, 2)).has_value());
    EXPECT_EQ(spy.count(), 1);
    EXPECT_EQ(model.tradeState(), TradeState::Open);
    EXPECT_EQ(model.tradeLife(), life);
    // 1 BTC bought at 9,800, marked at 10,000.
    EXPECT_DOUBLE_EQ(model.snapshot().position.unrealizedPnl, 200.0);
    model.setMarket(at(9400.0, 3));
    EXPECT_EQ(model.tradeState(), TradeState::Closed) << "the loaded stop is watched";
}

TEST_F(RiskModelTest, RefusalNamesTheFieldAndKeepsState)
{
    QSignalSpy spy(&model, &RiskModel::changed);
    const PlanInputs before = model.inputs();
    const double liq = *model.snapshot().position.liquidationPrice;

    auto r = model.setLeverage(0.5);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->message(), QStringLiteral("Leverage: must be at least 1×."));

    // 30 BTC at 10,000 is 300,000: the third row caps leverage at 50x.
    ASSERT_FALSE(model.setWallet(100000.0).has_value());
    spy.clear();
    ASSERT_FALSE(model.setSize(30.0).has_value());
    r = model.setLeverage(75.0);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->field, QStringLiteral("leverage"));
    EXPECT_EQ(r->reason, QStringLiteral("75x is above the 50x maximum of risk-limit row 3 (notional 250,000 to 1,000,000)"));
    EXPECT_DOUBLE_EQ(model.inputs().leverage, 10.0);
    EXPECT_EQ(spy.count(), 1) << "only the accepted size change signalled";

    ASSERT_FALSE(model.setSize(1.0).has_value());
    ASSERT_FALSE(model.setWallet(10000.0).has_value());
    EXPECT_TRUE(model.inputs() == before);
    EXPECT_DOUBLE_EQ(*model.snapshot().position.liquidationPrice, liq);

    EXPECT_EQ(model.setStopLoss(10500.0)->message(), QStringLiteral("Stop-loss: a long's stop must lie below the entry (10,000.0)."));
    EXPECT_EQ(model.setTakeProfit(9000.0)->message(), QStringLiteral("Take-profit: a long's target must lie above the entry (10,000.0)."));
    EXPECT_EQ(model.setWallet(-1)->message(), QStringLiteral("Wallet: must be greater than 0."));
    EXPECT_EQ(model.setSymbol(QStringLiteral("DOGEUSDT"))->message(), QStringLiteral("Symbol: DOGEUSDT has no risk-limit table on Binance."));
    EXPECT_EQ(model.setWallet(500)->message(), QStringLiteral("Wallet: 500.00 does not cover the isolated margin of 1,000.00."));
}

TEST_F(RiskModelTest, BatchEmitsOnce)
{
    QSignalSpy spy(&model, &RiskModel::changed);
    {
        RiskModel::Batch batch(model);
        EXPECT_FALSE(model.setLeverage(5.0).has_value());
        EXPECT_FALSE(model.setStopLoss(9500.0).has_value());
        EXPECT_FALSE(model.setTakeProfit(11000.0).has_value());
        EXPECT_EQ(spy.count(), 0);
    }
    EXPECT_EQ(spy.count(), 1);
    {
        RiskModel::Batch batch(model);
        EXPECT_FALSE(model.setLeverage(5.0).has_value());
    }
    EXPECT_EQ(spy.count(), 1) << "a batch of no changes is silent";
}

TEST_F(RiskModelTest, RiskRewardFeesAndFunding)
{
    ASSERT_FALSE(model.setStopLoss(9800.0).has_value());
    ASSERT_FALSE(model.setTakeProfit(10600.0).has_value());
    ASSERT_FALSE(model.setHorizonHours(72).has_value());
    MarketState m = model.market();
    m.fundingRate = 0.0001;
    model.setMarket(m);
    const RiskSnapshot& s = model.snapshot();
    EXPECT_DOUBLE_EQ(*s.riskAtStop, 200.0);
    EXPECT_DOUBLE_EQ(*s.riskAtStopOfWallet, 0.02);
    EXPECT_DOUBLE_EQ(*s.rewardRisk, 3.0);
    EXPECT_DOUBLE_EQ(s.fees, 2 * 0.0005 * 10000.0);
    EXPECT_DOUBLE_EQ(s.fundingPerInterval, 1.0);
    EXPECT_EQ(s.horizonIntervals, 9);
    // Nine payments of 1 leave 991 of margin: (991 − 10,000) / (0.004 − 1).
    EXPECT_NEAR(*s.liquidationAfterHorizon, 9009.0 / 0.996, 1e-9);
    EXPECT_NEAR(*s.liquidationDrift, 9.0 / 0.996, 1e-9);
}

TEST_F(RiskModelTest, EnablingStopAndTargetPlacesThemAroundEntry)
{
    ASSERT_FALSE(model.enableStopLoss(true).has_value());
    ASSERT_FALSE(model.enableTakeProfit(true).has_value());
    EXPECT_DOUBLE_EQ(*model.inputs().stopLoss, 9800.0);     // 2% below a 10,000 entry
    EXPECT_DOUBLE_EQ(*model.inputs().takeProfit, 10400.0);  // 4% above
    ASSERT_FALSE(model.enableStopLoss(false).has_value());
    EXPECT_FALSE(model.inputs().stopLoss.has_value());
}

TEST_F(RiskModelTest, SizingByRiskPercent)
{
    ASSERT_FALSE(model.setStopLoss(9875.0).has_value());  // 1.25% away
    ASSERT_FALSE(model.setWallet(20000).has_value());
    ASSERT_FALSE(model.setSizeMode(SizeMode::RiskPercent).has_value());
    ASSERT_FALSE(model.setSize(0.01).has_value());
    EXPECT_DOUBLE_EQ(model.snapshot().notional, 16000.0);
    EXPECT_DOUBLE_EQ(model.snapshot().position.initialMargin, 1600.0);
}

TEST_F(RiskModelTest, StopBeyondLiquidationWarnsAndEachFixClearsIt)
{
    ASSERT_FALSE(model.setLeverage(50).has_value());  // liquidation ≈ 9,839
    ASSERT_FALSE(model.setStopLoss(9700).has_value());
    ASSERT_TRUE(model.snapshot().has(Warning::StopBeyondLiquidation));
    const PlanInputs risky = model.inputs();

    ASSERT_FALSE(model.fixByLoweringLeverage().has_value());
    EXPECT_FALSE(model.snapshot().has(Warning::StopBeyondLiquidation));
    EXPECT_LT(model.inputs().leverage, 50.0);
    EXPECT_LT(*model.snapshot().position.liquidationPrice, 9700.0 - 0.002 * 10000 + 1e-6);

    ASSERT_FALSE(model.setInputs(risky).has_value());
    ASSERT_FALSE(model.fixByMovingStop().has_value());
    EXPECT_FALSE(model.snapshot().has(Warning::StopBeyondLiquidation));
    EXPECT_GT(*model.inputs().stopLoss, *model.snapshot().position.liquidationPrice);

    ASSERT_FALSE(model.setInputs(risky).has_value());
    ASSERT_FALSE(model.fixByAddingMargin().has_value());
    EXPECT_FALSE(model.snapshot().has(Warning::StopBeyondLiquidation));
    EXPECT_GT(model.inputs().extraMargin, 0.0);
    EXPECT_DOUBLE_EQ(model.inputs().leverage, 50.0);
}

TEST_F(RiskModelTest, DraggingLiquidationBackSolvesLeverage)
{
    // Binance isolated long: liquidation 9,000 needs (10,000/L − 10,000) / (0.004 − 1) = 9,000 ⇒ L = 10,000 / 1,036 ≈ 9.65x.
    ASSERT_FALSE(model.setLiquidationTarget(9000.0).has_value());
    EXPECT_NEAR(model.inputs().leverage, 9.65, 0.006);
    EXPECT_NEAR(*model.snapshot().position.liquidationPrice, 9000.0, 5.0);
    EXPECT_EQ(model.setLiquidationTarget(10500.0)->message(), QStringLiteral("Liquidation: a long liquidates below its entry."));
}

TEST_F(RiskModelTest, LiquidationTriggersOnMarkNotOnAWickInLast)
{
    ASSERT_FALSE(model.setEntryPrice(10000.0).has_value());
    const double liq = *model.snapshot().position.liquidationPrice;
    QSignalSpy events(&model, &RiskModel::eventOccurred);
    MarketState wick = at(10000.0, 2);
    wick.last = liq - 50.0;  // a wick on last through liquidation; mark holds
    model.setMarket(wick);
    EXPECT_EQ(events.count(), 0);
    EXPECT_TRUE(model.events().empty());
    model.setMarket(at(liq - 1.0, 3));  // now the mark crosses
    ASSERT_EQ(events.count(), 1);
    EXPECT_EQ(model.events().back().kind, PositionEvent::Kind::Liquidated);
    EXPECT_DOUBLE_EQ(model.events().back().loss, 1000.0);
}

TEST_F(RiskModelTest, SwitchingToAnInverseVenueConvertsWalletAndSize)
{
    ASSERT_FALSE(model.setVenue(engine::Venue::Bitmex).has_value());
    EXPECT_EQ(model.inputs().symbol, QStringLiteral("XBTUSD"));
    EXPECT_DOUBLE_EQ(model.inputs().wallet, 1.0);      // 10,000 USDT at 10,000 = 1 XBT
    EXPECT_DOUBLE_EQ(model.inputs().size, 10000.0);    // 1 BTC = 10,000 USD contracts
    EXPECT_TRUE(model.snapshot().valid) << model.snapshot().problem.toStdString();
    EXPECT_NEAR(model.snapshot().notional, 1.0, 1e-12);
}

}  // namespace
}  // namespace levlab::model
