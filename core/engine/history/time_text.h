#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace levlab::engine {

/// A time as files write it, in milliseconds since 1970-01-01 UTC:
/// - ISO-8601: "2020-03-12T00:00:00.000Z", "2020-03-12 00:00:00", "2020-03-12 00:00",
///   "2020-03-12", with an optional "Z" or "+03:00" / "-0500" offset ('/' also separates dates);
/// - an epoch number: seconds ("1584000000", "1584000000.0"), milliseconds (13 digits)
///   or microseconds (16 digits), told apart by size.
/// Times without an offset are UTC. Returns nullopt for anything else.
std::optional<std::int64_t> parseTimeMs(std::string_view text);

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);

/// "2020-03-12 00:00" in UTC (seconds are shown only when not zero).
std::string isoMinute(std::int64_t seconds);

}  // namespace levlab::engine
