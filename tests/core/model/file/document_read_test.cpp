// A .levlab file that cannot be read is refused with its line and column and what is
// wrong in words, and the work on screen stays as it was; a good one loads with one
// change signal per model.
#include "core/model/file/document.h"
#include "core/model/file/document_binding.h"
#include "tests/core/model/file/document_session.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

using testing::Session;

const TierLibrary& tiers()
{
    static const TierLibrary lib = TierLibrary::loadShipped();
    return lib;
}

// Line numbers below count from this text's first line, "{".
const QByteArray kPlan = R"({
    "format": "levlab/1",
    "market": {
        "funding_rate": 0.0001,
        "history_minutes": 60,
        "marks": {"BTC": 42000, "ETH": 2300, "SOL": 100},
        "scenario": "normal",
        "seed": 7,
        "speed": 0,
        "time_ms": 1704067200000
    },
    "plan": {
        "positions": [
            {
                "leverage": 10,
                "mode": "isolated",
                "quantity": 0.5,
                "side": "long",
                "stop_loss": 41160,
                "symbol": "BTCUSDT",
                "take_profit": 43680
            }
        ],
        "venue": "binance",
        "wallet_balance": 10000
    }
}
)";

QByteArray with(const char* from, const char* to)
{
    QByteArray text = kPlan;
    EXPECT_TRUE(text.contains(from)) << from;
    return text.replace(from, to);
}

std::string refusal(const QByteArray& text)
{
    auto doc = readDocument(text);
    return doc ? std::string("(read)") : doc.error().message();
}

TEST(DocumentRead, AHandWrittenPlanReadsAsWritten)
{
    auto doc = readDocument(kPlan);
    ASSERT_TRUE(doc) << doc.error().message();
    const PlanInputs& in = doc.value().plan->inputs;
    EXPECT_EQ(in.venue, engine::Venue::Binance);
    EXPECT_EQ(in.symbol, QStringLiteral("BTCUSDT"));
    EXPECT_TRUE(in.entryAtMarket);
    EXPECT_EQ(in.sizeMode, SizeMode::Quantity);
    EXPECT_EQ(in.size, 0.5);
    EXPECT_EQ(in.marginMode, engine::MarginMode::Isolated);
    EXPECT_EQ(in.stopLoss, 41160.0);
    EXPECT_EQ(in.feeRate, 0.0);  // as levlab-cli evaluate: no fee unless given
    EXPECT_EQ(doc.value().plan->life.state, TradeState::Planning);
    EXPECT_FALSE(doc.value().portfolio.has_value());
    EXPECT_EQ(doc.value().market.seed, 7u);
    EXPECT_EQ(doc.value().market.marks.front(), std::make_pair(QStringLiteral("BTC"), 42000.0));
}

TEST(DocumentRead, ErrorsNameTheLineAndColumnOfTheValue)
{
    EXPECT_EQ(refusal(with("\"leverage\": 10", "\"leverage\": \"ten\"")), "15:29: \"leverage\" must be a number");
    EXPECT_EQ(refusal(with("\"isolated\",", "\"isolated\", \"levrage\": 10,")), "16:37: unknown field \"levrage\"");
    EXPECT_EQ(refusal(with("\"isolated\",", "\"isolated\", \"leverage\": 20,")), "16:37: \"leverage\" is given twice");
    EXPECT_EQ(refusal(with("                \"side\": \"long\",\n", "")), "14:13: \"side\" is required");
    EXPECT_EQ(refusal(with("\"side\": \"long\"", "\"side\": \"up\"")), "18:25: \"side\" must be one of long, short, not 'up'");
    EXPECT_EQ(refusal(with("\"format\": \"levlab/1\"", "\"format\": \"levlab/2\"")),
              "2:15: \"format\" is levlab/2, a version this Leverage Lab cannot read (it reads levlab/1)");
    EXPECT_EQ(refusal(with("\"format\": \"levlab/1\",\n", "")), "1:1: \"format\" is required");
    // The comma missing after the quantity is found where the next field starts.
    EXPECT_EQ(refusal(with("\"quantity\": 0.5,", "\"quantity\": 0.5")), "18:17: a comma or a closing } is missing before this");
    EXPECT_EQ(refusal(with("\"side\": \"long\"", "\"side\" \"long\"")), "18:24: a colon is missing after the name");
    EXPECT_EQ(refusal(with("\"side\": \"long\"", "\"side\": long")), "18:25: this is not a value JSON knows (a number, a string in double quotes, true, false, null, { … } or [ … ])");
    EXPECT_EQ(refusal(kPlan.left(kPlan.size() - 3)), "26:6: the text ends before the object is closed: a } is missing");
    EXPECT_EQ(refusal("[1, 2]"), "1:1: the file must hold a JSON object, { … }");
}

TEST(DocumentRead, ValuesOutOfRangeAreRefusedByTheModelsOwnRules)
{
    EXPECT_EQ(refusal(with("\"leverage\": 10", "\"leverage\": 0.5")), "15:29: Leverage: must be at least 1×.");
    EXPECT_EQ(refusal(with("\"wallet_balance\": 10000", "\"wallet_balance\": -5")), "25:27: Wallet: must be greater than 0.");
    EXPECT_EQ(refusal(with("\"quantity\": 0.5", "\"risk_share\": 1.5")), "17:31: Size: a risk share must be at most 100%.");
    EXPECT_EQ(refusal(with("\"quantity\": 0.5,", "\"quantity\": 0.5, \"notional\": 100,")),
              "17:46: \"notional\" gives the size again; keep one of \"quantity\" and \"notional\"");
    EXPECT_EQ(refusal(with("\"speed\": 0", "\"speed\": 5")), "9:18: \"speed\" must be one of 0, 1, 10, 60, 600");
}

TEST(DocumentRead, ANewerMinorVersionOpensAndListsWhatItIgnored)
{
    QByteArray text = with("\"format\": \"levlab/1\"", "\"format\": \"levlab/1.3\"");
    text.replace("\"mode\": \"isolated\",", "\"mode\": \"isolated\", \"note\": \"x\",");
    text.replace("\"venue\": \"binance\",", "\"colour\": \"blue\", \"venue\": \"binance\",");
    auto doc = readDocument(text);
    ASSERT_TRUE(doc) << doc.error().message();
    EXPECT_EQ(doc.value().notices,
              QStringList{QStringLiteral("Written by a newer version (levlab/1.3): 2 unknown fields ignored: "
                                         "plan.positions[0].note, plan.colour.")});
    EXPECT_EQ(doc.value().plan->inputs.leverage, 10.0);
}

TEST(DocumentApply, OneChangedSignalPerModelAndTheFileAsWritten)
{
    Session s(tiers());
    QSignalSpy plan(&s.risk, &RiskModel::changed);
    QSignalSpy portfolio(&s.portfolio, &PortfolioModel::changed);
    QByteArray text = kPlan;
    text.replace("    \"plan\": {", R"(    "portfolio": {
        "positions": [
            {"entry_price": 41000, "id": "btc", "leverage": 5, "mode": "cross", "quantity": 0.2, "side": "long", "symbol": "BTCUSDT"},
            {"entry_price": 2400, "id": "eth", "leverage": 4, "mode": "isolated", "quantity": 3, "side": "short", "symbol": "ETHUSDT"}
        ],
        "venue": "binance",
        "wallet_balance": 5000
    },
    "plan": {)");
    auto doc = readDocument(text);
    ASSERT_TRUE(doc) << doc.error().message();
    auto applied = applyDocument(doc.value(), s.risk, s.portfolio, s.feed);
    ASSERT_TRUE(applied) << applied.error().message();
    EXPECT_EQ(plan.count(), 1);
    EXPECT_EQ(portfolio.count(), 1);
    EXPECT_EQ(s.risk.market().mark, 42000.0);
    EXPECT_EQ(s.risk.snapshot().entry, 42000.0);
    EXPECT_EQ(s.portfolio.markOf(QStringLiteral("ETHUSDT")), 2300.0);
    EXPECT_EQ(s.feed.state().timeMs, 1704067200000);
    // 0.5 BTC at 42,000, 10×: an initial margin of 2,100.
    EXPECT_DOUBLE_EQ(s.risk.snapshot().position.initialMargin, 2100.0);
    // The market then moves on as usual.
    s.feed.advance(4);
    EXPECT_NE(s.risk.market().mark, 42000.0);
}

TEST(DocumentApply, ARefusalChangesNothing)
{
    Session s(tiers());
    ASSERT_FALSE(s.portfolio.add(Holding{}));
    const QByteArray before = writeDocument(captureDocument(s.risk, s.portfolio, s.feed, {}));
    QSignalSpy plan(&s.risk, &RiskModel::changed);
    QSignalSpy portfolio(&s.portfolio, &PortfolioModel::changed);
    QSignalSpy market(&s.feed, &MarketFeed::advanced);
    // Binance's first BTCUSDT row allows at most 125×.
    auto doc = readDocument(with("\"leverage\": 10", "\"leverage\": 150"));
    ASSERT_TRUE(doc) << doc.error().message();
    auto applied = applyDocument(doc.value(), s.risk, s.portfolio, s.feed);
    ASSERT_FALSE(applied);
    EXPECT_EQ(applied.error().message(), "15:29: Leverage: 150x is above the 125x maximum of risk-limit row 1 (notional 0 to 50,000).");
    // A stop above a long's entry.
    auto wrongStop = readDocument(with("\"stop_loss\": 41160", "\"stop_loss\": 43000"));
    ASSERT_TRUE(wrongStop);
    auto refused = applyDocument(wrongStop.value(), s.risk, s.portfolio, s.feed);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message(), "19:30: Stop-loss: a long's stop must lie below the entry (42,000.0).");
    EXPECT_EQ(plan.count(), 0);
    EXPECT_EQ(portfolio.count(), 0);
    EXPECT_EQ(market.count(), 0);
    EXPECT_EQ(writeDocument(captureDocument(s.risk, s.portfolio, s.feed, {})), before);
}

}  // namespace
}  // namespace levlab::model

namespace levlab::model {
namespace {

TEST(DocumentOpen, APlanOnlyFileReplacesTheWorkAndLiquidatesNothing)
{
    // On screen: a portfolio entered at 60,000 (cross, 10×) and an open trade. The file
    // holds a plan at a market of 42,000: the portfolio does not come along (it would be
    // liquidated the moment the market starts again 30% lower), and neither does the trade.
    testing::Session s(tiers(), 20240101, 60000.0);
    Holding h;
    h.symbol = QStringLiteral("BTCUSDT");
    h.quantity = 1.0;
    h.leverage = 10.0;
    h.entry = 60000.0;
    ASSERT_FALSE(s.portfolio.add(h));
    ASSERT_FALSE(s.risk.openAtMarket());
    ASSERT_EQ(s.risk.tradeState(), TradeState::Open);
    QSignalSpy liquidated(&s.portfolio, &PortfolioModel::liquidated);

    auto doc = readDocument(kPlan);
    ASSERT_TRUE(doc) << doc.error().message();
    ASSERT_FALSE(doc.value().portfolio.has_value());
    ASSERT_TRUE(applyDocument(doc.value(), s.risk, s.portfolio, s.feed));
    EXPECT_EQ(s.risk.inputs().stopLoss, 41160.0);
    s.feed.advance(40);
    EXPECT_TRUE(s.portfolio.holdings().empty());
    EXPECT_EQ(liquidated.count(), 0);
    EXPECT_EQ(s.risk.tradeState(), TradeState::Planning);
    EXPECT_TRUE(s.risk.events().empty());
}

TEST(DocumentOpen, APortfolioOnlyFilePlansTheOpenTradeAgainAtItsMarket)
{
    testing::Session s(tiers(), 20240101, 60000.0);
    ASSERT_FALSE(s.risk.openAtMarket());
    const QByteArray text = R"({
    "format": "levlab/1",
    "market": {"funding_rate": 0.0001, "history_minutes": 60, "marks": {"BTC": 42000, "ETH": 2300, "SOL": 100},
               "scenario": "normal", "seed": 7, "speed": 0, "time_ms": 1704067200000},
    "portfolio": {"positions": [{"entry_price": 42000, "leverage": 5, "mode": "cross", "quantity": 0.1,
                                 "side": "long", "symbol": "BTCUSDT"}],
                  "venue": "binance", "wallet_balance": 5000}
}
)";
    auto doc = readDocument(text);
    ASSERT_TRUE(doc) << doc.error().message();
    ASSERT_TRUE(applyDocument(doc.value(), s.risk, s.portfolio, s.feed));
    s.feed.advance(40);
    EXPECT_EQ(s.portfolio.holdings().size(), 1u);
    EXPECT_EQ(s.risk.tradeState(), TradeState::Planning) << "an open trade from 60,000 is not carried to 42,000";
    EXPECT_TRUE(s.risk.events().empty());
}

}  // namespace
}  // namespace levlab::model
