#pragma once

#include "core/engine/history/bar.h"
#include "core/engine/history/csv_bars.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace levlab::engine {

/// Two copies of one bar whose closes differ by more than the coarser copy's rounding.
struct DuplicateConflict final {
    std::int64_t time = 0;  ///< bar open time, seconds
    double keptClose = 0.0;
    double droppedClose = 0.0;
};

/// A first bar unlike the rest: its open and close differ by more than a factor of two
/// (a listing artefact such as Binance's first BTCUSDT hour, 16,199.91 → 4,308.83).
struct DroppedFirstBar final {
    std::int64_t time = 0;
    double open = 0.0;
    double close = 0.0;
};

/// What the importer found and repaired. Counts are of bars after de-duplication.
struct ImportReport final {
    std::size_t rows = 0;                    ///< bars kept
    std::int64_t first = 0;                  ///< open time of the first bar kept, seconds UTC
    std::int64_t last = 0;                   ///< open time of the last bar kept
    std::int64_t intervalSeconds = 0;        ///< the usual spacing of bars (the most common)
    bool reversed = false;                   ///< the file ran newest first
    bool reordered = false;                  ///< rows were out of order (other than simply reversed)
    bool timesWereBarEnds = false;           ///< times moved back one interval to the bar's open
    std::size_t bannerLines = 0;
    std::size_t duplicates = 0;              ///< extra copies removed
    std::size_t duplicatesDisagreeing = 0;   ///< of which the close differed
    std::vector<DuplicateConflict> conflicts;
    std::size_t gaps = 0;                    ///< places where bars are missing
    std::size_t missingBars = 0;             ///< bars missing in all of them
    std::size_t longestGapBars = 0;
    std::int64_t longestGapAfter = 0;        ///< open time of the bar before the longest gap
    std::size_t zeroVolume = 0;              ///< bars with volume 0 (no trades)
    std::size_t noTradeFilled = 0;           ///< bars with empty prices, made flat at the previous close
    std::size_t swappedVolume = 0;           ///< rows whose base and quote volume were swapped back
    std::size_t openOutsideRange = 0;        ///< bars whose open lies outside low–high
    std::optional<DroppedFirstBar> droppedFirstBar;
    std::vector<Refusal> refused;            ///< non-empty: the file was refused and no bars are kept
};

/// Bars oldest first, one per time, each stamped with its open time, and the report.
struct PriceHistory final {
    std::vector<Bar> bars;
    ImportReport report;
};

/// Repairs raw rows into a history: sorts them oldest first, removes duplicate times
/// (keeping the copy written with more decimals, else the first in the file), moves
/// bar-end times back one interval, fills no-trade bars at the previous close, swaps back
/// volume pairs whose quote ÷ base is more than ten times away from the bar's prices,
/// drops an implausible first bar, and counts gaps, zero-volume bars and opens outside
/// low–high. A file with refused rows, or with no bars, gives no bars and the refusals.
PriceHistory cleanBars(RawBars raw);

/// readCsvBars then cleanBars.
PriceHistory importCsvPrices(std::string_view text);

}  // namespace levlab::engine
