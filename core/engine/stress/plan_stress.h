#pragma once

#include "core/engine/market/price_path.h"
#include "core/engine/result.h"
#include "core/engine/trade/exit_plan.h"
#include "core/engine/trade/trade_simulator.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace levlab::engine {

/// How many seeded paths to run a plan over, and in which market.
struct StressRunOptions final {
    std::size_t paths = 1000;
    std::uint64_t seed = 1;
    market::Regime regime = market::Regime::Calm;
    int steps = 1440;            ///< one day …
    double stepSeconds = 60.0;   ///< … of one-minute points
    unsigned threads = 0;        ///< 0: every core; the result does not depend on it
};

/// One path's outcome for one plan.
struct PlanOutcome final {
    TradeOutcome outcome = TradeOutcome::OpenAtEnd;
    double result = 0.0;
};

/// The distribution of one plan's outcomes over the run.
struct OutcomeSummary final {
    std::array<std::size_t, kOutcomeCount> counts{};  ///< by TradeOutcome
    double median = 0.0;        ///< of the results; the mean of the middle two for an even count
    double percentile5 = 0.0;   ///< nearest rank: the ⌈0.05·N⌉-th smallest result
    double mean = 0.0;
    std::size_t worstPath = 0;  ///< the lowest result's path (the first of equals)
    std::uint64_t worstSeed = 0;
    double worstResult = 0.0;
};

/// The plan with its ladders and rules and the same plan without them (plainPlan),
/// over the same paths.
struct PlanStressResult final {
    OutcomeSummary withRules;
    OutcomeSummary plain;
    std::vector<PlanOutcome> pathsWithRules;  ///< by path index
    std::vector<PlanOutcome> pathsPlain;
};

/// Runs `plan` over `options.paths` paths starting at its entry, each path `i` drawn
/// from market::pathSeed(seed, i), split over `threads` std::threads; results are
/// gathered by path index, so they are the same for any thread count.
[[nodiscard]] Result<PlanStressResult> stressPlan(const TradePlan& plan, const StressRunOptions& options);

/// Why `plan` or its plainPlan cannot open at the plan's entry price, if either cannot:
/// a stress run compares the two and needs both.
[[nodiscard]] std::optional<Error> refuseUnopenable(const TradePlan& plan);

/// Path `index` of a run, as the stress run draws it (steps + 1 points, the first at the entry).
[[nodiscard]] std::vector<PathPoint> stressPath(const TradePlan& plan, const StressRunOptions& options, std::size_t index);

/// The summary of a list of outcomes (the path seeds from `options`).
[[nodiscard]] OutcomeSummary summarize(const std::vector<PlanOutcome>& outcomes, const StressRunOptions& options);

}  // namespace levlab::engine
