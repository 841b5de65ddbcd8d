#include "core/model/history/odds_model.h"

#include "core/model/feeds/market_feed.h"
#include "core/model/history/odds_plan.h"
#include "core/model/market/market.h"
#include "core/model/plan/risk_model.h"
#include "core/model/replay/replay_source.h"
#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTest>

#include <algorithm>

namespace levlab::model {
namespace {

constexpr qint64 kStart = 1704067200;  // 2024-01-01T00:00Z
constexpr qint64 kHour = 3600;

/// Thirty hourly bars at 1,000 (high 1,010, low 990), but for a wick down to 880 in the
/// 10:00 bar and one up to 1,120 in the 20:00 bar.
std::vector<engine::Bar> handMadeHistory()
{
    std::vector<engine::Bar> bars;
    for (qint64 i = 0; i < 30; ++i) {
        engine::Bar b{kStart + i * kHour, 1000, 1010, 990, 1000, 1, 1};
        if (i == 10)
            b.low = 880;
        if (i == 20)
            b.high = 1120;
        bars.push_back(b);
    }
    return bars;
}

/// The plan of the scenario below, in the dashboard: BitMEX XBTUSD, 10,000 contracts, 10×
/// isolated long, taker fee 0.075%, stop 2% under the entry.
PlanInputs bitmexPlan()
{
    PlanInputs in;
    in.venue = engine::Venue::Bitmex;
    in.symbol = QStringLiteral("XBTUSD");
    in.size = 10000;
    in.leverage = 10;
    in.wallet = 10.0;
    in.feeRate = 0.00075;
    in.stopLoss = 980.0;
    return in;
}

const char* kScenario = R"({"venue": "bitmex", "positions": [{"symbol": "XBTUSD", "contract": "inverse", "side": "long",
    "quantity": 10000, "entry_price": 1000, "leverage": 10, "fee_rate": 0.00075}], "stop_loss": {"price": 980}})";

struct Desk {
    TierLibrary tiers = TierLibrary::loadShipped();
    MarketFeed feed{1, 1000.0, kStart * 1000};
    Market market{feed};
    RiskModel model{tiers};
    std::unique_ptr<ReplaySource> source;
    std::unique_ptr<OddsModel> odds;

    Desk()
    {
        feed.setSpeed(0);
        model.setMarketSource([this](const QString& s) { return market.state(s); });
        QObject::connect(&market, &MarketSource::advanced, &model, [this] { model.setMarket(market.state(model.inputs().symbol)); });
        odds = std::make_unique<OddsModel>(market, model);
        source = std::make_unique<ReplaySource>(QStringLiteral("hand-made"), QStringLiteral("XBTUSD"), handMadeHistory());
        market.setSource(source.get());
        source->start(kStart);
        EXPECT_FALSE(model.setInputs(bitmexPlan()));
        ready();
    }
    void ready()
    {
        EXPECT_TRUE(QTest::qWaitFor([this] { return odds->status() != OddsModel::Status::Computing; }, 5000));
    }
    std::size_t row(double leverage) const
    {
        const auto& l = odds->table().leverages;
        return static_cast<std::size_t>(std::find(l.begin(), l.end(), leverage) - l.begin());
    }
};

TEST(OddsModel, TheSimulatedMarketHasNoHistory)
{
    TierLibrary tiers = TierLibrary::loadShipped();
    MarketFeed feed{1, 1000.0, kStart * 1000};
    Market market{feed};
    RiskModel model{tiers};
    OddsModel odds(market, model);
    EXPECT_EQ(odds.status(), OddsModel::Status::NoHistory);
    EXPECT_TRUE(odds.table().cases.empty());
}

TEST(OddsModel, EqualsTheEngineOnTheCliPlan)
{
    Desk d;
    ASSERT_EQ(d.odds->status(), OddsModel::Status::Ready) << d.odds->table().refusal.toStdString();
    // What `levlab-cli odds` computes for the same plan as a scenario file (its stop 2% away).
    auto plan = readOddsPlan(QByteArray(kScenario), d.tiers);
    ASSERT_TRUE(plan.ok()) << plan.error().message();
    const auto levs = defaultOddsLeverages(*plan);
    EXPECT_EQ(d.odds->table().leverages, levs);  // 10× is on the ladder: nothing added
    const auto grid = engine::liquidationOdds(handMadeHistory(), kHour, *plan, levs, defaultOddsHours());
    ASSERT_TRUE(grid.ok());
    ASSERT_EQ(d.odds->table().cases.size(), grid->cells.size());
    for (std::size_t i = 0; i < grid->cells.size(); ++i) {
        const engine::OddsCell& want = grid->cells[i];
        const engine::OddsCell& got = d.odds->table().cases[i].cell;
        SCOPED_TRACE(testing::Message() << i << ": " << want.leverage << "x " << want.hours << " h");
        EXPECT_EQ(got.side, want.side);
        EXPECT_EQ(got.leverage, want.leverage);
        EXPECT_EQ(got.hours, want.hours);
        EXPECT_EQ(got.entries, want.entries);
        EXPECT_EQ(got.liquidated, want.liquidated);
        EXPECT_EQ(got.stoppedFirst, want.stoppedFirst);
        EXPECT_EQ(got.worstEntry, want.worstEntry);
    }
}

TEST(OddsModel, TenTimesByHand)
{
    Desk d;
    const std::size_t ten = d.row(10);
    ASSERT_LT(ten, d.odds->table().leverages.size());
    EXPECT_EQ(d.odds->planRow(), std::optional<std::size_t>(ten));
    // BitMEX inverse 10×, maintenance 0.5% + taker fee 0.075%: a long entered at 1,000 is
    // liquidated at 1,000 ÷ (1 + 0.1 − 0.00575) = 913.87, a short at 1,000 ÷ (1 − 0.1 + 0.00575)
    // = 1,104.06. Only the 880 wick (10:00) reaches the long's, only the 1,120 one (20:00) the short's.
    // 1 h: every bar is an entry (30), and only the wick's own bar is liquidated.
    const OddsCase* c = d.odds->cell(engine::Side::Long, ten, 0);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->cell.entries, 30u);
    EXPECT_EQ(c->cell.liquidated, 1u);
    EXPECT_EQ(c->worstEntrySeconds, kStart + 10 * kHour);
    // 4 h: entries 00:00 … 26:00 (27); those at 07:00, 08:00, 09:00 and 10:00 hold through the
    // wick. All four fell 12%: the worst is the first, entered 07:00, liquidated in the bar
    // ending 11:00; its 2% stop (980) fired in the same bar, first.
    c = d.odds->cell(engine::Side::Long, ten, 1);
    EXPECT_EQ(c->cell.entries, 27u);
    EXPECT_EQ(c->cell.liquidated, 4u);
    EXPECT_EQ(c->cell.stoppedFirst, 4u);
    EXPECT_DOUBLE_EQ(c->cell.share, 4.0 / 27.0);
    EXPECT_EQ(c->worstEntrySeconds, kStart + 7 * kHour);
    EXPECT_EQ(c->worstEntryPrice, 1000.0);
    EXPECT_NEAR(c->cell.worstMove, 0.12, 1e-12);
    EXPECT_EQ(c->worstLiquidationSeconds, std::optional<qint64>(kStart + 11 * kHour));
    EXPECT_EQ(c->worstStopSeconds, std::optional<qint64>(kStart + 11 * kHour));
    // 1 d: 7 entries (00:00 … 06:00), every one holds through the wick.
    c = d.odds->cell(engine::Side::Long, ten, 2);
    EXPECT_EQ(c->cell.entries, 7u);
    EXPECT_EQ(c->cell.liquidated, 7u);
    EXPECT_EQ(c->worstEntrySeconds, kStart);
    // 3 d and longer: the history is shorter than the period.
    EXPECT_EQ(d.odds->cell(engine::Side::Long, ten, 3)->cell.entries, 0u);
    // The short: entries at 17:00 … 20:00 hold through the 1,120 wick in 4 h; liquidated in the
    // bar ending 21:00. Its stop (1,020) fired there too.
    c = d.odds->cell(engine::Side::Short, ten, 1);
    EXPECT_EQ(c->cell.liquidated, 4u);
    EXPECT_EQ(c->worstEntrySeconds, kStart + 17 * kHour);
    EXPECT_EQ(c->worstLiquidationSeconds, std::optional<qint64>(kStart + 21 * kHour));
    // 6×: a long liquidates at 1,000 ÷ (1 + 1/6 − 0.00575) = 861.39, below the wick.
    c = d.odds->cell(engine::Side::Long, d.row(6), 1);
    EXPECT_EQ(c->cell.liquidated, 0u);
    EXPECT_EQ(c->worstLiquidationSeconds, std::nullopt);
    const QString words = describeCase(*d.odds->cell(engine::Side::Long, ten, 1), true);
    EXPECT_EQ(words, QStringLiteral("Long 10× held 4 h\nEntries: 27 (one per bar)\nLiquidated: 4 (14.81%)\n"
                                    "Stop fired first: 4 (14.81%)\n"
                                    "Worst case: entered 2024-01-01 07:00 UTC at 1,000.00, 12.00% against it within the period\n"
                                    "Its stop fired 2024-01-01 11:00 UTC\nIt was liquidated 2024-01-01 11:00 UTC"));
}

TEST(OddsModel, ComputesOnceNotOnEveryTick)
{
    Desk d;
    QSignalSpy changed(d.odds.get(), &OddsModel::changed);
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(d.source->step());
    QTest::qWait(150);
    EXPECT_EQ(changed.count(), 0);
    EXPECT_EQ(d.odds->status(), OddsModel::Status::Ready);
    // A leverage off the ladder gets its own row; the stop moved to 5% another grid.
    ASSERT_FALSE(d.model.setLeverage(7));
    d.ready();
    ASSERT_LT(d.row(7), d.odds->table().leverages.size());
    EXPECT_EQ(d.odds->planRow(), std::optional<std::size_t>(d.row(7)));
    ASSERT_FALSE(d.model.setStopLoss(950.0));
    d.ready();
    ASSERT_TRUE(d.odds->table().stopDistance);
    EXPECT_NEAR(*d.odds->table().stopDistance, 0.05, 1e-12);
}

TEST(OddsModel, ReplaysTheWorstCase)
{
    Desk d;
    ASSERT_FALSE(d.model.setSide(engine::Side::Short));
    d.ready();
    ASSERT_FALSE(d.odds->replayWorstCase(engine::Side::Long, d.row(10), 1));
    // The replay starts over at the 07:00 bar, the plan opens there, long 10×, at its open.
    EXPECT_EQ(d.source->position(), 7u);
    EXPECT_EQ(d.model.tradeState(), TradeState::Open);
    EXPECT_EQ(d.model.inputs().side, engine::Side::Long);
    EXPECT_EQ(d.model.inputs().leverage, 10.0);
    EXPECT_EQ(d.model.snapshot().entry, 1000.0);
    EXPECT_EQ(d.model.openedMs(), (kStart + 7 * kHour) * 1000);
    // A cell with no entry refuses and changes nothing.
    const auto r = d.odds->replayWorstCase(engine::Side::Long, d.row(10), 3);
    ASSERT_TRUE(r);
    EXPECT_EQ(d.source->position(), 7u);
    EXPECT_EQ(d.model.tradeState(), TradeState::Open);
}

}  // namespace
}  // namespace levlab::model
