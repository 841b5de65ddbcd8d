#include "core/engine/trade/bar_path.h"

#include <array>
#include <cmath>

namespace levlab::engine {

std::vector<PathPoint> barPath(std::span<const Bar> bars, std::int64_t barMs)
{
    std::vector<PathPoint> out;
    out.reserve(bars.size() * 4);
    std::optional<double> mark;  // the previous bar's mark at its close
    for (const Bar& b : bars) {
        const bool highFirst = std::abs(b.high - b.open) < std::abs(b.open - b.low);
        const std::array<double, 4> prices{b.open, highFirst ? b.high : b.low, highFirst ? b.low : b.high, b.close};
        const double markFrom = mark.value_or(b.open);
        for (std::size_t i = 0; i < prices.size(); ++i) {
            const double share = static_cast<double>(i) / 3.0;
            PathPoint p;
            p.timeMs = b.openMs + barMs * static_cast<std::int64_t>(i) / 4;
            p.last = prices[i];
            p.mark = b.markClose ? markFrom + (*b.markClose - markFrom) * share : prices[i];
            out.push_back(p);
        }
        mark = b.markClose;
    }
    return out;
}

}  // namespace levlab::engine
