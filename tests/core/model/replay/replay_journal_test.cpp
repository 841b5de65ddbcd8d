#include "core/model/history/funding_import.h"
#include "core/model/history/price_import.h"
#include "core/model/plan/risk_model.h"
#include "core/model/replay/crash_lab.h"
#include "core/model/replay/replay_journal.h"
#include "core/model/replay/replay_plan.h"
#include "core/model/replay/replay_source.h"
#include "core/model/tiers/tier_library.h"
#include "tests/core/market_data.h"

#include <gtest/gtest.h>

#include <QDateTime>

namespace levlab::model {
namespace {

qint64 utc(const char* iso) { return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toSecsSinceEpoch(); }
qint64 utcMs(const char* iso) { return utc(iso) * 1000; }

/// BitMEX XBTUSD, inverse: 1 contract = 1 USD. An isolated position of Q contracts opened at E
/// with leverage L holds Q/E/L XBT; it is liquidated where margin + Q(1/E − 1/P) equals the
/// maintenance, (0.5% + the 0.075% taker fee + the funding rate when longs pay) × Q/E
/// (BitMEX "Liquidation" guide), i.e. for a long Q/P = Q/E + margin − maintenance.
double bitmexLongLiquidation(double q, double e, double margin, double fundingRate = 0.0)
{
    return q / (q / e + margin - (0.00575 + std::max(0.0, fundingRate)) * q / e);
}

struct Replayed {
    TierLibrary tiers = TierLibrary::loadShipped();
    RiskModel model{tiers};
    std::unique_ptr<ReplaySource> source;
    std::unique_ptr<ReplayJournal> journal;

    Replayed(const std::string& prices, qint64 from, PlanInputs plan, const std::string& funding = {})
    {
        engine::PriceHistory h = importPriceFile(QString::fromStdString(prices));
        source = std::make_unique<ReplaySource>(QStringLiteral("test"), plan.symbol, std::move(h.bars));
        if (!funding.empty())
            source->setFunding(importFundingFile(QString::fromStdString(funding)).settlements);
        QObject::connect(source.get(), &MarketSource::advanced, &model,
                         [this] { model.setMarket(source->state(model.inputs().symbol)); });
        journal = std::make_unique<ReplayJournal>(model, *source);
        source->start(from);
        model.setMarket(source->state(plan.symbol));
        EXPECT_FALSE(model.setInputs(plan));
        EXPECT_FALSE(model.openAtMarket());
        playToExit(*source, model);
    }
};

PlanInputs bitmexPlan(engine::Side side, double leverage)
{
    PlanInputs in;
    in.venue = engine::Venue::Bitmex;
    in.symbol = QStringLiteral("XBTUSD");
    in.side = side;
    in.size = 10000;  // contracts of 1 USD
    in.leverage = leverage;
    in.marginMode = engine::MarginMode::Isolated;
    in.wallet = 10.0;  // XBT
    in.feeRate = 0.00075;
    return in;
}

TEST(ReplayJournal, BlackThursdayTenTimesLongLiquidatesInTheBinEnding1020)
{
    LEVLAB_REQUIRE_DATA(prices, "bitmex/bitmex_XBTUSD_1m_2020-03.csv");
    // Opened at the open of the bin BitMEX stamps 2020-03-12T00:00 (its open time 23:59): 7,931.5.
    Replayed run(prices, utc("2020-03-11T23:59:00Z"), bitmexPlan(engine::Side::Long, 10));
    const auto& ev = run.journal->events();
    ASSERT_EQ(ev.size(), 2u);
    const double liq = bitmexLongLiquidation(10000, 7931.5, 10000 / 7931.5 / 10);
    EXPECT_NEAR(liq, 7248.34, 0.005);
    EXPECT_EQ(ev[0].kind, ReplayEvent::Kind::Open);
    EXPECT_EQ(ev[0].timeMs, utcMs("2020-03-11T23:59:00Z"));
    EXPECT_EQ(ev[0].price, 7931.5);
    EXPECT_NEAR(*ev[0].liquidation, liq, 1e-6);
    // awk: the first bin from 00:00 on with low ≤ 7,248.34 ends 10:20 (7261, 7261.5, 7240, 7248.5).
    EXPECT_EQ(ev[1].kind, ReplayEvent::Kind::Exit);
    EXPECT_EQ(ev[1].exit, PositionEvent::Kind::Liquidated);
    EXPECT_EQ(ev[1].timeMs, utcMs("2020-03-12T10:20:00Z"));
    EXPECT_NEAR(ev[1].price, liq, 1e-6);
    EXPECT_NEAR(ev[1].amount, -10000 / 7931.5 / 10, 1e-12);  // the whole isolated margin
    EXPECT_EQ(describe(ev[1], run.journal->format()),
              QStringLiteral("2020-03-12 10:20 UTC  Liquidated at 7,248.34, result −0.12607956 XBT"));
}

TEST(ReplayJournal, BlackThursdayFundingMovesTheLiquidationPrice)
{
    LEVLAB_REQUIRE_DATA(prices, "bitmex/bitmex_XBTUSD_1m_2020-03.csv");
    LEVLAB_REQUIRE_DATA(funding, "funding/bitmex_XBTUSD_funding_2016-05_2020-11.csv");
    Replayed run(prices, utc("2020-03-11T23:59:00Z"), bitmexPlan(engine::Side::Long, 10), funding);
    const auto& ev = run.journal->events();
    ASSERT_EQ(ev.size(), 3u);
    const double margin = 10000 / 7931.5 / 10;
    // The rate in force (2020-03-11 20:00: 0.01%) is in BitMEX's maintenance while longs pay.
    EXPECT_NEAR(*ev[0].liquidation, bitmexLongLiquidation(10000, 7931.5, margin, 0.0001), 1e-6);
    EXPECT_NEAR(*ev[0].liquidation, 7249.01, 0.005);
    // 04:00: 0.01% of the position's value at the mark then, the close of the bin ending 04:00 (7,658.5).
    EXPECT_EQ(ev[1].kind, ReplayEvent::Kind::Funding);
    EXPECT_EQ(ev[1].timeMs, utcMs("2020-03-12T04:00:00Z"));
    EXPECT_EQ(ev[1].price, 7658.5);
    EXPECT_EQ(ev[1].rate, 0.0001);
    const double paid = 10000 / 7658.5 * 0.0001;
    EXPECT_NEAR(ev[1].amount, paid, 1e-15);
    const double moved = bitmexLongLiquidation(10000, 7931.5, margin - paid, 0.0001);
    EXPECT_NEAR(*ev[1].liquidation, moved, 1e-6);
    EXPECT_NEAR(moved, 7249.69, 0.005);
    // awk: still the bin ending 10:20 (no earlier low in 7,248.34 … 7,249.69); the margin and the
    // funding paid out of it are lost.
    EXPECT_EQ(ev[2].exit, PositionEvent::Kind::Liquidated);
    EXPECT_EQ(ev[2].timeMs, utcMs("2020-03-12T10:20:00Z"));
    EXPECT_NEAR(ev[2].price, moved, 1e-6);
    EXPECT_NEAR(ev[2].amount, -margin, 1e-12);
}

TEST(ReplayJournal, BlackThursdayStopFiresBeforeLiquidation)
{
    LEVLAB_REQUIRE_DATA(prices, "bitmex/bitmex_XBTUSD_1m_2020-03.csv");
    PlanInputs plan = bitmexPlan(engine::Side::Long, 10);
    plan.stopLoss = 7500.0;
    Replayed run(prices, utc("2020-03-11T23:59:00Z"), plan);
    const auto& ev = run.journal->events();
    ASSERT_EQ(ev.size(), 2u);
    // awk: the first bin with low ≤ 7,500 ends 06:35 (7502, 7502.5, 7488.5, 7493).
    EXPECT_EQ(ev[1].exit, PositionEvent::Kind::StoppedOut);
    EXPECT_EQ(ev[1].timeMs, utcMs("2020-03-12T06:35:00Z"));
    EXPECT_EQ(ev[1].price, 7500.0);
    const double pnl = 10000 * (1 / 7931.5 - 1 / 7500.0);
    const double fees = 0.00075 * (10000 / 7931.5 + 10000 / 7500.0);
    EXPECT_NEAR(ev[1].amount, pnl - fees, 1e-12);
}

TEST(ReplayJournal, May2021LongLiquidatesShortTakesProfit)
{
    LEVLAB_REQUIRE_DATA(prices, "bitmex/bitmex_XBTUSD_1m_2021-05-16_2021-05-23.csv");
    const qint64 from = utc("2021-05-18T23:59:00Z");  // the bin ending 00:00 on 19 May opens at 42,856
    {
        Replayed run(prices, from, bitmexPlan(engine::Side::Long, 10));
        const auto& ev = run.journal->events();
        ASSERT_EQ(ev.size(), 2u);
        EXPECT_EQ(ev[0].price, 42856.0);
        const double liq = 42856.0 / 1.09425;  // Q/P = Q/E (1 + 10% − 0.575%)
        // awk: the first bin with low ≤ 39,164.72 ends 04:43 (39316, 39393, 39131.5, 39131.5).
        EXPECT_EQ(ev[1].exit, PositionEvent::Kind::Liquidated);
        EXPECT_EQ(ev[1].timeMs, utcMs("2021-05-19T04:43:00Z"));
        EXPECT_NEAR(ev[1].price, liq, 1e-6);
    }
    {
        PlanInputs plan = bitmexPlan(engine::Side::Short, 10);
        plan.takeProfit = 30000.0;
        Replayed run(prices, from, plan);
        const auto& ev = run.journal->events();
        ASSERT_EQ(ev.size(), 2u);
        // awk: the bin ending 13:10 opens at 30,615 (above its own high) and trades down to
        // 28,469.5: the first below 30,000. The short's liquidation, 42,856 ÷ 0.90575 = 47,315.5,
        // is never near (the day's high before then is 43,596).
        EXPECT_EQ(ev[1].exit, PositionEvent::Kind::TookProfit);
        EXPECT_EQ(ev[1].timeMs, utcMs("2021-05-19T13:10:00Z"));
        EXPECT_EQ(ev[1].price, 30000.0);
        const double pnl = 10000 * (1 / 30000.0 - 1 / 42856.0);
        const double fees = 0.00075 * (10000 / 42856.0 + 10000 / 30000.0);
        EXPECT_NEAR(ev[1].amount, pnl - fees, 1e-12);
    }
}

TEST(ReplayJournal, StartingOverPlansAgain)
{
    LEVLAB_REQUIRE_DATA(prices, "bitmex/bitmex_XBTUSD_1m_2020-03.csv");
    Replayed run(prices, utc("2020-03-11T23:59:00Z"), bitmexPlan(engine::Side::Long, 10));
    ASSERT_EQ(run.model.tradeState(), TradeState::Closed);
    run.source->jumpTo(utc("2020-03-12T05:00:00Z"));  // back in time: start over there
    EXPECT_EQ(run.model.tradeState(), TradeState::Planning);
    EXPECT_TRUE(run.journal->events().empty());
    EXPECT_EQ(run.model.market().timeMs, utcMs("2020-03-12T05:00:00Z"));
}

TEST(CrashLab, TheDaysFactsComeFromTheBars)
{
    LEVLAB_REQUIRE_DATA(march, "bitmex/bitmex_XBTUSD_1m_2020-03.csv");
    LEVLAB_REQUIRE_DATA(may, "bitmex/bitmex_XBTUSD_1m_2021-05-16_2021-05-23.csv");
    LEVLAB_REQUIRE_DATA(calm, "bitmex/bitmex_XBTUSD_1m_2020-07-14_2020-07-20_calm.csv");
    const auto& w = crashWindows();
    ASSERT_EQ(w.size(), 3u);
    auto facts = [](const std::string& path, const CrashWindow& cw) {
        const engine::PriceHistory h = importPriceFile(QString::fromStdString(path));
        return crashFacts(h.bars, h.report.intervalSeconds, cw.factsFrom, cw.factsTo).value();
    };
    // Data README: the low 3,596.0 in the bin ending 2020-03-13T02:16, −54.7% from 7,931.5;
    // 17 zero-volume bins, all on 03-13.
    const CrashFacts bt = facts(march, w[0]);
    EXPECT_EQ(bt.bars, 2880u);
    EXPECT_EQ(bt.open, 7931.5);
    EXPECT_EQ(bt.low, 3596.0);
    EXPECT_EQ(bt.lowEnd, utc("2020-03-13T02:16:00Z"));
    EXPECT_NEAR(bt.lowFromOpen, 3596.0 / 7931.5 - 1.0, 1e-15);
    EXPECT_EQ(bt.noTradeBars, 17u);
    const QStringList s = factSentences(bt, 1);
    EXPECT_EQ(s[0], QStringLiteral("Opened at 7,931.5 (the bar ending 12 March 2020, 00:00 UTC)."));
    EXPECT_EQ(s[1], QStringLiteral("Low 3,596.0 in the bar ending 13 March 2020, 02:16 UTC: -54.7% from the opening."));
    // 2021-05-19: entry 42,856.0, low 28,157.0 in the bin ending 13:11 (−34.3%).
    const CrashFacts m = facts(may, w[1]);
    EXPECT_EQ(m.open, 42856.0);
    EXPECT_EQ(m.low, 28157.0);
    EXPECT_EQ(m.lowEnd, utc("2021-05-19T13:11:00Z"));
    EXPECT_EQ(QString::number(m.lowFromOpen * 100, 'f', 1), QStringLiteral("-34.3"));
    // The calm week: 9,026.5–9,277.0, a range of 2.8%.
    const CrashFacts c = facts(calm, w[2]);
    EXPECT_EQ(c.bars, 10080u);
    EXPECT_EQ(c.low, 9026.5);
    EXPECT_EQ(c.high, 9277.0);
    EXPECT_EQ(QString::number(c.range * 100, 'f', 1), QStringLiteral("2.8"));
}

TEST(ReplayPlan, ReadsOnePositionWithItsExits)
{
    const TierLibrary tiers = TierLibrary::loadShipped();
    auto plan = readReplayPlan(R"({"venue": "bitmex", "positions": [{"symbol": "XBTUSD", "contract": "inverse",
        "side": "short", "mode": "isolated", "quantity": 10000, "leverage": 5, "stop_loss": 8000, "take_profit": 6000}]})",
                               tiers);
    ASSERT_TRUE(plan) << plan.error().message();
    EXPECT_TRUE(plan->inputs.entryAtMarket);
    EXPECT_EQ(plan->inputs.side, engine::Side::Short);
    EXPECT_EQ(plan->inputs.leverage, 5.0);
    EXPECT_EQ(plan->inputs.stopLoss, 8000.0);
    EXPECT_EQ(plan->inputs.takeProfit, 6000.0);
    EXPECT_FALSE(plan->walletGiven);
    ReplayPlan fitted = *plan;
    fitWallet(fitted, 8000.0, tiers);
    EXPECT_EQ(fitted.inputs.wallet, 10000 / 8000.0);  // the position's value: enough for any leverage

    auto two = readReplayPlan(R"({"positions": [{"side": "long", "quantity": 1, "leverage": 10, "mm_rate": 0.005},
                                                {"side": "long", "quantity": 1, "leverage": 10, "mm_rate": 0.005}]})",
                              tiers);
    ASSERT_FALSE(two);
    EXPECT_EQ(two.error().message(), "positions: a replay runs one position; this plan has 2");
    auto badStop = readReplayPlan(R"({"positions": [{"side": "long", "quantity": 1, "leverage": 10, "mm_rate": 0.005,
                                                      "stop_loss": "low"}]})",
                                  tiers);
    ASSERT_FALSE(badStop);
    EXPECT_EQ(badStop.error().field, "positions[0].stop_loss");
}

}  // namespace
}  // namespace levlab::model
