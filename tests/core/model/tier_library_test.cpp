#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

#include <cmath>

namespace levlab::model {
namespace {

TEST(TierLibrary, EveryShippedTableParsesAndValidates)
{
    const TierLibrary lib = TierLibrary::loadShipped();
    EXPECT_TRUE(lib.errors().isEmpty()) << lib.errors().join(QLatin1Char('\n')).toStdString();
    EXPECT_GE(lib.tables().size(), 11u);
    for (const TierTable& t : lib.tables()) {
        SCOPED_TRACE(t.symbols.front().toStdString());
        EXPECT_FALSE(t.source.isEmpty());
        EXPECT_EQ(t.asOf.size(), 10);
    }
}

TEST(TierLibrary, EachVenueShipsBitcoinAndMostShipEther)
{
    const TierLibrary lib = TierLibrary::loadShipped();
    for (engine::Venue v : {engine::Venue::Binance, engine::Venue::Bybit, engine::Venue::Okx, engine::Venue::Gate}) {
        EXPECT_NE(lib.find(v, QStringLiteral("btcusdt")), nullptr) << engine::venueName(v);
        EXPECT_NE(lib.find(v, QStringLiteral("ETHUSDT")), nullptr) << engine::venueName(v);
    }
    EXPECT_NE(lib.find(engine::Venue::Hyperliquid, QStringLiteral("BTC")), nullptr);
    EXPECT_NE(lib.find(engine::Venue::Hyperliquid, QStringLiteral("ETH")), nullptr);
    const TierTable* xbt = lib.find(engine::Venue::Bitmex, QStringLiteral("XBTUSD"));
    ASSERT_NE(xbt, nullptr);
    EXPECT_EQ(xbt->contract, engine::ContractKind::Inverse);
    EXPECT_EQ(xbt->table.style, engine::BracketStyle::Step);
    // Reference text 000: XBTUSD asks 1% initial and 0.5% maintenance at the base risk limit.
    EXPECT_DOUBLE_EQ(xbt->table.brackets.front().mmRate, 0.005);
    EXPECT_DOUBLE_EQ(xbt->table.brackets.front().maxLeverage, 100.0);
    EXPECT_EQ(lib.find(engine::Venue::Binance, QStringLiteral("XBTUSD")), nullptr);
}

TEST(TierLibrary, HyperliquidMaintenanceIsHalfTheInitialAtMaxLeverage)
{
    const TierLibrary lib = TierLibrary::loadShipped();
    for (const TierTable& t : lib.tables()) {
        if (t.venue != engine::Venue::Hyperliquid)
            continue;
        for (const auto& b : t.table.brackets)
            EXPECT_NEAR(b.mmRate, 1.0 / (2.0 * b.maxLeverage), 1e-12);
    }
}

TEST(TierLibrary, MalformedFilesAreReportedByField)
{
    auto r = parseTierTable(R"({"venue": "binance", "symbols": ["X"], "contract": "linear", "as_of": "2021-03-26",
        "source": "s", "style": "cumulative", "brackets": [{"notional_floor": 0, "notional_cap": 10, "mm_rate": "0.1", "max_leverage": 5}]})");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message(), "brackets[0].mm_rate: must be a number");
    auto d = parseTierTable(R"({"venue": "binance", "symbols": ["X"], "contract": "linear", "as_of": "March",
        "source": "s", "style": "cumulative", "brackets": []})");
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().message(), "as_of: must be a date, YYYY-MM-DD");
}

TEST(TierLibrary, AFieldTheFormatDoesNotKnowIsRefused)
{
    auto r = parseTierTable(R"({"venue": "binance", "symbols": ["X"], "contract": "linear", "as_of": "2021-03-26",
        "source": "s", "style": "cumulative", "brackets": [{"notional_floor": 0, "notional_cap": 10, "mm_rate": 0.1, "max_leverage": 5,
        "maintenance_amont": 2}]})");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message(), "brackets[0].maintenance_amont: is not a known field");
    auto t = parseTierTable(R"({"venue": "binance", "symbols": ["X"], "contract": "linear", "as_of": "2021-03-26", "tick": 0.1,
        "source": "s", "style": "cumulative", "brackets": [{"notional_floor": 0, "notional_cap": 10, "mm_rate": 0.1}]})");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().message(), "tick: is not a known field");
    // A key with no name is named as written (found by fuzz_tiers).
    auto e = parseTierTable(R"({"venue": "binance", "symbols": ["X"], "contract": "linear", "as_of": "2021-03-26", "": 1,
        "source": "s", "style": "cumulative", "brackets": [{"notional_floor": 0, "notional_cap": 10, "mm_rate": 0.1}]})");
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().message(), "\"\": is not a known field");
    auto n = parseTierTable(R"({"venue": "binance", "symbols": ["X"], "contract": "linear", "as_of": "2021-03-26",
        "source": "s", "style": "cumulative", "brackets": [{"notional_floor": 0, "notional_cap": 10, "mm_rate": 0.1, "": 2}]})");
    ASSERT_FALSE(n.ok());
    EXPECT_EQ(n.error().message(), "brackets[0].\"\": is not a known field");
    // The shipped files' notes are read, not skipped.
    const TierLibrary lib = TierLibrary::loadShipped();
    EXPECT_EQ(lib.find(engine::Venue::Bitmex, QStringLiteral("XBTUSD"))->notionalCurrency, QStringLiteral("XBT"));
}

}  // namespace
}  // namespace levlab::model
