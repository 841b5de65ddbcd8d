// Hedge mode in the portfolio: a long and a short of the same symbol in one
// cross wallet, computed as the exchange does.
#include "core/model/portfolio/portfolio_model.h"
#include "core/model/scenario/scenario.h"
#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

TEST(HedgePortfolio, ALongAndAShortOfOneSymbolShareItsLiquidationPrice)
{
    const TierLibrary tiers = TierLibrary::loadShipped();
    PortfolioModel m(tiers);
    ASSERT_FALSE(m.setVenue(engine::Venue::Binance));
    while (!m.holdings().empty())
        ASSERT_FALSE(m.remove(0));
    ASSERT_FALSE(m.setWallet(2000));
    m.setMarks({{QStringLiteral("BTC"), 10000.0}}, 0.0);
    Holding l;
    l.symbol = QStringLiteral("BTCUSDT");
    l.side = engine::Side::Long;
    l.quantity = 1;
    l.entry = 10000;
    l.mmRate = 0.01;
    Holding s = l;
    s.side = engine::Side::Short;
    s.quantity = 0.5;
    ASSERT_FALSE(m.add(l));
    const auto refused = m.add(s);
    ASSERT_FALSE(refused) << "hedge mode: both legs are accepted; " << refused->message().toStdString();
    ASSERT_TRUE(m.snapshot().valid) << m.snapshot().problem.toStdString();
    // Binance's hedge-mode cross formula (see the engine's hedge test), with a wallet of 2,000 (enough for
    // the all-isolated comparison too): (2,000 − 10,000 + 5,000) / (0.01 + 0.005 − 1 + 0.5) = 6,185.57…
    const auto& positions = m.snapshot().account.positions;
    ASSERT_EQ(positions.size(), 2u);
    EXPECT_NEAR(*positions[0].liquidationPrice, 3000.0 / 0.485, 1e-6);
    EXPECT_NEAR(*positions[1].liquidationPrice, 3000.0 / 0.485, 1e-6);
}

TEST(ContractTierFile, TiersCountedInContractsSetTheContractSize)
{
    // An OKX table published in contracts of 0.01 BTC.
    auto t = parseTierTable(R"({"venue": "okx", "symbols": ["TEST-USDT-SWAP"], "contract": "linear", "as_of": "2024-01-01",
        "source": "a test table", "style": "step", "unit": "contracts", "contract_size": 0.01,
        "brackets": [{"notional_floor": 0, "notional_cap": 1000, "mm_rate": 0.004, "max_leverage": 100},
                     {"notional_floor": 1000, "notional_cap": 2000, "mm_rate": 0.006, "max_leverage": 75}]})");
    ASSERT_TRUE(t.ok()) << t.error().message();
    EXPECT_EQ(t->table.unit, engine::BracketUnit::Contracts);
    TierLibrary lib;
    lib.add(t.value());
    // 1,500 contracts long at 20,000, 10x: 15 BTC in the second tier: 270,000 / (15 × 0.994).
    auto s = parseScenario(R"({"venue": "okx", "positions": [{"symbol": "TEST-USDT-SWAP", "side": "long", "quantity": 1500,
        "entry_price": 20000, "leverage": 10}]})", lib);
    ASSERT_TRUE(s.ok()) << s.error().message();
    EXPECT_DOUBLE_EQ(s->positions[0].contract.contractSize, 0.01);
    auto r = engine::evaluateAccount(s.value());
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_NEAR(*r->positions[0].liquidationPrice, 270000.0 / 14.91, 1e-9);

    auto wrong = parseScenario(R"({"venue": "okx", "positions": [{"symbol": "TEST-USDT-SWAP", "side": "long", "quantity": 15,
        "contract_size": 1, "entry_price": 20000, "leverage": 10}]})", lib);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().message(), "positions[0].contract_size: is 1, but TEST-USDT-SWAP's tiers count contracts of 0.01");
}

}  // namespace
}  // namespace levlab::model
