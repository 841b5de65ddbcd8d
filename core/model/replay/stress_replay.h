#pragma once

#include "core/engine/history/bar.h"
#include "core/engine/stress/history_stress.h"
#include "core/engine/stress/plan_stress.h"
#include "core/model/plan/plan_inputs.h"

#include <QString>

#include <vector>

namespace levlab::model {

/// A stress run's path to play on the chart: the bars to replay (a seeded path made
/// into one-minute bars; empty: the loaded history itself), the time to start at (the
/// entry's bar), and the plan moved to that entry, to open there at the market.
struct PathReplay final {
    QString name;
    std::vector<engine::Bar> bars;
    qint64 startSeconds = 0;
    PlanInputs inputs;
};

/// The plan's inputs moved from an entry at `from` to one at `to`, as the history run
/// moves the engine's plan (engine::planAtEntry): the entry at the market, every price
/// level scaled by to ÷ from; a linear size in contracts keeps its value, an inverse
/// plan's coin amounts (wallet, added margin, top-ups) their dollar value. A size given
/// as value or as risk is unchanged.
[[nodiscard]] PlanInputs inputsAtEntry(const PlanInputs& in, double from, double to, engine::ContractKind contract);

/// Path `index` of a seeded stress run (engine::stressPath) as one-minute bars of its
/// last price starting at `startSeconds`: bar k runs from point k to point k + 1. The
/// path starts at the plan's entry, so the plan plays unchanged (at the market).
[[nodiscard]] PathReplay seededPathReplay(const PlanInputs& in, const engine::TradePlan& plan, const engine::StressRunOptions& options,
                                          std::size_t index, qint64 startSeconds);

/// Entry `entry` of a history run: the loaded history from that bar, the plan moved to
/// its open.
[[nodiscard]] PathReplay historyEntryReplay(const PlanInputs& in, const engine::TradePlan& plan, const std::vector<engine::Bar>& bars,
                                            std::size_t entry);

}  // namespace levlab::model
