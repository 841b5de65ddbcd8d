#pragma once

#include "core/engine/margin/position.h"
#include "core/engine/result.h"
#include "core/engine/venue/venue.h"

namespace levlab::engine {

/// The leverage at which an isolated `position` liquidates at `target`
/// (its isolated margin being the initial margin at that leverage). The
/// liquidation distance shrinks as leverage rises, so bisection over
/// [1, the row's max leverage] finds it to 1e-9 relative. Refused when the
/// target lies on the profitable side of entry, or beyond what 1x or the
/// maximum leverage can reach.
Result<double> leverageForLiquidation(Venue venue, const PositionInput& position, double target);

/// The isolated margin at which `position` liquidates at `target`. Margin moves
/// the liquidation price linearly for linear contracts and monotonically for
/// inverse ones; solved by bisection between the maintenance margin and the
/// position's value.
Result<double> marginForLiquidation(Venue venue, const PositionInput& position, double target);

}  // namespace levlab::engine
