#pragma once

#include <optional>

namespace levlab::engine {

/// Share of the way (0 … 1) from `from` to `to` at which a price moving in a
/// straight line reaches `level` going in `direction` (+1 up, −1 down): 0 when it
/// is already there at `from`, none when it is not there at `to` either.
/// This is how every exit is raced between two prices of a path: the level
/// reached at the smaller share is first.
[[nodiscard]] std::optional<double> reachedAt(double from, double to, double level, double direction);

}  // namespace levlab::engine
