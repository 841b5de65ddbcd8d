#include "core/engine/history/odds.h"

#include "core/engine/account/account.h"
#include "core/engine/history/price_history.h"
#include "tests/core/market_data.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace levlab::engine {
namespace {

/// A random walk of `n` one-minute bars, with about one bar in twenty missing.
std::vector<Bar> randomBars(std::mt19937_64& rng, std::size_t n, double start)
{
    std::normal_distribution<double> step(0.0, 0.004);
    std::uniform_real_distribution<double> wick(0.0, 0.006);
    std::uniform_int_distribution<int> skip(0, 19);
    std::vector<Bar> bars;
    double price = start;
    std::int64_t t = 1583971200;
    for (std::size_t i = 0; i < n; ++i) {
        const double open = price;
        const double close = open * std::exp(step(rng));
        Bar b{t, open, std::max(open, close) * (1.0 + wick(rng)), std::min(open, close) * (1.0 - wick(rng)), close, 1, 1};
        bars.push_back(b);
        price = close;
        t += skip(rng) == 0 ? 180 : 60;
    }
    return bars;
}

struct Expected final {
    std::size_t entries = 0;
    std::size_t liquidated = 0;
    std::size_t stoppedFirst = 0;
    std::optional<std::size_t> worstEntry;  ///< the first entry whose period went furthest against it
    double worstMove = 0.0;
};

/// Every entry evaluated on its own by the engine at its open (the plan's notional), then the
/// bars of its period walked one by one.
Expected bruteForce(const std::vector<Bar>& bars, std::int64_t interval, const OddsPosition& plan, Side side,
                    double leverage, double hours)
{
    Expected e;
    const auto span = static_cast<std::int64_t>(std::llround(hours * 3600.0));
    const std::int64_t end = bars.back().time + interval;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        if (bars[i].time + span > end)
            break;
        ++e.entries;
        PositionInput p = plan.position;
        p.side = side;
        p.leverage = leverage;
        if (p.contract.kind == ContractKind::Linear)
            p.quantity = plan.position.quantity * plan.position.entryPrice / bars[i].open;
        p.entryPrice = bars[i].open;
        p.markPrice = bars[i].open;
        const auto r = evaluatePosition(plan.venue, p);
        EXPECT_TRUE(r.ok());
        const std::optional<double> liq = r->liquidationPrice;
        std::optional<double> stop;
        if (plan.stopDistance)
            stop = bars[i].open * (side == Side::Long ? 1.0 - *plan.stopDistance : 1.0 + *plan.stopDistance);
        const auto reached = [&](const Bar& b, double level) { return side == Side::Long ? b.low <= level : b.high >= level; };
        const auto nearer = [&](double a, double b) { return side == Side::Long ? a > b : a < b; };
        bool liquidated = false;
        bool stopped = false;
        double move = 0.0;
        for (std::size_t j = i; j < bars.size() && bars[j].time < bars[i].time + span; ++j) {
            move = std::max(move, side == Side::Long ? 1.0 - bars[j].low / bars[i].open : bars[j].high / bars[i].open - 1.0);
            const bool liqHit = liq && reached(bars[j], *liq);
            const bool stopHit = stop && reached(bars[j], *stop);
            if (!liquidated && !stopped && stopHit && (!liqHit || nearer(*stop, *liq)))
                stopped = true;
            liquidated = liquidated || liqHit;
        }
        e.liquidated += liquidated ? 1 : 0;
        e.stoppedFirst += stopped ? 1 : 0;
        if (!e.worstEntry || move > e.worstMove) {
            e.worstEntry = i;
            e.worstMove = move;
        }
    }
    return e;
}

OddsPosition textbookLinear()
{
    OddsPosition plan;
    plan.venue = Venue::Textbook;
    plan.position.side = Side::Long;
    plan.position.quantity = 0.5;
    plan.position.entryPrice = 40000.0;
    plan.position.leverage = 10.0;
    plan.position.mmRate = 0.005;
    return plan;
}

OddsPosition binanceBrackets()
{
    OddsPosition plan = textbookLinear();
    plan.venue = Venue::Binance;
    plan.position.mmRate.reset();
    plan.position.quantity = 2.0;  // 80,000 notional: the second row
    plan.position.brackets.brackets = {{0, 50000, 0.004, 0, 125}, {50000, 250000, 0.005, 50, 100},
                                       {250000, 1000000, 0.01, 1300, 50}};
    plan.position.feeRate = 0.0004;
    return plan;
}

OddsPosition bitmexInverse()
{
    OddsPosition plan;
    plan.venue = Venue::Bitmex;
    plan.position.contract.kind = ContractKind::Inverse;
    plan.position.quantity = 10000.0;
    plan.position.entryPrice = 7931.5;
    plan.position.leverage = 10.0;
    plan.position.mmRate = 0.005;
    plan.position.feeRate = 0.00075;
    return plan;
}

TEST(LiquidationOdds, EqualsBruteForceOnRandomHistories)
{
    std::mt19937_64 rng(20200312);
    const std::vector<double> leverages{1, 2, 5, 10, 20, 50, 100};
    const std::vector<double> hours{1.0 / 60.0, 0.25, 1.0, 2.0, 5.0};
    int checkedCells = 0;
    std::size_t liquidations = 0, stops = 0, entries = 0;
    for (const OddsPosition& base : {textbookLinear(), binanceBrackets(), bitmexInverse()}) {
        for (int round = 0; round < 4; ++round) {
            const auto bars = randomBars(rng, 150 + 60 * static_cast<std::size_t>(round), base.position.entryPrice);
            OddsPosition plan = base;
            if (round % 2 == 1)
                plan.stopDistance = 0.01 + 0.01 * round;
            auto grid = liquidationOdds(bars, 60, plan, leverages, hours);
            ASSERT_TRUE(grid.ok()) << grid.error().message();
            for (const OddsCell& c : grid->cells) {
                const Expected e = bruteForce(bars, 60, plan, c.side, c.leverage, c.hours);
                SCOPED_TRACE(testing::Message() << venueName(plan.venue) << " round " << round << " side "
                                                << (c.side == Side::Long ? "long" : "short") << " " << c.leverage
                                                << "x " << c.hours << " h");
                EXPECT_EQ(c.entries, e.entries);
                EXPECT_EQ(c.liquidated, e.liquidated);
                EXPECT_EQ(c.stoppedFirst, e.stoppedFirst);
                EXPECT_EQ(c.worstEntry, e.worstEntry);
                EXPECT_DOUBLE_EQ(c.worstMove, e.worstMove);
                EXPECT_EQ(c.share, e.entries ? static_cast<double>(e.liquidated) / static_cast<double>(e.entries) : 0.0);
                ++checkedCells;
                liquidations += c.liquidated;
                stops += c.stoppedFirst;
                entries += c.entries;
            }
        }
    }
    EXPECT_EQ(checkedCells, 3 * 4 * 2 * 7 * 5);
    // The histories exercise every outcome: some entries liquidated, some stopped, most neither.
    EXPECT_GT(liquidations, entries / 20);
    EXPECT_GT(stops, entries / 50);
    EXPECT_LT(liquidations + stops, entries);
}

TEST(LiquidationOdds, AHandMadeHistory)
{
    // Textbook, MMR 0.5%: a 10x long entered at 100 liquidates at 100 × (1 − 0.1 + 0.005) = 90.5.
    // Hourly bars: entries at 100, 95, 92, 91; lows 96, 91, 90.4, 91.
    const std::vector<Bar> bars{{0, 100, 101, 96, 95, 1, 1},
                                {3600, 95, 96, 91, 92, 1, 1},
                                {7200, 92, 93, 90.4, 91, 1, 1},
                                {10800, 91, 99, 91, 95, 1, 1}};
    OddsPosition plan = textbookLinear();
    plan.position.entryPrice = 100.0;
    plan.stopDistance = 0.05;  // stops at 95, 90.25, 87.4, 86.45
    auto grid = liquidationOdds(bars, 3600, plan, {10.0}, {1.0, 2.0}, {Side::Long});
    ASSERT_TRUE(grid.ok());
    ASSERT_EQ(grid->cells.size(), 2u);
    // 1 h: every bar is an entry. Liquidation at 90.5, 85.975, 83.26, 82.355 against the bars' own lows
    // 96, 91, 90.4, 91: none. Stops 95, 90.25, 87.4, 86.45: none fires either.
    EXPECT_EQ(grid->cells[0].entries, 4u);
    EXPECT_EQ(grid->cells[0].liquidated, 0u);
    EXPECT_EQ(grid->cells[0].stoppedFirst, 0u);
    // 2 h: three entries. The entry at 100 sees lows 96 and 91: the stop (95) fires, liquidation (90.5) does not.
    // At 95 it sees 91 and 90.4: neither 85.975 nor 90.25. At 92 it sees 90.4 and 91: neither.
    EXPECT_EQ(grid->cells[1].entries, 3u);
    EXPECT_EQ(grid->cells[1].liquidated, 0u);
    EXPECT_EQ(grid->cells[1].stoppedFirst, 1u);
    EXPECT_EQ(grid->cells[1].worstEntry, std::optional<std::size_t>(0));
    EXPECT_NEAR(grid->cells[1].worstMove, 0.09, 1e-12);  // 100 → 91
}

TEST(LiquidationOdds, AStopBeyondLiquidationNeverFiresFirst)
{
    const std::vector<Bar> bars{{0, 100, 100, 80, 85, 1, 1}, {60, 85, 86, 84, 85, 1, 1}};
    OddsPosition plan = textbookLinear();
    plan.position.entryPrice = 100.0;
    plan.stopDistance = 0.15;  // 85, below the 10x liquidation at 90.5
    auto grid = liquidationOdds(bars, 60, plan, {10.0, 2.0}, {1.0 / 60.0}, {Side::Long});
    ASSERT_TRUE(grid.ok());
    EXPECT_TRUE(grid->cells[0].stopBeyondLiquidation);
    EXPECT_EQ(grid->cells[0].liquidated, 1u);  // the 80 low of the first bar
    EXPECT_EQ(grid->cells[0].stoppedFirst, 0u);
    // 2x: liquidation at 100 × (1 − 0.5 + 0.005) = 50.5; the stop at 85 fires in the first bar.
    EXPECT_FALSE(grid->cells[1].stopBeyondLiquidation);
    EXPECT_EQ(grid->cells[1].liquidated, 0u);
    EXPECT_EQ(grid->cells[1].stoppedFirst, 1u);
}

TEST(LiquidationOdds, RefusesALeverageTheVenueRefuses)
{
    OddsPosition plan = binanceBrackets();
    auto grid = liquidationOdds({}, 60, plan, {10.0, 150.0}, {1.0});
    ASSERT_FALSE(grid.ok());
    EXPECT_EQ(grid.error().field, "leverage");
    EXPECT_TRUE(grid.error().reason.starts_with("150x: ")) << grid.error().reason;
}

TEST(LiquidationOdds, EqualsBruteForceOnMarch2020)
{
    // 44,640 real one-minute bars: large enough for the two workers to share the grid.
    LEVLAB_REQUIRE_DATA(path, "bitmex/bitmex_XBTUSD_1m_2020-03.csv");
    const PriceHistory h = importCsvPrices(test::readAll(path));
    ASSERT_TRUE(h.report.refused.empty());
    OddsPosition plan = bitmexInverse();
    plan.stopDistance = 0.02;
    const std::vector<double> leverages{10, 25};
    const std::vector<double> hours{1, 4};
    auto grid = liquidationOdds(h.bars, 60, plan, leverages, hours);
    ASSERT_TRUE(grid.ok());
    ASSERT_EQ(grid->cells.size(), 8u);
    for (const OddsCell& c : grid->cells) {
        const Expected e = bruteForce(h.bars, 60, plan, c.side, c.leverage, c.hours);
        SCOPED_TRACE(testing::Message() << (c.side == Side::Long ? "long " : "short ") << c.leverage << "x " << c.hours << " h");
        EXPECT_EQ(c.entries, e.entries);
        EXPECT_EQ(c.liquidated, e.liquidated);
        EXPECT_EQ(c.stoppedFirst, e.stoppedFirst);
        EXPECT_EQ(c.worstEntry, e.worstEntry);
        EXPECT_GT(c.liquidated, 0u);
    }
}

TEST(LiquidationOdds, BlackThursdayTenTimesLongByHand)
{
    LEVLAB_REQUIRE_DATA(path, "bitmex/bitmex_XBTUSD_1m_2020-03.csv");
    const PriceHistory h = importCsvPrices(test::readAll(path));
    ASSERT_TRUE(h.report.refused.empty());
    // The bin ending 2020-03-12T00:00 opens 2020-03-11 23:59 at 7,931.5 (line 15,842 of the file).
    const std::int64_t entryTime = 1583971200 - 60;
    const auto it = std::find_if(h.bars.begin(), h.bars.end(), [&](const Bar& b) { return b.time == entryTime; });
    ASSERT_NE(it, h.bars.end());
    const auto entry = static_cast<std::size_t>(it - h.bars.begin());
    EXPECT_EQ(it->open, 7931.5);
    // BitMEX inverse, 10x isolated, maintenance 0.5% + taker fee 0.075%, no funding due:
    // P = E ÷ (1 + 1/10 − 0.00575) = 7,931.5 ÷ 1.09425 = 7,248.3436…
    const OddsPosition plan = bitmexInverse();
    const auto ratio = liquidationRatio(plan, Side::Long, 10.0);
    ASSERT_TRUE(ratio.ok() && *ratio);
    const double liq = **ratio * 7931.5;
    EXPECT_NEAR(liq, 7931.5 / 1.09425, 1e-6);
    // Found by hand (awk over the file): the first bin from the entry with low ≤ 7,248.34 is the one
    // ending 2020-03-12T10:20 (line 16,462: o 7261, h 7261.5, l 7240, c 7248.5); every bin before it
    // stays above (the lowest before it is 7,259, in the bin ending 10:16).
    const auto hit = firstPassage(h.bars, entry, h.bars.size() - 1, Side::Long, liq);
    ASSERT_TRUE(hit);
    EXPECT_EQ(h.bars[*hit].time + 60, 1583971200 + 10 * 3600 + 20 * 60);
    EXPECT_EQ(h.bars[*hit].low, 7240.0);
    EXPECT_EQ(h.bars[*hit].open, 7261.0);
    EXPECT_EQ(*hit - entry, 16462u - 15842u);
}

}  // namespace
}  // namespace levlab::engine
