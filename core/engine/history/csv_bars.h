#pragma once

#include "core/engine/history/bar.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace levlab::engine {

/// One row of a price file as written, before any repair.
struct RawBar final {
    std::int64_t timeMs = 0;
    double open = 0.0;
    double high = 0.0;
    double low = 0.0;
    double close = 0.0;
    double volume = 0.0;
    double quoteVolume = 0.0;
    std::uint32_t line = 0;          ///< 1-based line (or array element) in the file
    std::uint8_t closeDecimals = 0;  ///< digits written after the close's decimal point
    bool noTrade = false;            ///< open, high, low and close were all empty
};

/// A price file's rows and what its layout says about them.
struct RawBars final {
    std::vector<RawBar> rows;
    bool hasVolume = false;
    bool hasQuoteVolume = false;
    bool timesAreBarEnds = false;  ///< BitMEX bucketed files stamp a bar at its end
    std::size_t bannerLines = 0;   ///< lines skipped before the header
    std::vector<Refusal> refused;  ///< the rows (or header) that cannot be used; the file is refused
};

/// At most this many refused rows are listed; reading stops after them.
inline constexpr std::size_t kMaxRefusals = 20;

/// Reads a CSV price file: an optional banner before a header that names the columns in
/// any order (time as unix/timestamp/time/date…, open/high/low/close or o/h/l/c, volumes
/// "Volume BTC"/"Volume USD", BitMEX homeNotional/foreignNotional), fields separated by
/// comma, semicolon or tab (a semicolon or tab file may use decimal commas). A headerless
/// file whose rows start with an epoch-millisecond time and six numbers is read as the
/// Binance kline layout. Rows with open, high, low and close all empty are no-trade bars.
/// Refuses the file (listing lines and columns) where a row has too few fields, a time
/// that is not a time, a price that is not a number above 0, high below low, or a close
/// outside low–high. The open may lie outside low–high (BitMEX opens at the previous close).
RawBars readCsvBars(std::string_view text);

/// Reads a price the way the CSV reader does ("42.5", " 42.50 "); false when not a number.
bool readNumber(std::string_view text, double& out, bool decimalComma = false);

}  // namespace levlab::engine
