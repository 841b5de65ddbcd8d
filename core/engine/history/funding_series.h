#pragma once

#include "core/engine/history/bar.h"

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace levlab::engine {

/// One funding settlement: when it settled (seconds UTC), the rate charged (a fraction of
/// the position's value; positive: longs pay shorts) and the interval it covered.
struct FundingSettlement final {
    std::int64_t time = 0;
    double rate = 0.0;
    std::int64_t intervalSeconds = 0;
};

/// A funding file's row as written.
struct RawFunding final {
    std::int64_t timeMs = 0;
    double rate = 0.0;
    std::optional<std::int64_t> intervalSeconds;  ///< when the file states it (BitMEX)
    std::size_t line = 0;
};

struct FundingReport final {
    std::size_t rows = 0;
    std::int64_t first = 0;
    std::int64_t last = 0;
    bool reversed = false;
    bool reordered = false;
    std::size_t duplicates = 0;
    std::int64_t utcOffsetSeconds = 0;  ///< subtracted from the file's times (a local-time export)
    /// Intervals in whole hours and how many settlements covered each, shortest first.
    std::vector<std::pair<std::int64_t, std::size_t>> intervalHours;
    std::vector<Refusal> refused;
};

struct FundingHistory final {
    std::vector<FundingSettlement> settlements;  ///< oldest first, one per time
    FundingReport report;
};

/// Sorts settlements oldest first, removes repeated times (the first kept), and gives each
/// its interval: the one the file states, else the time since the previous settlement (the
/// first takes the time to the next). `utcOffsetSeconds` is subtracted from every time.
FundingHistory cleanFunding(std::vector<RawFunding> rows, std::int64_t utcOffsetSeconds,
                            std::vector<Refusal> refused);

}  // namespace levlab::engine
