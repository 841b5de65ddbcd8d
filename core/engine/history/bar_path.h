#pragma once

#include "core/engine/history/bar.h"

#include <algorithm>
#include <array>

namespace levlab::engine {

/// The path a replay walks through one bar, since a bar records only four prices: from
/// the open to the extreme nearer the open's side first, then the other, then the
/// close. A bar that closes at or above its open (bullish) goes open → low → high →
/// close; a bearish one open → high → low → close. Deterministic: the same bar always
/// gives the same path, and every price of the bar's range is passed. The extremes
/// include the open (a BitMEX bar's open is the previous close and may lie outside
/// the bar's own high–low).
[[nodiscard]] inline std::array<double, 4> intraBarPath(const Bar& bar)
{
    const double high = std::max(bar.high, bar.open);
    const double low = std::min(bar.low, bar.open);
    if (bar.close >= bar.open)
        return {bar.open, low, high, bar.close};
    return {bar.open, high, low, bar.close};
}

}  // namespace levlab::engine
