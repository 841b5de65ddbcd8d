#include "core/engine/trade/exit_race.h"

#include <cmath>

namespace levlab::engine {

std::optional<double> reachedAt(double from, double to, double level, double direction)
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
