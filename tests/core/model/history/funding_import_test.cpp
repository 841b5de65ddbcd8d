#include "core/model/history/funding_import.h"

#include "core/engine/history/time_text.h"
#include "tests/core/market_data.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace levlab::model {
namespace {

using engine::FundingSettlement;

std::int64_t at(const char* iso)
{
    return *engine::parseTimeMs(iso) / 1000;
}

engine::FundingHistory load(const std::string& path)
{
    return importFundingFile(QString::fromStdString(path));
}

const FundingSettlement& lowest(const engine::FundingHistory& h)
{
    return *std::min_element(h.settlements.begin(), h.settlements.end(),
                             [](const auto& a, const auto& b) { return a.rate < b.rate; });
}

TEST(FundingImport, SupervikBinanceIsMoscowTimeMovedToUtc)
{
    LEVLAB_REQUIRE_DATA(path, "funding/BTC-USDT_binance_2020-01-01_2024-01-01_funding_history.csv");
    const auto h = load(path);
    ASSERT_TRUE(h.report.refused.empty());
    EXPECT_EQ(h.report.rows, 4383u);
    EXPECT_EQ(h.report.utcOffsetSeconds, 3 * 3600);
    EXPECT_EQ(h.report.first, at("2020-01-01 00:00"));
    EXPECT_EQ(h.report.last, at("2023-12-31 16:00"));
    EXPECT_EQ(h.report.intervalHours, (std::vector<std::pair<std::int64_t, std::size_t>>{{8, 4383}}));
    // The floor −0.30% at 2020-03-13 08:00 UTC; the cap +0.30% at 2020-02-12 00:00 UTC.
    EXPECT_EQ(lowest(h).rate, -0.003);
    EXPECT_EQ(lowest(h).time, at("2020-03-13 08:00"));
    const auto top = std::max_element(h.settlements.begin(), h.settlements.end(),
                                      [](const auto& a, const auto& b) { return a.rate < b.rate; });
    EXPECT_EQ(top->rate, 0.003);
    EXPECT_EQ(top->time, at("2020-02-12 00:00"));
    EXPECT_EQ(fundingSentences(h.report).at(1), QStringLiteral("Times were written in UTC+03:00 and moved to UTC."));
}

TEST(FundingImport, SupervikEthAndBybit)
{
    LEVLAB_REQUIRE_DATA(eth, "funding/ETH-USDT_binance_2020-01-01_2024-01-01_funding_history.csv");
    const auto e = load(eth);
    EXPECT_EQ(e.report.rows, 4383u);
    EXPECT_EQ(lowest(e).rate, -0.00356332);  // the README's −0.356%
    EXPECT_EQ(lowest(e).time, at("2021-05-19 16:00"));
    LEVLAB_REQUIRE_DATA(bybit, "funding/BTC-USDT_bybit_2021-01-01_2024-01-01_funding_history.csv");
    const auto b = load(bybit);
    EXPECT_EQ(b.report.rows, 3285u);
    EXPECT_EQ(b.report.first, at("2021-01-01 00:00"));
    EXPECT_EQ(b.report.last, at("2023-12-31 16:00"));
    EXPECT_EQ(lowest(b).rate, -0.00214698);  // the README's −0.2147%
    EXPECT_EQ(lowest(b).time, at("2021-05-20 00:00"));
}

TEST(FundingImport, BitmexStatesItsIntervals)
{
    LEVLAB_REQUIRE_DATA(path, "funding/bitmex_XBTUSD_funding_2016-05_2020-11.csv");
    const auto h = load(path);
    ASSERT_TRUE(h.report.refused.empty());
    EXPECT_EQ(h.report.rows, 4866u);
    EXPECT_EQ(h.report.utcOffsetSeconds, 0);
    EXPECT_EQ(h.report.first, at("2016-05-14 12:00"));
    EXPECT_EQ(h.report.last, at("2020-11-05 04:00"));
    // 22 daily settlements until 2016-06-04, then every 8 hours.
    EXPECT_EQ(h.report.intervalHours, (std::vector<std::pair<std::int64_t, std::size_t>>{{8, 4844}, {24, 22}}));
    // 2020-03-12/13: 0.01%, 0.01%, −0.1691%, then the −0.375% cap three times.
    const auto from = std::find_if(h.settlements.begin(), h.settlements.end(),
                                   [](const auto& s) { return s.time == at("2020-03-12 04:00"); });
    ASSERT_NE(from, h.settlements.end());
    const std::vector<double> expected{0.0001, 0.0001, -0.001691, -0.00375, -0.00375, -0.00375};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ((from + static_cast<std::ptrdiff_t>(i))->rate, expected[i]);
        EXPECT_EQ((from + static_cast<std::ptrdiff_t>(i))->intervalSeconds, 8 * 3600);
    }
}

TEST(FundingImport, HyperliquidGoesFromEightHoursToOne)
{
    LEVLAB_REQUIRE_DATA(path, "funding/hyperliquid_BTC_fundingHistory_2023-05-12_2023-07-17.json");
    const auto h = load(path);
    ASSERT_TRUE(h.report.refused.empty());
    EXPECT_EQ(h.report.rows, 1038u);
    EXPECT_EQ(h.report.first, at("2023-05-12 00:00"));
    EXPECT_EQ(h.report.last, at("2023-07-17 21:00"));
    // Spacings rounded to hours: 955 of 1 h, one of 2 h (2023-07-02 19:00), 82 of 8 h (the 8.4 h / 7.6 h
    // pair around 2023-05-23 included).
    EXPECT_EQ(h.report.intervalHours, (std::vector<std::pair<std::int64_t, std::size_t>>{{1, 955}, {2, 1}, {8, 82}}));
    EXPECT_EQ(h.settlements.front().rate, -0.00061334);
}

TEST(FundingImport, BadRowsAreRefusedWithLineAndColumn)
{
    const auto h = importFunding("timestamp,fundingRate\n2020-03-12T04:00:00Z,0.0001\n2020-03-12T12:00:00Z,lots\n");
    ASSERT_EQ(h.report.refused.size(), 1u);
    EXPECT_EQ(h.report.refused[0], (engine::Refusal{3, 22, "'lots' is not a funding rate"}));
    EXPECT_TRUE(h.settlements.empty());
}

}  // namespace
}  // namespace levlab::model
