#pragma once

#include <cmath>
#include <optional>

namespace levlab::engine {

/// Share of the way (0 … 1) from `from` to `to` at which a price moving in a
/// straight line reaches `level` going in `direction` (+1 up, −1 down): 0 when it
/// is already there at `from`, none when it is not there at `to` either.
/// This is how every exit is raced between two prices of a path: the level
/// reached at the smaller share is first. Inline: the stress run calls it for every
/// level at every point.
[[nodiscard]] inline std::optional<double> reachedAt(double from, double to, double level, double direction)
{
    if (!(std::isfinite(from) && std::isfinite(to) && from > 0.0))
        return std::nullopt;
    if (direction * (to - level) < 0.0)
        return std::nullopt;  // not there yet at the end
    if (direction * (from - level) >= 0.0)
        return 0.0;  // already there at the start
    return (level - from) / (to - from);
}

}  // namespace levlab::engine
