#pragma once

#include "core/engine/trade/exit_plan.h"
#include "core/engine/trade/holding.h"

#include <optional>
#include <vector>

namespace levlab::engine {

/// Adds `amount` to the collateral (an isolated position's margin, a cross
/// position's wallet); the liquidation price moves away by amount ÷ size for a
/// linear contract on an entry basis.
[[nodiscard]] Holding topUp(const Holding& h, double amount);

/// How much a top-up rule adds next (its amount, less what would pass its total),
/// 0 once it has fired `maxTimes` times or reached its total.
[[nodiscard]] double topUpAmount(const TopUpRule& rule, int timesFired, double addedSoFar);

/// One rung of the margin plan as the mark moves against the position from `mark`.
struct MarginStep final {
    enum class Kind { TopUp, Deleverage };
    Kind kind = Kind::TopUp;
    std::size_t rule = 0;         ///< index in its list
    double triggerPrice = 0.0;    ///< where the margin ratio reaches the rule's level
    double amount = 0.0;          ///< top-up: money added; deleverage: contracts closed
    std::optional<double> liquidationAfter;
};

/// The margin plan laid out beside the liquidation line: the rules firing in the
/// order an adverse move from `mark` reaches them (each fire moves the next
/// trigger), until none is reached before liquidation. At most `maxSteps` rungs.
[[nodiscard]] std::vector<MarginStep> marginLadder(const Holding& h, double mark, const ExitPlan& exits,
                                                   std::size_t maxSteps = 50);

}  // namespace levlab::engine
