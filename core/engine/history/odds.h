#pragma once

#include "core/engine/history/bar.h"
#include "core/engine/margin/position.h"
#include "core/engine/result.h"
#include "core/engine/venue/venue.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace levlab::engine {

/// The position whose historical odds are asked: the venue's rules and the plan's
/// position (symbol, contract, quantity at its entry price, maintenance table or rate,
/// fee, funding). Side and leverage come from the grid; the position is isolated.
struct OddsPosition final {
    Venue venue = Venue::Textbook;
    PositionInput position;
    std::optional<double> stopDistance;  ///< the stop, as a fraction of the entry (0.02: 2% away)
};

/// One leverage × holding period × side.
struct OddsCell final {
    Side side = Side::Long;
    double leverage = 0.0;
    double hours = 0.0;
    std::size_t entries = 0;        ///< bars whose whole holding period lies inside the data
    std::size_t liquidated = 0;     ///< entries liquidated within the period (the stop left out)
    std::size_t stoppedFirst = 0;   ///< entries whose stop fired within the period before liquidation could
    double share = 0.0;             ///< liquidated ÷ entries (0 without entries)
    std::optional<double> liquidationRatio;  ///< liquidation price ÷ entry; none: no price liquidates it
    bool stopBeyondLiquidation = false;      ///< the stop lies at or past liquidation: it never fires first
    std::optional<std::size_t> worstEntry;   ///< the entry whose period went furthest against it
    double worstMove = 0.0;                  ///< that entry's furthest adverse move, a fraction of its entry
};

struct OddsGrid final {
    std::vector<OddsCell> cells;  ///< by side, then leverage, then hours, in the order asked
};

/// The historical odds of liquidation. Each bar is an entry at its open, holding for
/// `hours`: the period covers the bars that open before entry time + hours, and the entry
/// counts only when the data reach the period's end (last bar's open + interval). The
/// position opens the plan's notional at every entry, so its liquidation price is the same
/// fraction of the entry at every bar (the engine's isolated liquidation price at the plan's
/// entry, divided by it). A long is liquidated when a bar's low reaches that price, a short
/// when a high does; the stop fires first when it lies nearer than liquidation and a bar
/// reaches it (price passes the nearer level first). Exact: every entry's extreme over its
/// period comes from a monotonic queue, O(bars) per side and period, bars × cells compares.
/// Bar times must ascend. Refuses a leverage the venue refuses (the engine's reason).
Result<OddsGrid> liquidationOdds(const std::vector<Bar>& bars, std::int64_t intervalSeconds, const OddsPosition& plan,
                                 const std::vector<double>& leverages, const std::vector<double>& hours,
                                 const std::vector<Side>& sides = {Side::Long, Side::Short});

/// The liquidation price ÷ entry of the plan's position at `leverage` on `side`; none when
/// no price liquidates it.
Result<std::optional<double>> liquidationRatio(const OddsPosition& plan, Side side, double leverage);

/// The first bar in [from, to] whose low (long) or high (short) reaches `level`.
std::optional<std::size_t> firstPassage(const std::vector<Bar>& bars, std::size_t from, std::size_t to, Side side,
                                        double level);

}  // namespace levlab::engine
