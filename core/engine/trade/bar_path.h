#pragma once

#include "core/engine/trade/trade_simulator.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace levlab::engine {

/// One candle of a price history.
struct Bar final {
    std::int64_t openMs = 0;
    double open = 0.0;
    double high = 0.0;
    double low = 0.0;
    double close = 0.0;
    std::optional<double> markClose;  ///< the mark at the close, when the history has it
};

/// A path through bars for the trade simulator: each bar is walked open → the extreme
/// nearer the open → the other extreme → close (the common assumption when only OHLC
/// is known), a quarter of `barMs` apart. Without a mark the mark is the traded price;
/// with `markClose` the mark moves in a straight line from the previous bar's mark to it.
[[nodiscard]] std::vector<PathPoint> barPath(std::span<const Bar> bars, std::int64_t barMs = 60'000);

}  // namespace levlab::engine
