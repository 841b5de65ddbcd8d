#pragma once

#include "core/engine/margin/position.h"
#include "core/engine/result.h"
#include "core/engine/venue/venue.h"

#include <optional>
#include <vector>

namespace levlab::engine {

/// Which price the stop, the targets and the trailing stop watch. Liquidation and
/// the margin rules always watch the mark.
enum class ExitTrigger { Mark, Last };

/// One rung of an exit ladder: at `price`, close `share` of the position as opened.
struct TakeProfit final {
    double price = 0.0;
    double share = 0.0;  ///< of the opening quantity, (0, 1]
    friend bool operator==(const TakeProfit&, const TakeProfit&) = default;
};

/// Where the stop goes once take-profit number `afterTarget` (1-based) has filled.
struct StopMove final {
    int afterTarget = 1;
    bool breakEven = false;  ///< to the break-even price (see breakEvenPrice)
    double price = 0.0;      ///< the chosen level when not break-even
    friend bool operator==(const StopMove&, const StopMove&) = default;
};

/// A stop that follows the best trigger price reached by a fixed distance.
struct TrailingStop final {
    double distance = 0.0;   ///< a fraction of the best price (0.02 is 2%), or a price distance
    bool inPrice = false;    ///< distance is in price units rather than a fraction
    std::optional<double> activationPrice;  ///< it starts trailing once the trigger reaches this price
    friend bool operator==(const TrailingStop&, const TrailingStop&) = default;
};

/// "When the margin ratio reaches `marginRatio`, add `amount` to the margin, at
/// most `maxTimes` times and at most `maxTotal` in all" (Bybit's auto-add-margin
/// is one such rule). Cross: the amount is added to the wallet.
struct TopUpRule final {
    double marginRatio = 0.0;  ///< maintenance ÷ (collateral + PnL), in (0, 1); 1 is liquidation
    double amount = 0.0;
    int maxTimes = 1;
    std::optional<double> maxTotal;
    friend bool operator==(const TopUpRule&, const TopUpRule&) = default;
};

/// "When the margin ratio reaches `marginRatio`, close `share` of the position" (at
/// most `maxTimes` times).
struct DeleverageRule final {
    double marginRatio = 0.0;
    double share = 0.0;  ///< of the quantity still open, (0, 1]
    int maxTimes = 1;
    friend bool operator==(const DeleverageRule&, const DeleverageRule&) = default;
};

/// The exits and margin rules that go with one position.
struct ExitPlan final {
    std::optional<double> stopLoss;
    std::vector<TakeProfit> targets;  ///< at most kMaxTargets, nearest the entry first
    std::vector<StopMove> stopMoves;  ///< break-even after target k, or to a chosen level
    std::optional<TrailingStop> trailing;
    std::vector<TopUpRule> topUps;
    std::vector<DeleverageRule> deleverages;
    ExitTrigger trigger = ExitTrigger::Mark;
};

inline constexpr std::size_t kMaxTargets = 5;

/// One position on a venue with its exits: what the trade simulator walks and the
/// stress run repeats. `wallet` backs a cross position (and is the account for an
/// isolated one); without it an isolated position's wallet is its margin.
struct TradePlan final {
    Venue venue = Venue::Textbook;
    std::optional<double> wallet;
    PositionInput position;
    ExitPlan exits;
};

/// The same plan without its ladder and rules: the opening stop, and one target
/// for the whole position at the ladder's farthest level.
[[nodiscard]] TradePlan plainPlan(const TradePlan& plan);

/// Checks the exits against the position: at most five targets on the winning side,
/// each beyond the one before, shares summing to at most 100%; the stop and every
/// chosen stop level on the losing side of the entry, stop moves naming a target
/// that exists; a positive trailing distance; rule ratios in (0, 1), positive
/// amounts and counts. Field names as in the plan file ("exit_ladder.targets[1].share").
[[nodiscard]] std::optional<Error> validateExitPlan(const PositionInput& position, const ExitPlan& exits);

}  // namespace levlab::engine
