#pragma once

#include "core/engine/margin/maintenance.h"
#include "core/engine/margin/position.h"
#include "core/engine/venue/venue.h"

#include <optional>

namespace levlab::engine::detail {

/// A validated position with everything derived once: exposure, values at
/// entry and mark, its maintenance terms and unrealised PnL.
struct Prepared final {
    const PositionInput* in = nullptr;
    VenueRules rules;
    ContractKind kind = ContractKind::Linear;
    Side side = Side::Long;
    double q = 0.0;  ///< exposure
    double entry = 0.0;
    double mark = 0.0;
    std::optional<double> leverage;  ///< given, or implied by an isolated margin
    double initialMargin = 0.0;      ///< 0 when the leverage is unknown
    double isolatedMargin = 0.0;     ///< 0 for cross
    bool cross = false;
    bool maintenanceKnown = true;    ///< a rate, a table, or (Hyperliquid) a max leverage is known
    MaintenanceTerms terms;          ///< at the price the venue's basis names
    double mm = 0.0;                 ///< maintenance at mark (0 when unknown)
    double pnl = 0.0;                ///< at mark
};

Prepared prepare(Venue venue, const PositionInput& p);

/// Maintenance of `p` were its mark at `price` (rows re-resolved for a mark basis).
double maintenanceAtPrice(const Prepared& p, double price);

/// What the venue counts as the position's own collateral: Bybit (inverse)
/// counts an isolated position's margin beyond the initial net of the fee to close it.
double effectiveCollateral(const Prepared& p, double collateral);

/// The liquidation price given the collateral backing the position: the price
/// nearest the mark on the losing side at which collateral + PnL falls to the
/// maintenance requirement (where a step table's jump makes no row's own root
/// consistent, the row boundary where the condition first holds). For a
/// position already liquidated, the nearest price on the winning side at which
/// it no longer would be. None when no price does it.
/// With `ratio` below 1, the same for the price at which the margin ratio
/// (maintenance ÷ (collateral + PnL)) reaches `ratio` (a margin rule's trigger).
std::optional<double> liquidationPrice(const Prepared& p, double collateral, double ratio = 1.0);

/// Price at which the collateral is exhausted (less the fee to close where the
/// venue keeps it back).
std::optional<double> bankruptcyPrice(const Prepared& p, double collateral);

}  // namespace levlab::engine::detail
