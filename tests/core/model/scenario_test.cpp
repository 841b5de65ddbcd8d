#include "core/model/scenario/scenario.h"
#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

#include <QJsonArray>

namespace levlab::model {
namespace {

const TierLibrary& shipped()
{
    static const TierLibrary lib = TierLibrary::loadShipped();
    return lib;
}

engine::Result<engine::AccountResult> evaluate(const char* json)
{
    auto scenario = parseScenario(QByteArray(json), shipped());
    if (!scenario)
        return scenario.error();
    return engine::evaluateAccount(scenario.value());
}

std::string refusal(const char* json)
{
    auto r = evaluate(json);
    return r.ok() ? std::string("accepted") : r.error().message();
}

TEST(Scenario, DocumentedExampleEvaluates)
{
    auto r = evaluate(R"({"venue": "textbook", "wallet_balance": 1000,
        "positions": [{"id": "btc", "symbol": "BTCUSDT", "contract": "linear", "contract_size": 1,
          "side": "long", "quantity": 1, "entry_price": 10000, "mark_price": 10000,
          "mode": "isolated", "leverage": 10, "isolated_margin": 1000,
          "mm_rate": 0.01, "maintenance_amount": 0, "max_leverage": 50,
          "fee_rate": 0.0006, "funding_rate": 0.0001}]})");
    ASSERT_TRUE(r.ok()) << r.error().message();
    const QJsonObject out = accountResultToJson(r.value());
    const QJsonObject p = out.value(QStringLiteral("positions")).toArray().at(0).toObject();
    EXPECT_EQ(p.value(QStringLiteral("id")).toString(), QStringLiteral("btc"));
    EXPECT_DOUBLE_EQ(p.value(QStringLiteral("liquidation_price")).toDouble(), 9100.0);
    EXPECT_DOUBLE_EQ(p.value(QStringLiteral("bankruptcy_price")).toDouble(), 9000.0);
    EXPECT_DOUBLE_EQ(p.value(QStringLiteral("initial_margin")).toDouble(), 1000.0);
    EXPECT_DOUBLE_EQ(p.value(QStringLiteral("maintenance_margin")).toDouble(), 100.0);
    EXPECT_DOUBLE_EQ(p.value(QStringLiteral("funding_payment")).toDouble(), 1.0);
    EXPECT_DOUBLE_EQ(p.value(QStringLiteral("liquidation_distance")).toDouble(), 0.09);
    const QJsonObject account = out.value(QStringLiteral("account")).toObject();
    EXPECT_DOUBLE_EQ(account.value(QStringLiteral("equity")).toDouble(), 1000.0);
    EXPECT_TRUE(account.value(QStringLiteral("shock_to_liquidation")).isNull());
}

TEST(Scenario, DefaultsMarkToEntryAndMarginToInitial)
{
    auto r = evaluate(R"({"positions": [{"side": "short", "quantity": 2, "entry_price": 5000, "leverage": 5, "mm_rate": 0.01}]})");
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_DOUBLE_EQ(r->positions[0].margin, 2000.0);
    EXPECT_DOUBLE_EQ(*r->positions[0].liquidationPrice, 5000 + (2000 - 100) / 2.0);
    EXPECT_EQ(r->positions[0].id, "p0");
}

TEST(Scenario, ShippedTableAppliesWhenNoRateIsGiven)
{
    // Binance BTCUSDT at 264,000 notional: 1%, amount 1,300 (the FAQ's example row).
    auto r = evaluate(R"({"venue": "binance", "positions": [{"symbol": "BTCUSDT", "side": "long",
        "quantity": 26.4, "entry_price": 10000, "leverage": 20}]})");
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_DOUBLE_EQ(r->positions[0].mmRate, 0.01);
    EXPECT_DOUBLE_EQ(r->positions[0].maintenanceAmount, 1300.0);
}

TEST(Scenario, InlineBracketsReplaceTheShippedTable)
{
    auto r = evaluate(R"({"venue": "binance", "positions": [{"symbol": "BTCUSDT", "side": "long",
        "quantity": 1, "entry_price": 10000, "leverage": 10,
        "brackets": [{"notional_floor": 0, "notional_cap": 50000, "mm_rate": 0.004, "maintenance_amount": 0, "max_leverage": 125}]}]})");
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(*r->positions[0].liquidationPrice, 9000.0 / 0.996, 1e-9);
}

TEST(Scenario, LeverageAboveTheShippedBracketIsRefused)
{
    EXPECT_EQ(refusal(R"({"venue": "binance", "positions": [{"symbol": "BTCUSDT", "side": "long",
        "quantity": 30, "entry_price": 10000, "leverage": 75}]})"),
              "positions[0].leverage: 75x is above the 50x maximum of bracket 3 (notional 250000 to 1000000)");
}

TEST(Scenario, RefusalsNameTheField)
{
    EXPECT_EQ(refusal(R"({"venue": "kraken", "positions": []})"),
              "venue: 'kraken' is not one of textbook, binance, bybit, okx, gate, hyperliquid, bitmex");
    EXPECT_EQ(refusal(R"({"positions": [{"side": "up", "quantity": 1, "entry_price": 1, "leverage": 2, "mm_rate": 0.01}]})"),
              "positions[0].side: 'up' is not one of long, short");
    EXPECT_EQ(refusal(R"({"positions": [{"side": "long", "quantity": "1", "entry_price": 1, "leverage": 2, "mm_rate": 0.01}]})"),
              "positions[0].quantity: must be a number");
    EXPECT_EQ(refusal(R"({"positions": [{"side": "long", "entry_price": 1, "leverage": 2, "mm_rate": 0.01}]})"),
              "positions[0].quantity: is required");
    EXPECT_EQ(refusal(R"({"positions": [{"side": "long", "quantity": 1, "entry_price": -1, "leverage": 2, "mm_rate": 0.01}]})"),
              "positions[0].entry_price: must be a finite number greater than 0");
    EXPECT_EQ(refusal(R"({"positions": {}})"), "positions: must be an array of positions");
    EXPECT_EQ(refusal(R"({"venue": "bitmex", "positions": [{"symbol": "XBTUSD", "side": "long", "quantity": 100, "entry_price": 10000, "leverage": 10}]})"),
              "positions[0].contract: XBTUSD on bitmex is an inverse contract");
}

TEST(Scenario, SyntaxErrorsGiveLineAndColumn)
{
    const std::string m = refusal("{\n  \"venue\": \"binance\",\n  \"positions\": [\n    {\"side\": \"long\" \"quantity\": 1}\n  ]\n}");
    EXPECT_EQ(m.rfind("line 4, column ", 0), 0u) << m;
}

}  // namespace
}  // namespace levlab::model
