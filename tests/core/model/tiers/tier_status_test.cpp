// Which risk-limit table the figures use, how old it is, and the 90-day warning.
#include "core/model/tiers/tier_status.h"

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

using engine::Venue;

const QDate kToday(2026, 12, 2);

TEST(TierStatus, TheShippedBinanceTableIsFiveYearsOldAndCanOnlyBeImported)
{
    const TierLibrary lib = TierLibrary::loadShipped();
    const TierStatus s = tierStatus(lib.find(Venue::Binance, QStringLiteral("BTCUSDT")), Venue::Binance, QStringLiteral("BTCUSDT"), kToday);
    // 2021-03-26 → 2026-03-26 is 1,826 days (2024 is a leap year), → 2026-12-02 251 more: 2,077 days, 5.7 years.
    EXPECT_EQ(s.ageDays, 2077);
    EXPECT_TRUE(s.old);
    EXPECT_EQ(s.text, QStringLiteral("Binance BTCUSDT tiers · 2021-03-26 · Binance docs — 5 years old: import today's"));
    EXPECT_TRUE(s.details.startsWith(QStringLiteral("Source: Binance Futures, Trading Rules")));
    EXPECT_TRUE(s.details.contains(QStringLiteral("save GET /fapi/v1/leverageBracket and import it")));
}

TEST(TierStatus, NinetyDaysIsStillFreshNinetyOneIsOld)
{
    TierTable t;
    t.venue = Venue::Bybit;
    t.symbols = {QStringLiteral("BTCUSDT")};
    t.source = QStringLiteral("Bybit Help Center");
    t.asOf = QStringLiteral("2026-09-03");  // 27 + 31 + 30 + 2 = 90 days before 2026-12-02
    TierStatus s = tierStatus(&t, Venue::Bybit, QStringLiteral("BTCUSDT"), kToday);
    EXPECT_EQ(s.ageDays, 90);
    EXPECT_FALSE(s.old);
    EXPECT_EQ(s.text, QStringLiteral("Bybit BTCUSDT tiers · 2026-09-03 · Bybit docs"));
    t.asOf = QStringLiteral("2026-09-02");
    s = tierStatus(&t, Venue::Bybit, QStringLiteral("BTCUSDT"), kToday);
    EXPECT_EQ(s.ageDays, 91);
    EXPECT_TRUE(s.old);
    EXPECT_EQ(s.text, QStringLiteral("Bybit BTCUSDT tiers · 2026-09-02 · Bybit docs — 3 months old: refresh or import today's"));
    t.asOf = QStringLiteral("2025-12-02");  // 365 days
    EXPECT_EQ(tierStatus(&t, Venue::Bybit, QStringLiteral("BTCUSDT"), kToday).text,
              QStringLiteral("Bybit BTCUSDT tiers · 2025-12-02 · Bybit docs — 1 year old: refresh or import today's"));
}

TEST(TierStatus, UserTablesSayHowTheyCame)
{
    TierTable t;
    t.venue = Venue::Okx;
    t.symbols = {QStringLiteral("BTC-USDT-SWAP")};
    t.source = QStringLiteral("OKX GET /api/v5/public/position-tiers (tiers in contracts of 0.01)");
    t.asOf = QStringLiteral("2026-12-01");
    t.fetchedAt = QStringLiteral("2026-12-01T09:15:00Z");
    t.user = true;
    markFetched(t, QUrl(QStringLiteral("https://www.okx.com/api/v5/public/position-tiers?instId=BTC-USDT-SWAP")));
    TierStatus s = tierStatus(&t, Venue::Okx, QStringLiteral("BTCUSDT"), kToday);
    EXPECT_EQ(s.text, QStringLiteral("OKX BTC-USDT-SWAP tiers · 2026-12-01 · fetched from OKX"));
    EXPECT_EQ(s.details, QStringLiteral("Source: OKX GET /api/v5/public/position-tiers (tiers in contracts of 0.01)\n"
                                        "Fetched from https://www.okx.com/api/v5/public/position-tiers?instId=BTC-USDT-SWAP\n"
                                        "Fetched 2026-12-01 09:15 UTC; the shipped table stays the offline fallback.\n"
                                        "Risk limits › Refresh replaces it with today's table from OKX."));
    markImported(t, QStringLiteral("/home/me/Downloads/tiers.json"));
    s = tierStatus(&t, Venue::Okx, QStringLiteral("BTCUSDT"), kToday);
    EXPECT_EQ(s.text, QStringLiteral("OKX BTC-USDT-SWAP tiers · 2026-12-01 · imported response"));
    EXPECT_FALSE(s.old);
}

TEST(TierStatus, NoTableAndTheTextbookRule)
{
    EXPECT_EQ(tierStatus(nullptr, Venue::Gate, QStringLiteral("DOGE_USDT"), kToday).text,
              QStringLiteral("No risk-limit table for Gate DOGE_USDT"));
    const TierLibrary lib = TierLibrary::loadShipped();
    const TierStatus s = tierStatus(lib.find(Venue::Textbook, QStringLiteral("BTC")), Venue::Textbook, QStringLiteral("BTC"), kToday);
    EXPECT_EQ(s.text, QStringLiteral("Textbook BTC rule · the lessons' flat maintenance rate"));
    EXPECT_FALSE(s.old);
}

TEST(TierStatus, RefreshableVenues)
{
    EXPECT_FALSE(tierRefreshable(Venue::Binance));
    EXPECT_FALSE(tierRefreshable(Venue::Textbook));
    for (Venue v : {Venue::Bybit, Venue::Okx, Venue::Gate, Venue::Hyperliquid, Venue::Bitmex})
        EXPECT_TRUE(tierRefreshable(v));
}

}  // namespace
}  // namespace levlab::model
