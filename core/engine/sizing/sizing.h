#pragma once

#include "core/engine/contract/contract.h"
#include "core/engine/result.h"
#include "core/engine/units/units.h"

#include <optional>
#include <string>
#include <vector>

namespace levlab::engine {

/// A trade to size from the risk it may lose at its stop.
struct SizingInput final {
    Money capital{0.0};
    Rate risk{0.01};              ///< share of capital lost if the stop fills (0.01 = the 1% rule)
    Price entry{0.0};
    Price stop{0.0};              ///< below entry: a long; above: a short
    std::optional<Side> side;     ///< when given, the stop must lie on its losing side
    std::optional<Leverage> leverage;
    std::optional<Price> takeProfit;
    Rate mmRate{0.005};           ///< maintenance rate for the liquidation estimate
    Rate stopBuffer{0.005};       ///< room wanted between stop and liquidation, a share of entry
};

struct SizingResult final {
    Side side = Side::Long;
    Money riskAmount{0.0};        ///< capital × risk
    Quantity quantity{0.0};       ///< risk amount ÷ |entry − stop|
    Money notional{0.0};          ///< quantity × entry
    std::optional<Money> initialMargin;      ///< notional ÷ leverage
    Rate stopDistance{0.0};       ///< |entry − stop| ÷ entry
    std::optional<double> rewardRisk;        ///< |take-profit − entry| ÷ |entry − stop|
    std::optional<Price> liquidationPrice;   ///< isolated, at the leverage, textbook rule
    std::optional<Leverage> maxLeverageForStop;  ///< highest leverage keeping liquidation beyond stop + buffer
    std::vector<std::string> warnings;
};

/// Position size from capital, risk share and stop (the 1% rule):
/// 20,000 capital, 1% risk, stop 1.25% away → 16,000 notional, 1,600 margin at 10x.
Result<SizingResult> sizePosition(const SizingInput& in);

/// The highest leverage whose isolated liquidation (textbook: distance 1/L − mmr)
/// lies beyond the stop by at least `buffer` (all shares of entry):
/// L = 1 / (stop distance + buffer + mmr).
Leverage maxLeverageForStop(Rate stopDistance, Rate mmRate, Rate buffer);

}  // namespace levlab::engine
