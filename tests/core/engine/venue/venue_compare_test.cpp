#include "core/engine/venue/venue_compare.h"

#include "tests/core/engine/test_positions.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace levlab::engine;

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

AccountInput on(Venue venue, PositionInput p)
{
    AccountInput a;
    a.venue = venue;
    a.positions = {std::move(p)};
    return a;
}

TEST(VenueCompare, FiguresAreEvaluatesAndReasonsComeFromTheRules)
{
    PositionInput p = test::linear(Side::Long, 1.0, 10000.0, 10.0, 0.01);
    p.feeRate = 0.0005;
    p.fundingRate = 0.0001;
    std::vector<AccountInput> venues;
    for (Venue v : kAllVenues)
        venues.push_back(on(v, p));
    const auto rows = compareVenues(venues);
    ASSERT_EQ(rows.size(), kAllVenues.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto e = evaluatePosition(kAllVenues[i], p);
        ASSERT_TRUE(rows[i].position && e.ok());
        EXPECT_EQ(rows[i].position->liquidationPrice, e->liquidationPrice);
        EXPECT_EQ(rows[i].position->maintenanceMargin, e->maintenanceMargin);
        EXPECT_DOUBLE_EQ(rows[i].openFee, 5.0);
        EXPECT_DOUBLE_EQ(rows[i].closeFee, 5.0);
    }
    // Textbook: 1% of the value at entry, nothing else → 9,100.
    EXPECT_DOUBLE_EQ(*rows[0].position->liquidationPrice, 9100.0);
    EXPECT_EQ(rows[0].reasons, std::vector<std::string>{"maintenance rate 1% as given"});
    const auto& okx = rows[3].reasons;
    EXPECT_TRUE(has(okx, "maintenance includes the taker fee (0.05%)"));
    EXPECT_TRUE(has(okx, "maintenance is a rate of the value at the price, not at entry"));
    const auto& bitmex = rows[6].reasons;
    EXPECT_TRUE(has(bitmex, "maintenance includes the funding the position pays (0.01%)"));
    EXPECT_FALSE(has(bitmex, "maintenance is a rate of the value at the price, not at entry"));
}

TEST(VenueCompare, RowAndHalfTheInitialMarginFromTheTable)
{
    PositionInput p = test::linear(Side::Long, 1.0, 60000.0, 10.0, 0.01);
    p.mmRate.reset();
    p.brackets.brackets = {{0, 150'000'000, 0.0125, 0, 40}};
    const auto hl = compareVenues({on(Venue::Hyperliquid, p)});
    EXPECT_TRUE(has(hl[0].reasons, "maintenance is half the initial margin at 40x (1.25%)"));
    EXPECT_TRUE(has(hl[0].reasons, "row looked up at the liquidation notional"));
    p.brackets.brackets = {{0, 50000, 0.004, 0, 125}, {50000, 250000, 0.005, 50, 100}};
    const auto bn = compareVenues({on(Venue::Binance, p)});
    EXPECT_TRUE(has(bn[0].reasons, "maintenance rate 0.5% from row 2 of Binance's table (notional 50000 to 250000), at most 100x, less 50"));
    p.leverage = 150.0;
    const auto refused = compareVenues({on(Venue::Binance, p)});
    ASSERT_TRUE(refused[0].refusal.has_value());
    EXPECT_FALSE(refused[0].position.has_value());
}

}  // namespace
