#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace levlab::engine {

/// A decimal written as text, the way exchanges send prices and rates
/// ("11794.15000000", "-0.005", "32180.5", "1e-5"), read as the double nearest to
/// the decimal written (std::from_chars, correctly rounded; never via a float of
/// another width). Accepts only the JSON number grammar: optional '-', digits,
/// optional fraction, optional exponent. Anything else (empty, "+1", ".5", "1.",
/// "nan", "inf", "0x1p3", trailing text, a result beyond the double range) is none.
std::optional<double> parseDecimal(std::string_view text);

/// A whole number written in decimal ("1760342400000", "-3"), for times in
/// milliseconds sent as strings. None for anything else or out of range.
std::optional<std::int64_t> parseWhole(std::string_view text);

}  // namespace levlab::engine
