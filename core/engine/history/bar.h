#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace levlab::engine {

/// One price bar. `time` is the bar's OPEN time in seconds since 1970-01-01 UTC.
/// Volumes are in the base asset and in the quote currency (0 when the file has none).
struct Bar final {
    std::int64_t time = 0;
    double open = 0.0;
    double high = 0.0;
    double low = 0.0;
    double close = 0.0;
    double volume = 0.0;
    double quoteVolume = 0.0;
};

/// Why a line of a file cannot be used: 1-based line and column, and a sentence.
struct Refusal final {
    std::size_t line = 0;
    std::size_t column = 0;
    std::string reason;
    friend bool operator==(const Refusal&, const Refusal&) = default;
};

}  // namespace levlab::engine
