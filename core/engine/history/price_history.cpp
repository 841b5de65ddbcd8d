#include "core/engine/history/price_history.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace levlab::engine {

namespace {

bool closesAgree(const RawBar& a, const RawBar& b)
{
    const int decimals = std::min(a.closeDecimals, b.closeDecimals);
    const double tolerance = 0.5 * std::pow(10.0, -decimals) + 1e-9 * std::max(a.close, b.close);
    return std::abs(a.close - b.close) <= tolerance;
}

void sortRows(std::vector<RawBar>& rows, ImportReport& report)
{
    const auto byTime = [](const RawBar& a, const RawBar& b) { return a.timeMs < b.timeMs; };
    if (std::is_sorted(rows.begin(), rows.end(), byTime))
        return;
    const auto byTimeDesc = [](const RawBar& a, const RawBar& b) { return a.timeMs > b.timeMs; };
    if (std::is_sorted(rows.begin(), rows.end(), byTimeDesc))
        report.reversed = true;
    else
        report.reordered = true;
    // Copies of one time keep their file order, so "the first in the file" stays first.
    std::stable_sort(rows.begin(), rows.end(), byTime);
}

void removeDuplicates(std::vector<RawBar>& rows, ImportReport& report)
{
    std::size_t out = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (out > 0 && rows[out - 1].timeMs / 1000 == rows[i].timeMs / 1000) {
            RawBar& kept = rows[out - 1];
            const RawBar& copy = rows[i];
            ++report.duplicates;
            const bool bothTraded = !kept.noTrade && !copy.noTrade;
            if (bothTraded && !closesAgree(kept, copy)) {
                ++report.duplicatesDisagreeing;
                const bool takeCopy = copy.closeDecimals > kept.closeDecimals;
                report.conflicts.push_back({kept.timeMs / 1000, takeCopy ? copy.close : kept.close,
                                            takeCopy ? kept.close : copy.close});
            }
            if (kept.noTrade || (!copy.noTrade && copy.closeDecimals > kept.closeDecimals))
                kept = copy;
            continue;
        }
        rows[out++] = rows[i];
    }
    rows.resize(out);
}

/// The most common spacing of consecutive bars: a majority vote in one pass, or a count of
/// every spacing when none holds a majority.
std::int64_t usualSpacing(const std::vector<RawBar>& rows)
{
    if (rows.size() < 2)
        return 0;
    std::vector<std::int64_t> d(rows.size() - 1);
    for (std::size_t i = 1; i < rows.size(); ++i)
        d[i - 1] = rows[i].timeMs / 1000 - rows[i - 1].timeMs / 1000;
    std::int64_t candidate = 0;
    std::size_t votes = 0;
    for (std::int64_t v : d) {
        if (votes == 0)
            candidate = v;
        votes += v == candidate ? 1 : 0;
        votes -= v == candidate ? 0 : 1;
    }
    if (static_cast<std::size_t>(std::count(d.begin(), d.end(), candidate)) * 2 > d.size())
        return candidate;
    std::sort(d.begin(), d.end());
    std::int64_t best = d.front();
    std::size_t bestRun = 0;
    for (std::size_t i = 0; i < d.size();) {
        std::size_t j = i;
        while (j < d.size() && d[j] == d[i])
            ++j;
        if (j - i > bestRun) {  // ties: the shorter spacing
            bestRun = j - i;
            best = d[i];
        }
        i = j;
    }
    return best;
}

bool volumesSwapped(const Bar& b)
{
    if (!(b.volume > 0.0) || !(b.quoteVolume > 0.0))
        return false;
    const double perUnit = b.quoteVolume / b.volume;
    return perUnit < b.low / 10.0 || perUnit > b.high * 10.0;
}

}  // namespace

PriceHistory cleanBars(RawBars raw)
{
    PriceHistory out;
    ImportReport& report = out.report;
    report.bannerLines = raw.bannerLines;
    report.refused = std::move(raw.refused);
    if (!report.refused.empty())
        return out;
    std::vector<RawBar>& rows = raw.rows;
    if (rows.empty()) {
        report.refused.push_back({1, 1, "the file holds no bars"});
        return out;
    }
    sortRows(rows, report);
    removeDuplicates(rows, report);
    report.intervalSeconds = usualSpacing(rows);
    const std::int64_t shift = raw.timesAreBarEnds ? report.intervalSeconds : 0;
    report.timesWereBarEnds = raw.timesAreBarEnds && shift > 0;

    out.bars.reserve(rows.size());
    for (const RawBar& r : rows) {
        Bar b{r.timeMs / 1000 - shift, r.open, r.high, r.low, r.close, r.volume, r.quoteVolume};
        if (r.noTrade) {
            if (out.bars.empty())
                continue;  // nothing to carry forward yet; a leading no-trade row says nothing
            const double c = out.bars.back().close;
            b.open = b.high = b.low = b.close = c;
            b.volume = b.quoteVolume = 0.0;
            ++report.noTradeFilled;
        }
        out.bars.push_back(b);
    }
    if (out.bars.size() >= 2) {
        const Bar& f = out.bars.front();
        if (std::max(f.open, f.close) > 2.0 * std::min(f.open, f.close)) {
            report.droppedFirstBar = DroppedFirstBar{f.time, f.open, f.close};
            out.bars.erase(out.bars.begin());
        }
    }
    if (out.bars.empty()) {
        report.refused.push_back({1, 1, "the file holds no bars with prices"});
        return out;
    }
    for (std::size_t i = 0; i < out.bars.size(); ++i) {
        Bar& b = out.bars[i];
        if (raw.hasQuoteVolume && volumesSwapped(b)) {
            std::swap(b.volume, b.quoteVolume);
            ++report.swappedVolume;
        }
        if (raw.hasVolume && b.volume == 0.0)
            ++report.zeroVolume;
        if (b.open > b.high || b.open < b.low)
            ++report.openOutsideRange;
        if (i > 0 && report.intervalSeconds > 0) {
            const std::int64_t step = b.time - out.bars[i - 1].time;
            if (step > report.intervalSeconds) {
                const auto missing = static_cast<std::size_t>(step / report.intervalSeconds - 1);
                if (missing > 0) {
                    ++report.gaps;
                    report.missingBars += missing;
                    if (missing > report.longestGapBars) {
                        report.longestGapBars = missing;
                        report.longestGapAfter = out.bars[i - 1].time;
                    }
                }
            }
        }
    }
    report.rows = out.bars.size();
    report.first = out.bars.front().time;
    report.last = out.bars.back().time;
    return out;
}

PriceHistory importCsvPrices(std::string_view text)
{
    return cleanBars(readCsvBars(text));
}

}  // namespace levlab::engine
