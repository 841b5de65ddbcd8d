// Plans and portfolios as .levlab files: what is saved comes back exactly, and a file
// that cannot be read is refused with its line and column, changing nothing.
#include "core/model/file/document.h"
#include "core/model/file/document_binding.h"
#include "core/model/scenario/scenario.h"
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

struct Contract final {
    engine::Venue venue;
    const char* symbol;
    bool inverse;
};

const std::vector<Contract>& everyContract()
{
    static const std::vector<Contract> all{
        {engine::Venue::Textbook, "BTCUSDT", false}, {engine::Venue::Binance, "BTCUSDT", false},
        {engine::Venue::Binance, "ETHUSDT", false},  {engine::Venue::Bybit, "BTCUSDT", false},
        {engine::Venue::Bybit, "BTCUSD", true},      {engine::Venue::Okx, "BTC-USDT-SWAP", false},
        {engine::Venue::Gate, "BTC_USDT", false},    {engine::Venue::Hyperliquid, "BTC", false},
        {engine::Venue::Bitmex, "XBTUSD", true},
    };
    return all;
}

constexpr engine::MarginMode kModes[]{engine::MarginMode::Cross, engine::MarginMode::Isolated, engine::MarginMode::StrictIsolated};

/// A plan on `c` in `mode`: a long of 20,000 (USD or USDT), 10×, stop 2% below, target 4% above.
PlanInputs planOn(const Session& s, const Contract& c, engine::MarginMode mode)
{
    PlanInputs in;
    in.venue = c.venue;
    in.symbol = QLatin1String(c.symbol);
    in.marginMode = mode;
    in.leverage = 10.0;
    const double mark = s.feed.state(in.symbol).mark;
    in.wallet = c.inverse ? 1.5 : 10000.0;
    in.sizeMode = SizeMode::Notional;
    in.size = 20000.0;
    in.extraMargin = mode == engine::MarginMode::Cross ? 0.0 : (c.inverse ? 0.01 : 150.0);
    in.stopLoss = s.risk.snapToTick(mark * 0.98);
    in.takeProfit = s.risk.snapToTick(mark * 1.04);
    in.exitTrigger = TriggerPrice::Last;
    in.horizonHours = 40.0;
    in.feeRate = 0.0004;
    return in;
}

/// The figures both sides must agree on exactly, as text.
QByteArray figures(const Session& s)
{
    QByteArray out = accountResultToJsonText(s.risk.snapshot().account);
    const RiskSnapshot& r = s.risk.snapshot();
    for (const auto& v : {r.stopDistance, r.riskAtStop, r.rewardRisk, r.liquidationAfterHorizon, std::optional(r.fees),
                          std::optional(r.fundingOverHorizon), std::optional(r.maxLeverage)})
        out += QByteArray::number(v.value_or(-1.0), 'g', 17) + ' ';
    out += accountResultToJsonText(s.portfolio.snapshot().account);
    for (const auto& o : s.portfolio.snapshot().atShock)
        out += QByteArray::number(o.equity, 'g', 17) + ' ';
    return out;
}

/// Saves `a`, opens the file in a session on another market, saves again.
void expectRoundTrip(Session& a)
{
    const ViewState view{3LL * 3600 * 1000, false, a.feed.lastTick().timeMs - 600000};
    const QByteArray first = writeDocument(captureDocument(a.risk, a.portfolio, a.feed, view));
    auto read = readDocument(first);
    ASSERT_TRUE(read) << read.error().message();
    EXPECT_TRUE(read.value().notices.isEmpty());
    EXPECT_EQ(read.value().view, view);
    Session b(tiers(), 99, 30000.0);
    auto applied = applyDocument(read.value(), b.risk, b.portfolio, b.feed);
    ASSERT_TRUE(applied) << applied.error().message();
    EXPECT_EQ(writeDocument(captureDocument(b.risk, b.portfolio, b.feed, view)), first);
    EXPECT_EQ(b.risk.inputs(), a.risk.inputs());
    EXPECT_EQ(b.risk.tradeLife(), a.risk.tradeLife());
    EXPECT_EQ(b.portfolio.holdings(), a.portfolio.holdings());
    EXPECT_EQ(figures(b), figures(a));
    EXPECT_EQ(b.feed.point(), a.feed.point());
}

TEST(DocumentRoundTrip, EveryVenueModeAndContractComesBackByteForByte)
{
    for (const Contract& c : everyContract()) {
        for (engine::MarginMode mode : kModes) {
            SCOPED_TRACE(std::string(engine::venueName(c.venue)) + " " + c.symbol + " mode " + std::to_string(static_cast<int>(mode)));
            Session a(tiers());
            a.risk.setMarket(a.feed.state(QLatin1String(c.symbol)));  // the plan watches its own symbol's market
            const auto refused = a.risk.setInputs(planOn(a, c, mode));
            ASSERT_FALSE(refused) << refused->message().toStdString();
            ASSERT_TRUE(a.risk.snapshot().valid) << a.risk.snapshot().problem.toStdString();
            ASSERT_FALSE(a.portfolio.setVenue(c.inverse ? engine::Venue::Binance : c.venue));
            Holding btc;
            btc.symbol = QStringLiteral("BTCUSDT");
            btc.quantity = 0.25;
            btc.mode = mode;
            ASSERT_FALSE(a.portfolio.add(btc));
            a.feed.advance(37);
            expectRoundTrip(a);
        }
    }
}

TEST(DocumentRoundTrip, AnOpenTradeComesBackOpenWithItsEntryAndTime)
{
    Session a(tiers());
    ASSERT_FALSE(a.risk.setInputs(planOn(a, everyContract()[1], engine::MarginMode::Isolated)));
    a.feed.advance(8);
    ASSERT_FALSE(a.risk.openAtMarket());
    const qint64 opened = a.risk.openedMs();
    a.feed.advance(12);
    ASSERT_EQ(a.risk.tradeState(), TradeState::Open);
    expectRoundTrip(a);
    Session b(tiers(), 5);
    auto doc = readDocument(writeDocument(captureDocument(a.risk, a.portfolio, a.feed, {})));
    ASSERT_TRUE(doc);
    ASSERT_TRUE(applyDocument(doc.value(), b.risk, b.portfolio, b.feed));
    EXPECT_EQ(b.risk.tradeState(), TradeState::Open);
    EXPECT_EQ(b.risk.openedMs(), opened);
    EXPECT_FALSE(b.risk.inputs().entryAtMarket);
    // Planning again returns to the plan as it was before opening: at market.
    b.risk.planAgain();
    EXPECT_TRUE(b.risk.inputs().entryAtMarket);
}

TEST(DocumentRoundTrip, AClosedTradeComesBackWithItsOneExit)
{
    Session a(tiers());
    ASSERT_FALSE(a.risk.setInputs(planOn(a, everyContract()[3], engine::MarginMode::Cross)));
    ASSERT_FALSE(a.risk.openAtMarket());
    a.feed.advance(5);
    ASSERT_FALSE(a.risk.closeAtMarket());
    ASSERT_EQ(a.risk.events().size(), 1u);
    expectRoundTrip(a);
    Session b(tiers(), 5);
    auto doc = readDocument(writeDocument(captureDocument(a.risk, a.portfolio, a.feed, {})));
    if (qEnvironmentVariableIsSet("LEVLAB_DUMP"))
        std::fputs(writeDocument(captureDocument(a.risk, a.portfolio, a.feed, {})).constData(), stdout);
    ASSERT_TRUE(doc);
    ASSERT_TRUE(applyDocument(doc.value(), b.risk, b.portfolio, b.feed));
    EXPECT_EQ(b.risk.tradeState(), TradeState::Closed);
    ASSERT_EQ(b.risk.events().size(), 1u);
    EXPECT_EQ(b.risk.events().front(), a.risk.events().front());
}

TEST(DocumentRoundTrip, ATwoHundredPositionPortfolioComesBackByteForByte)
{
    Session a(tiers());
    ASSERT_FALSE(a.portfolio.setWallet(2'000'000.0));
    const char* symbols[]{"BTCUSDT", "ETHUSDT", "SOLUSDT"};
    for (int i = 0; i < 200; ++i) {
        Holding h;
        h.symbol = QLatin1String(symbols[i % 3]);
        h.side = i % 2 ? engine::Side::Short : engine::Side::Long;
        h.quantity = (i % 3 == 0 ? 0.01 : i % 3 == 1 ? 0.3 : 5.0) * (1 + i % 7);
        h.leverage = 2.0 + i % 9;
        h.mode = i % 4 == 0 ? engine::MarginMode::Isolated : engine::MarginMode::Cross;
        ASSERT_FALSE(a.portfolio.add(h)) << i;
        if (i % 40 == 0)
            a.feed.advance(3);  // entries at different marks
    }
    ASSERT_FALSE(a.portfolio.transferMargin(0, 5.0));
    ASSERT_EQ(a.portfolio.holdings().size(), 200u);
    expectRoundTrip(a);
}

}  // namespace
}  // namespace levlab::model
