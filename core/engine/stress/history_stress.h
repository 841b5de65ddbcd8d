#pragma once

#include "core/engine/history/bar.h"
#include "core/engine/result.h"
#include "core/engine/stress/plan_stress.h"

#include <cstdint>
#include <vector>

namespace levlab::engine {

/// How to run a plan over a price history.
struct HistoryRunOptions final {
    double hours = 24.0;                ///< the holding period from each entry
    std::int64_t intervalSeconds = 60;  ///< the bars' spacing (the importer's report)
    unsigned threads = 0;               ///< 0: every core; the result does not depend on it
};

/// The plan and the plain plan over every entry of a history: path i is the entry at
/// bar i (entries are the first `entries` bars). The summaries' worstPath is a bar
/// index; their worstSeed means nothing here.
struct HistoryStressResult final {
    PlanStressResult run;
    std::size_t entries = 0;
    std::int64_t worstEntryTime = 0;       ///< seconds UTC: the open of the worst entry's bar, with the rules
    std::int64_t plainWorstEntryTime = 0;  ///< the same for the plain plan
};

/// The plan moved to an entry at `price`: every price level (stop, targets, stop moves,
/// trailing distance in price, activation) scaled by price ÷ the plan's entry, so each
/// stands the same fraction from the entry; a linear position keeps its value (quantity
/// × entry ÷ price), an inverse one its contracts and the coin amounts (wallet, margin,
/// top-ups) scale to the same dollar value. Money of a linear plan is unchanged.
[[nodiscard]] TradePlan planAtEntry(const TradePlan& plan, double price);

/// The bars entry `i` holds for: i … the last bar opening before time(i) + hours; none
/// (an empty span's count 0) when the data end (last open + interval) before the
/// period does — the rule of the historical odds.
[[nodiscard]] std::size_t entryBars(const std::vector<Bar>& bars, const HistoryRunOptions& options, std::size_t i);

/// The path of entry `i` as the simulator walks it: its bar's open, then each bar of the
/// period along intraBarPath (the replay's walk), every point of a bar stamped with the
/// bar's end time, the mark equal to the price (a history of traded prices). Empty when
/// the period does not fit in the data.
[[nodiscard]] std::vector<PathPoint> historyPath(const std::vector<Bar>& bars, const HistoryRunOptions& options, std::size_t i);

/// Runs `plan` (planAtEntry of each bar's open) and its plainPlan from every bar whose
/// whole holding period lies inside the data, on `threads` std::threads; results are
/// gathered by entry, so the same for any thread count. Bar times must ascend. Refuses a
/// history without a whole period, a period outside (0, 10 years], and a plan the
/// simulator refuses, at its own entry or moved to one (the first such bar is named).
[[nodiscard]] Result<HistoryStressResult> stressPlanOverHistory(const TradePlan& plan, const std::vector<Bar>& bars,
                                                                const HistoryRunOptions& options);

}  // namespace levlab::engine
