#pragma once

#include "core/engine/result.h"
#include "core/engine/trade/exit_plan.h"
#include "core/engine/trade/margin_rules.h"
#include "core/engine/trade/trade_simulator.h"

#include <optional>
#include <vector>

namespace levlab::engine {

/// What a plan's ladder and rules promise before the trade opens: the risk panel's
/// figures and the rungs beside the chart's levels.
struct LadderPreview final {
    /// The steps if the price walks from the entry through every take-profit in turn
    /// (each with its realised result and the liquidation price after it; stop moves
    /// included); a share left after the last target is closed there.
    std::vector<TradeStep> targetSteps;
    double reward = 0.0;   ///< the sum of those steps' results
    double risk = 0.0;     ///< the loss if the price goes straight to the stop (liquidation first if nearer); the margin without a stop
    std::optional<double> rewardRisk;  ///< blended reward:risk, reward ÷ risk
    std::vector<MarginStep> marginSteps;  ///< the margin rules laid out from the entry (marginLadder)
};

/// The preview of `plan`: refuses what openHolding refuses.
[[nodiscard]] Result<LadderPreview> previewLadder(const TradePlan& plan);

}  // namespace levlab::engine
