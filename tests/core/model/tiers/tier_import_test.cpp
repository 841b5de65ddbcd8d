// Today's risk-limit tables from each venue's saved response (fixtures/README.md
// names the documentation each shape comes from), their refusals, and the user
// overlay over the shipped tables.
#include "core/model/tiers/tier_import.h"
#include "core/model/tiers/user_tiers.h"
#include "tests/core/market_data.h"
#include "tests/core/model/tiers/tier_fixtures.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

using engine::Bracket;
using engine::Venue;

const auto fixture = levlab::test::tierFixture;

TierImportRequest request(Venue venue, const char* symbol)
{
    return { venue, QString::fromLatin1(symbol), QDateTime(QDate(2026, 12, 2), QTime(11, 30), Qt::UTC), std::nullopt };
}

TEST(TierImport, BinanceLeverageBracketSavedByTheUser)
{
    const auto t = importTierResponse(request(Venue::Binance, "BTCUSDT"), fixture("binance_leverage_bracket.json"));
    ASSERT_TRUE(t.ok()) << t.error().message();
    EXPECT_EQ(t->table.style, engine::BracketStyle::Cumulative);
    EXPECT_EQ(t->table.brackets,
        (std::vector<Bracket> { { 0, 50000, 0.004, 0, 125 }, { 50000, 250000, 0.005, 50, 100 },
            { 250000, 1000000, 0.01, 1300, 50 }, { 1000000, 10000000, 0.025, 16300, 20 } }));
    EXPECT_EQ(t->asOf, QStringLiteral("2026-12-02"));
    EXPECT_EQ(t->fetchedAt, QStringLiteral("2026-12-02T11:30:00Z"));
    EXPECT_EQ(t->source, QStringLiteral("Binance GET /fapi/v1/leverageBracket, saved by the user"));
}

TEST(TierImport, BybitLinearWithDeductionsAndInverseInPercent)
{
    const auto linear = importTierResponse(request(Venue::Bybit, "BTCUSDT"), fixture("bybit_risk_limit_linear.json"));
    ASSERT_TRUE(linear.ok()) << linear.error().message();
    EXPECT_EQ(linear->table.brackets,
        (std::vector<Bracket> { { 0, 2000000, 0.005, 0, 100 }, { 2000000, 4000000, 0.01, 10000, 50 },
            { 4000000, 6000000, 0.015, 30000, 33.33 } }));
    const auto inverse = importTierResponse(request(Venue::Bybit, "BTCUSD"), fixture("bybit_risk_limit_inverse.json"));
    ASSERT_TRUE(inverse.ok()) << inverse.error().message();
    EXPECT_EQ(inverse->contract, engine::ContractKind::Inverse);
    // "0.5" with an initial margin of "1" at 100x: percentages. The deduction keeps
    // the requirement continuous at 150 BTC: 150 × (0.01 − 0.005) = 0.75.
    EXPECT_EQ(
        inverse->table.brackets, (std::vector<Bracket> { { 0, 150, 0.005, 0, 100 }, { 150, 300, 0.01, 0.75, 66.67 } }));
}

TEST(TierImport, OkxTiersStayInContracts)
{
    auto req = request(Venue::Okx, "BTC-USDT-SWAP");
    const auto without = importTierResponse(req, fixture("okx_position_tiers.json"));
    ASSERT_FALSE(without.ok());
    EXPECT_EQ(
        without.error().message(), "contract_size: OKX counts these tiers in contracts: give the size of one contract");
    req.contractSize = 0.01;
    const auto t = importTierResponse(req, fixture("okx_position_tiers.json"));
    ASSERT_TRUE(t.ok()) << t.error().message();
    EXPECT_EQ(t->table.unit, engine::BracketUnit::Contracts);
    EXPECT_EQ(t->table.style, engine::BracketStyle::Step);
    EXPECT_EQ(*t->contractSize, 0.01);
    EXPECT_EQ(t->table.brackets,
        (std::vector<Bracket> {
            { 0, 50000, 0.004, 0, 100 }, { 50000, 100000, 0.006, 0, 75 }, { 100000, 200000, 0.008, 0, 50 } }));
}

TEST(TierImport, GateTiersWithDeductionsAreCumulative)
{
    const auto t = importTierResponse(request(Venue::Gate, "BTC_USDT"), fixture("gate_risk_limit_tiers.json"));
    ASSERT_TRUE(t.ok()) << t.error().message();
    EXPECT_EQ(t->table.style, engine::BracketStyle::Cumulative);
    EXPECT_EQ(t->table.brackets,
        (std::vector<Bracket> { { 0, 1000000, 0.005, 0, 100 }, { 1000000, 2000000, 0.01, 5000, 50 },
            { 2000000, 3000000, 0.015, 15000, 33.33 } }));
}

TEST(TierImport, HyperliquidMetaMarginTablesMatchTheShippedTable)
{
    const auto btc = importTierResponse(request(Venue::Hyperliquid, "BTC"), fixture("hyperliquid_meta.json"));
    ASSERT_TRUE(btc.ok()) << btc.error().message();
    // The last row is open-ended (the engine applies it beyond its cap); 1e9 as shipped.
    // Half the initial margin at 40x and 20x; 150,000,000 × (0.025 − 0.0125) = 1,875,000.
    EXPECT_EQ(btc->table.brackets,
        (std::vector<Bracket> { { 0, 150000000, 0.0125, 0, 40 }, { 150000000, 1000000000, 0.025, 1875000, 20 } }));
    const TierLibrary shipped = TierLibrary::loadShipped();
    EXPECT_EQ(btc->table.brackets, shipped.find(Venue::Hyperliquid, QStringLiteral("BTC"))->table.brackets);
    const auto eth = importTierResponse(request(Venue::Hyperliquid, "ETH"), fixture("hyperliquid_meta.json"));
    ASSERT_TRUE(eth.ok()) << eth.error().message();
    EXPECT_EQ(eth->table.brackets, (std::vector<Bracket> { { 0, 1000000000, 0.02, 0, 25 } })); // flat table 25
}

TEST(TierImport, BitmexRiskLimitAndStepGiveTheShippedSteps)
{
    const auto t = importTierResponse(request(Venue::Bitmex, "XBTUSD"), fixture("bitmex_instrument.json"));
    ASSERT_TRUE(t.ok()) << t.error().message();
    const TierLibrary library = TierLibrary::loadShipped();
    const auto& shipped = library.find(Venue::Bitmex, QStringLiteral("XBTUSD"))->table.brackets;
    ASSERT_EQ(t->table.brackets.size(), shipped.size());
    for (std::size_t i = 0; i < shipped.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(t->table.brackets[i].notionalFloor, shipped[i].notionalFloor);
        EXPECT_EQ(t->table.brackets[i].notionalCap, shipped[i].notionalCap);
        EXPECT_DOUBLE_EQ(t->table.brackets[i].mmRate, shipped[i].mmRate); // 0.005 × (i + 1)
        EXPECT_EQ(t->table.brackets[i].maxLeverage, shipped[i].maxLeverage);
    }
}

TEST(TierImport, TheRecordedBitmexInstrumentFrameReadsToo)
{
    LEVLAB_REQUIRE_DATA(path, "feeds/bitmex.jsonl");
    const QList<QByteArray> lines = QByteArray::fromStdString(test::readAll(path)).split('\n');
    const QByteArray data
        = QJsonDocument::fromJson(lines.at(5)).object().value(QLatin1String("data")).toArray().isEmpty()
        ? QByteArray()
        : QJsonDocument(QJsonDocument::fromJson(lines.at(5)).object().value(QLatin1String("data")).toArray()).toJson();
    const auto t = importTierResponse(request(Venue::Bitmex, "XBTUSD"), data);
    ASSERT_TRUE(t.ok()) << t.error().message();
    EXPECT_EQ(t->table.brackets.front(), (Bracket { 0, 200, 0.005, 0, 100 }));
    EXPECT_EQ(t->table.brackets.at(1).maxLeverage, 66.67);
}

struct Refusal {
    const char* body;
    const char* message;
};

TEST(TierImport, RefusesWithTheRowAndTheReason)
{
    const Refusal cases[] = {
        { R"([{"symbol":"BTCUSDT","brackets":[{"initialLeverage":50,"notionalCap":50000,"notionalFloor":0,"maintMarginRatio":0.004,"cum":0},{"initialLeverage":100,"notionalCap":250000,"notionalFloor":50000,"maintMarginRatio":0.005,"cum":50}]}])",
            "tiers[1]: its maximum leverage 100x is above the previous row's 50x: a larger position cannot be allowed "
            "more leverage" },
        { R"([{"symbol":"BTCUSDT","brackets":[{"initialLeverage":125,"notionalCap":50000,"notionalFloor":0,"maintMarginRatio":0.004,"cum":0},{"initialLeverage":100,"notionalCap":250000,"notionalFloor":60000,"maintMarginRatio":0.005,"cum":50}]}])",
            "tiers[1]: its lower bound 60000 does not continue the previous row's upper bound 50000" },
        { R"([{"symbol":"BTCUSDT","brackets":[{"initialLeverage":125,"notionalCap":50000,"notionalFloor":0,"maintMarginRatio":0.004,"cum":0},{"initialLeverage":100,"notionalCap":250000,"notionalFloor":50000,"maintMarginRatio":"x","cum":50}]}])",
            "tiers[1].maintMarginRatio: is missing or not a number" },
        { R"([{"symbol":"ETHUSDT","brackets":[]}])", "symbol: the response has no brackets for BTCUSDT" },
    };
    for (const Refusal& c : cases) {
        const auto t = importTierResponse(request(Venue::Binance, "BTCUSDT"), QByteArray(c.body));
        ASSERT_FALSE(t.ok()) << c.body;
        EXPECT_EQ(t.error().message(), c.message) << c.body;
    }
    // A maintenance amount that breaks continuity: 50,000 × (0.005 − 0.004) is 50, not 60.
    const auto jump = importTierResponse(request(Venue::Binance, "BTCUSDT"),
        R"([{"symbol":"BTCUSDT","brackets":[{"initialLeverage":125,"notionalCap":50000,"notionalFloor":0,"maintMarginRatio":0.004,"cum":0},{"initialLeverage":100,"notionalCap":250000,"notionalFloor":50000,"maintMarginRatio":0.005,"cum":60}]}])");
    ASSERT_FALSE(jump.ok());
    EXPECT_EQ(jump.error().field, "tiers[1].maintenance_amount");
    const auto notJson = importTierResponse(request(Venue::Bybit, "BTCUSDT"), "{\"retCode\":0,");
    ASSERT_FALSE(notJson.ok());
    EXPECT_EQ(notJson.error().reason.rfind("the file is not JSON", 0), 0u) << notJson.error().reason;
    const auto refused
        = importTierResponse(request(Venue::Bybit, "BTCUSDT"), R"({"retCode":10001,"retMsg":"params error"})");
    EXPECT_EQ(refused.error().message(), "retCode: the response is a refusal: params error");
}

TEST(TierLibraryOverlay, AnImportedTableIsUsedAndTheShippedOneIsTheFallback)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const TierLibrary before = TierLibrary::loadWithUserTables(dir.path());
    const TierTable* shipped = before.find(Venue::Binance, QStringLiteral("BTCUSDT"));
    ASSERT_NE(shipped, nullptr);
    EXPECT_FALSE(shipped->user);
    EXPECT_EQ(shipped->asOf, QStringLiteral("2021-03-26"));

    const auto t = importTierResponse(request(Venue::Binance, "BTCUSDT"), fixture("binance_leverage_bracket.json"));
    ASSERT_TRUE(t.ok());
    const auto path = saveUserTable(*t, dir.path());
    ASSERT_TRUE(path.ok()) << path.error().message();
    EXPECT_TRUE(path->endsWith(QStringLiteral("/binance_btcusdt.json")));

    const TierLibrary after = TierLibrary::loadWithUserTables(dir.path());
    EXPECT_TRUE(after.errors().isEmpty()) << after.errors().join(QLatin1Char('\n')).toStdString();
    const TierTable* used = after.find(Venue::Binance, QStringLiteral("BTCUSDT"));
    ASSERT_NE(used, nullptr);
    EXPECT_TRUE(used->user);
    EXPECT_EQ(used->asOf, QStringLiteral("2026-12-02"));
    EXPECT_EQ(used->fetchedAt, QStringLiteral("2026-12-02T11:30:00Z"));
    EXPECT_EQ(used->table.brackets.size(), 4u);
    // Found by every name of the shipped table it replaces, and the shipped one stays.
    for (const QString& alias : shipped->symbols)
        EXPECT_EQ(after.find(Venue::Binance, alias), used) << alias.toStdString();
    EXPECT_EQ(after.findShipped(Venue::Binance, QStringLiteral("BTCUSDT"))->asOf, QStringLiteral("2021-03-26"));
    // Other venues and symbols keep their shipped tables.
    EXPECT_FALSE(after.find(Venue::Binance, QStringLiteral("ETHUSDT"))->user);

    // Without the user's file (removed, or another machine), the shipped table again.
    ASSERT_TRUE(QFile::remove(*path));
    EXPECT_FALSE(TierLibrary::loadWithUserTables(dir.path()).find(Venue::Binance, QStringLiteral("BTCUSDT"))->user);
}

TEST(TierLibraryOverlay, AUserFileThatDoesNotReadIsReportedAndSkipped)
{
    QTemporaryDir dir;
    QFile bad(dir.filePath(QStringLiteral("binance_btcusdt.json")));
    ASSERT_TRUE(bad.open(QIODevice::WriteOnly));
    bad.write("{\"venue\":\"binance\"");
    bad.close();
    const TierLibrary lib = TierLibrary::loadWithUserTables(dir.path());
    ASSERT_EQ(lib.errors().size(), 1);
    EXPECT_TRUE(lib.errors().at(0).contains(QStringLiteral("binance_btcusdt.json")));
    EXPECT_FALSE(lib.find(Venue::Binance, QStringLiteral("BTCUSDT"))->user);
}

} // namespace
} // namespace levlab::model
