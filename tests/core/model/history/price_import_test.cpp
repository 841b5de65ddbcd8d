#include "core/model/history/price_import.h"

#include "core/engine/history/time_text.h"

#include "tests/core/market_data.h"

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QString>

#include <algorithm>

namespace levlab::model {
namespace {

using engine::Bar;
using engine::PriceHistory;

PriceHistory load(const std::string& path, std::size_t* skipped = nullptr)
{
    return importPriceFile(QString::fromStdString(path), skipped);
}

std::int64_t at(const char* iso)
{
    return *engine::parseTimeMs(iso) / 1000;
}

/// Each file's quirks as the data README documents them (shared/data/README.md).
struct Documented final {
    const char* file;
    std::size_t rows;
    std::int64_t interval;
    const char* first;
    const char* last;
    std::size_t duplicates;
    std::size_t disagreeing;
    std::size_t gaps;
    std::size_t missing;
    std::size_t longest;
    std::size_t zeroVolume;
    std::size_t swapped;
    std::size_t openOutside;
};

class DocumentedQuirks : public testing::TestWithParam<Documented> {};

TEST_P(DocumentedQuirks, AreDetectedWithTheirCounts)
{
    const Documented d = GetParam();
    LEVLAB_REQUIRE_DATA(path, d.file);
    const PriceHistory h = load(path);
    const engine::ImportReport& r = h.report;
    ASSERT_TRUE(r.refused.empty()) << r.refused.front().reason;
    EXPECT_EQ(r.rows, d.rows);
    EXPECT_EQ(h.bars.size(), d.rows);
    EXPECT_EQ(r.intervalSeconds, d.interval);
    EXPECT_EQ(r.first, at(d.first));
    EXPECT_EQ(r.last, at(d.last));
    EXPECT_EQ(r.duplicates, d.duplicates);
    EXPECT_EQ(r.duplicatesDisagreeing, d.disagreeing);
    EXPECT_EQ(r.gaps, d.gaps);
    EXPECT_EQ(r.missingBars, d.missing);
    EXPECT_EQ(r.longestGapBars, d.longest);
    EXPECT_EQ(r.zeroVolume, d.zeroVolume);
    EXPECT_EQ(r.swappedVolume, d.swapped);
    EXPECT_EQ(r.openOutsideRange, d.openOutside);
    EXPECT_TRUE(std::is_sorted(h.bars.begin(), h.bars.end(), [](const Bar& a, const Bar& b) { return a.time < b.time; }));
    EXPECT_TRUE(std::adjacent_find(h.bars.begin(), h.bars.end(), [](const Bar& a, const Bar& b) { return a.time == b.time; })
                == h.bars.end());
}

// Binance: 36,062 rows newest first, 2,649 duplicated hours, the first bar (2017-08-17 04:00) dropped as
// implausible, so 36,062 − 2,649 − 1 = 33,412 bars from 05:00; 16 hours missing in 8 gaps, the longest 4
// (2017-09-22 19:00 +4 h); 117 / 119 zero-volume hours. Bitstamp: 37,387 rows, a banner, newest first,
// 6 zero-volume hours, 20,143 swapped volume rows. BitMEX: times are bin ends, so the first bar of March
// (stamped 03-01 00:00) opened 02-29 23:59; 17 / 1 / 0 zero-volume bins; the open is outside low–high in
// 1,199 / 1,587 / 105 bins.
INSTANTIATE_TEST_SUITE_P(
    MarketData, DocumentedQuirks,
    testing::Values(
        Documented{"hourly/Binance_BTCUSDT_1h.csv", 33412, 3600, "2017-08-17 05:00", "2021-06-10 00:00", 2649, 1, 8, 16, 4, 117, 0, 0},
        Documented{"hourly/Binance_ETHUSDT_1h.csv", 33412, 3600, "2017-08-17 05:00", "2021-06-10 00:00", 2649, 1, 8, 16, 4, 119, 0, 0},
        Documented{"hourly/Bitstamp_BTCUSD_1h.csv", 37387, 3600, "2018-05-15 06:00", "2022-08-20 00:00", 0, 0, 0, 0, 0, 6, 20143, 0},
        Documented{"bitmex/bitmex_XBTUSD_1m_2020-03.csv", 44640, 60, "2020-02-29 23:59", "2020-03-31 23:58", 0, 0, 0, 0, 0, 17, 0, 1199},
        Documented{"bitmex/bitmex_XBTUSD_1m_2021-05-16_2021-05-23.csv", 11520, 60, "2021-05-15 23:59", "2021-05-23 23:58", 0, 0, 0, 0, 0, 1, 0, 1587},
        Documented{"bitmex/bitmex_XBTUSD_1m_2020-07-14_2020-07-20_calm.csv", 10080, 60, "2020-07-13 23:59", "2020-07-20 23:58", 0, 0, 0, 0, 0, 0, 0, 105}));

TEST(PriceImport, BinanceDetailsFromTheDataReadme)
{
    LEVLAB_REQUIRE_DATA(path, "hourly/Binance_BTCUSDT_1h.csv");
    const PriceHistory h = load(path);
    const engine::ImportReport& r = h.report;
    // The data README calls the order "not monotonic"; by hand (python over the file) the times never
    // rise from one row to the next: the interleaved copies of an hour sit side by side (2,649 equal
    // neighbours), so the file is newest first, not strictly.
    EXPECT_TRUE(r.reversed);
    EXPECT_FALSE(r.reordered);
    ASSERT_EQ(r.conflicts.size(), 1u);
    EXPECT_EQ(r.conflicts[0].time, at("2020-11-20 07:00"));
    EXPECT_EQ(r.conflicts[0].keptClose, 18212.00);  // written with 8 decimals, against 18143.03 with 2
    EXPECT_EQ(r.conflicts[0].droppedClose, 18143.03);
    ASSERT_TRUE(r.droppedFirstBar);
    EXPECT_EQ(r.droppedFirstBar->time, at("2017-08-17 04:00"));
    EXPECT_EQ(r.droppedFirstBar->open, 16199.91);
    EXPECT_EQ(r.droppedFirstBar->close, 4308.83);
    EXPECT_EQ(r.longestGapAfter, at("2017-09-22 19:00"));
    // Crash coverage: 2020-03-13 02:00 low 3,782.13.
    const auto crash = std::find_if(h.bars.begin(), h.bars.end(), [](const Bar& b) { return b.time == at("2020-03-13 02:00"); });
    ASSERT_NE(crash, h.bars.end());
    EXPECT_EQ(crash->low, 3782.13);
}

TEST(PriceImport, BitstampSwappedVolumesAreSwappedBack)
{
    LEVLAB_REQUIRE_DATA(path, "hourly/Bitstamp_BTCUSD_1h.csv");
    const PriceHistory h = load(path);
    EXPECT_TRUE(h.report.reversed);
    EXPECT_EQ(h.report.bannerLines, 1u);
    // Inside the swapped zone (2019-04-13 16:00 → 2020-10-12 08:00) every traded bar now has quote ÷ base
    // within its low–high range's neighbourhood.
    for (const Bar& b : h.bars) {
        if (b.volume > 0.0 && b.quoteVolume > 0.0) {
            const double perUnit = b.quoteVolume / b.volume;
            ASSERT_GT(perUnit, b.low / 10.0) << engine::isoMinute(b.time);
            ASSERT_LT(perUnit, b.high * 10.0) << engine::isoMinute(b.time);
        }
    }
}

TEST(PriceImport, BitmexBlackThursdayFacts)
{
    LEVLAB_REQUIRE_DATA(path, "bitmex/bitmex_XBTUSD_1m_2020-03.csv");
    const PriceHistory h = load(path);
    // The low of 3,596 is in the bin ending 2020-03-13T02:16, which opened 02:15.
    const auto low = std::min_element(h.bars.begin(), h.bars.end(), [](const Bar& a, const Bar& b) { return a.low < b.low; });
    EXPECT_EQ(low->low, 3596.0);
    EXPECT_EQ(low->time, at("2020-03-13 02:15"));
    // The first zero-volume bin ends 2020-03-13T02:22.
    const auto idle = std::find_if(h.bars.begin(), h.bars.end(), [](const Bar& b) { return b.volume == 0.0; });
    ASSERT_NE(idle, h.bars.end());
    EXPECT_EQ(idle->time, at("2020-03-13 02:21"));
}

TEST(PriceImport, BitmexOriginalJsonMatchesTheCsvRows)
{
    // The data README: converting original/*.json reproduces the matching CSV rows.
    const std::pair<const char*, const char*> days[] = {
        {"bitmex/original/2020-3-12.json", "bitmex/bitmex_XBTUSD_1m_2020-03.csv"},
        {"bitmex/original/2020-3-13.json", "bitmex/bitmex_XBTUSD_1m_2020-03.csv"},
        {"bitmex/original/2021-5-19.json", "bitmex/bitmex_XBTUSD_1m_2021-05-16_2021-05-23.csv"},
        {"bitmex/original/2020-7-16.json", "bitmex/bitmex_XBTUSD_1m_2020-07-14_2020-07-20_calm.csv"}};
    for (const auto& [day, file] : days) {
        LEVLAB_REQUIRE_DATA(json, day);
        LEVLAB_REQUIRE_DATA(csv, file);
        const PriceHistory h = load(json);
        const PriceHistory whole = load(csv);
        ASSERT_TRUE(h.report.refused.empty()) << day;
        ASSERT_EQ(h.bars.size(), 1440u) << day;
        EXPECT_TRUE(h.report.timesWereBarEnds);
        const auto from = std::find_if(whole.bars.begin(), whole.bars.end(),
                                       [&](const Bar& b) { return b.time == h.bars.front().time; });
        ASSERT_NE(from, whole.bars.end()) << day;
        ASSERT_LE(static_cast<std::size_t>(whole.bars.end() - from), whole.bars.size());
        ASSERT_GE(static_cast<std::size_t>(whole.bars.end() - from), h.bars.size()) << day;
        for (std::size_t i = 0; i < h.bars.size(); ++i) {
            const Bar& a = h.bars[i];
            const Bar& b = *(from + static_cast<std::ptrdiff_t>(i));
            ASSERT_EQ(a.time, b.time) << day << " bar " << i;
            ASSERT_EQ(a.open, b.open) << day << " bar " << i;
            ASSERT_EQ(a.high, b.high) << day << " bar " << i;
            ASSERT_EQ(a.low, b.low) << day << " bar " << i;
            ASSERT_EQ(a.close, b.close) << day << " bar " << i;
            ASSERT_EQ(a.volume, b.volume) << day << " bar " << i;
            ASSERT_EQ(a.quoteVolume, b.quoteVolume) << day << " bar " << i;
        }
    }
    LEVLAB_REQUIRE_DATA(march13, "bitmex/original/2020-3-13.json");
    EXPECT_EQ(load(march13).report.zeroVolume, 17u);  // all 17 idle bins of March are on the 13th
}

TEST(PriceImport, WebsocketFeedsAreNotPriceFiles)
{
    // Websocket frames hold no REST candles: each file is refused as a whole, cleanly.
    for (const char* file : {"feeds/bitmex.jsonl", "feeds/binance_usdm.jsonl", "feeds/bybit_v5.jsonl", "feeds/hyperliquid.jsonl"}) {
        LEVLAB_REQUIRE_DATA(path, file);
        const PriceHistory h = load(path);
        EXPECT_TRUE(h.bars.empty()) << file;
        ASSERT_EQ(h.report.refused.size(), 1u) << file;
        EXPECT_EQ(h.report.refused[0], (engine::Refusal{1, 1, "the file holds no bars"})) << file;
    }
}

TEST(PriceImport, RestCandleJsonLines)
{
    LEVLAB_REQUIRE_DATA(binance, "feeds/binance_usdm_rest.jsonl");
    std::size_t skipped = 0;
    const PriceHistory b = load(binance, &skipped);
    ASSERT_TRUE(b.report.refused.empty()) << b.report.refused.front().reason;
    // Line 1: the docs' kline (2017-07-03); line 2: two real 5m BTCUSDT klines (2021-03-21 15:00, 15:05);
    // line 3: a premiumIndex object, no candle.
    EXPECT_EQ(skipped, 1u);
    ASSERT_EQ(b.bars.size(), 3u);
    EXPECT_EQ(b.bars[0].time, 1499040000);
    EXPECT_EQ(b.bars[0].open, 0.01634790);
    EXPECT_EQ(b.bars[1].time, 1616338800);
    EXPECT_EQ(b.bars[1].open, 57212.69);
    EXPECT_EQ(b.bars[1].quoteVolume, 28425514.78940);
    EXPECT_EQ(b.bars[2].close, 57206.47);

    LEVLAB_REQUIRE_DATA(hyper, "feeds/hyperliquid_rest.jsonl");
    const PriceHistory hl = load(hyper, &skipped);
    EXPECT_EQ(skipped, 3u);
    ASSERT_EQ(hl.bars.size(), 1u);
    EXPECT_EQ(hl.bars[0].time, 1684699200);
    EXPECT_EQ(hl.bars[0].open, 0.001601);
    EXPECT_EQ(hl.bars[0].high, 0.001616);
    EXPECT_EQ(hl.bars[0].close, 0.001604);
    EXPECT_EQ(hl.bars[0].volume, 520665683.0);
}

TEST(PriceImport, JsonDocumentsOfEachVenue)
{
    const PriceHistory binance = importPrices(
        R"([[1616338800000,"57212.69","57315.00","57196.19","57300.00","496.263",1616339099999,"28425514.78940",7160],)"
        "\n"
        R"( [1616339100000,"57300.00","57300.00","57200.61","57206.47","174.865",1616339399999,"10009130.07051",2602]])");
    ASSERT_EQ(binance.bars.size(), 2u);
    EXPECT_EQ(binance.report.intervalSeconds, 300);
    const PriceHistory hyper = importPrices(
        R"([{"t":1684699200000,"T":1684702799999,"o":"0.001601","h":"0.001616","l":"0.001601","c":"0.001604","v":"5","n":709},
            {"t":1684702800000,"T":1684706399999,"o":"0.001604","h":"0.00161","l":"0.0016","c":"0.0016","v":"6","n":70}])");
    ASSERT_EQ(hyper.bars.size(), 2u);
    EXPECT_EQ(hyper.report.intervalSeconds, 3600);
    EXPECT_FALSE(hyper.report.timesWereBarEnds);
    const PriceHistory bitmex = importPrices(
        R"([{"timestamp":"2020-03-13T02:21:00.000Z","symbol":"XBTUSD","open":4480,"high":4480,"low":4470,"close":4475,"trades":3,"volume":10,"vwap":4475,"lastSize":1,"homeNotional":0.002,"foreignNotional":10},
            {"timestamp":"2020-03-13T02:22:00.000Z","symbol":"XBTUSD","open":4475,"high":4475,"low":4475,"close":4475,"trades":0,"volume":0,"vwap":null,"lastSize":null,"homeNotional":0,"foreignNotional":0}])");
    ASSERT_EQ(bitmex.bars.size(), 2u);
    EXPECT_TRUE(bitmex.report.timesWereBarEnds);
    EXPECT_EQ(bitmex.bars[1].time, at("2020-03-13 02:21"));
    EXPECT_EQ(bitmex.report.zeroVolume, 1u);
}

TEST(PriceImport, MalformedJsonIsRefusedWhereItBreaks)
{
    const PriceHistory broken = importPrices("[{\"t\":1,\"o\":\"1\",\"h\":\"2\",\"l\":\"1\",\"c\":\"1.5\"},\n {\"t\":2 \"o\":1}]");
    ASSERT_EQ(broken.report.refused.size(), 1u);
    EXPECT_EQ(broken.report.refused[0].line, 2u);
    EXPECT_EQ(broken.report.refused[0].column, 10u);  // where Qt's parser stopped: the "o" after the missing comma
    const PriceHistory bad = importPrices("[[1616338800000,\"1\",\"2\",\"1\",\"1.5\",\"1\"],\n"
                                          "  [1616338860000,\"1\",\"0.5\",\"1\",\"1\",\"1\"]]");
    ASSERT_EQ(bad.report.refused.size(), 1u);
    EXPECT_EQ(bad.report.refused[0], (engine::Refusal{2, 3, "the high 0.5 is below the low 1"}));
    EXPECT_TRUE(bad.bars.empty());
    EXPECT_EQ(refusalLines(QStringLiteral("k.json"), bad.report),
              QStringList{QStringLiteral("k.json:2:3: the high 0.5 is below the low 1")});
}

TEST(PriceImport, ReportJsonHasTheNamedKeys)
{
    const PriceHistory h = importPrices("time,open,high,low,close,volume\n"
                                        "2020-03-12 00:00,1,1,1,1,0\n2020-03-12 00:00,1,1,1,1,0\n2020-03-12 00:03,1,1,1,1,1\n");
    const QJsonObject o = reportJson(h.report);
    QStringList keys = o.keys();
    keys.sort();
    EXPECT_EQ(keys, (QStringList{QStringLiteral("duplicates"), QStringLiteral("duplicates_disagreeing"),
                                 QStringLiteral("first"), QStringLiteral("gaps"), QStringLiteral("interval_s"),
                                 QStringLiteral("last"), QStringLiteral("longest_gap_bars"), QStringLiteral("missing_bars"),
                                 QStringLiteral("notes"), QStringLiteral("open_outside_range"), QStringLiteral("refused"),
                                 QStringLiteral("rows"), QStringLiteral("swapped_volume"), QStringLiteral("zero_volume")}));
    EXPECT_EQ(o.value(QStringLiteral("rows")).toInt(), 2);
    EXPECT_EQ(o.value(QStringLiteral("first")).toString(), QStringLiteral("2020-03-12T00:00:00Z"));
    EXPECT_EQ(o.value(QStringLiteral("last")).toString(), QStringLiteral("2020-03-12T00:03:00Z"));
    EXPECT_EQ(o.value(QStringLiteral("interval_s")).toInt(), 180);
    EXPECT_EQ(o.value(QStringLiteral("duplicates")).toInt(), 1);
    EXPECT_EQ(o.value(QStringLiteral("zero_volume")).toInt(), 1);
    EXPECT_TRUE(o.value(QStringLiteral("refused")).toArray().isEmpty());
    EXPECT_EQ(reportSentences(h.report),
              (QStringList{QStringLiteral("2 bars of 3 minutes from 2020-03-12 00:00 to 2020-03-12 00:03 UTC (bar open times)."),
                           QStringLiteral("Removed 1 duplicate of times already present."),
                           QStringLiteral("1 bar with zero volume (no trades).")}));
}

TEST(PriceImport, AnUnreadableFileIsRefused)
{
    const PriceHistory h = importPriceFile(QStringLiteral("/nonexistent/prices.csv"));
    ASSERT_EQ(h.report.refused.size(), 1u);
    EXPECT_EQ(h.report.refused[0].line, 1u);
    EXPECT_TRUE(h.bars.empty());
}

}  // namespace
}  // namespace levlab::model
