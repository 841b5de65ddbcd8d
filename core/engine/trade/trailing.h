#pragma once

#include "core/engine/contract/contract.h"
#include "core/engine/trade/exit_plan.h"

namespace levlab::engine {

/// The trailing stop's level when the best trigger price reached so far is `best`:
/// a long's sits `distance` below it (best × (1 − d), or best − d in price), a
/// short's above it.
[[nodiscard]] constexpr double trailingLevel(const TrailingStop& t, Side side, double best)
{
    const double s = sign(side);
    return t.inPrice ? best - s * t.distance : best * (1.0 - s * t.distance);
}

/// Whether `price` is at or beyond the activation price on the winning side (always,
/// without one).
[[nodiscard]] constexpr bool trailingActive(const TrailingStop& t, Side side, double price)
{
    return !t.activationPrice || sign(side) * (price - *t.activationPrice) >= 0.0;
}

}  // namespace levlab::engine
