#include "core/engine/history/funding_series.h"

#include <algorithm>
#include <map>

namespace levlab::engine {

FundingHistory cleanFunding(std::vector<RawFunding> rows, std::int64_t utcOffsetSeconds, std::vector<Refusal> refused)
{
    FundingHistory out;
    FundingReport& r = out.report;
    r.utcOffsetSeconds = utcOffsetSeconds;
    r.refused = std::move(refused);
    if (r.refused.empty() && rows.empty())
        r.refused.push_back({1, 1, "the file holds no funding settlements"});
    if (!r.refused.empty())
        return out;
    const auto byTime = [](const RawFunding& a, const RawFunding& b) { return a.timeMs < b.timeMs; };
    if (!std::is_sorted(rows.begin(), rows.end(), byTime)) {
        const bool reversed = std::is_sorted(rows.begin(), rows.end(), [](const RawFunding& a, const RawFunding& b) {
            return a.timeMs > b.timeMs;
        });
        (reversed ? r.reversed : r.reordered) = true;
        std::stable_sort(rows.begin(), rows.end(), byTime);
    }
    for (const RawFunding& row : rows) {
        const std::int64_t t = row.timeMs / 1000 - utcOffsetSeconds;
        if (!out.settlements.empty() && out.settlements.back().time == t) {
            ++r.duplicates;
            continue;
        }
        const std::int64_t stated = row.intervalSeconds.value_or(0);
        out.settlements.push_back({t, row.rate, stated});
    }
    std::map<std::int64_t, std::size_t> hours;
    for (std::size_t i = 0; i < out.settlements.size(); ++i) {
        FundingSettlement& s = out.settlements[i];
        if (s.intervalSeconds == 0) {
            if (i > 0)
                s.intervalSeconds = s.time - out.settlements[i - 1].time;
            else if (out.settlements.size() > 1)
                s.intervalSeconds = out.settlements[1].time - s.time;
        }
        ++hours[(s.intervalSeconds + 1800) / 3600];
    }
    r.intervalHours.assign(hours.begin(), hours.end());
    r.rows = out.settlements.size();
    r.first = out.settlements.front().time;
    r.last = out.settlements.back().time;
    return out;
}

}  // namespace levlab::engine
