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
    double initialMargin = 0.0;
    double isolatedMargin = 0.0;  ///< 0 for cross
    bool cross = false;
    MaintenanceTerms terms;       ///< at the price the venue's basis names
    double mm = 0.0;              ///< maintenance at mark
    double pnl = 0.0;             ///< at mark
};

Prepared prepare(Venue venue, const PositionInput& p);

/// Maintenance of `p` were its mark at `price` (rows re-resolved for a mark basis).
double maintenanceAtPrice(const Prepared& p, double price);

/// Liquidation price given the collateral backing the position.
std::optional<double> liquidationPrice(const Prepared& p, double collateral);

/// Price at which the collateral is exhausted (less the fee to close where the
/// venue keeps it back).
std::optional<double> bankruptcyPrice(const Prepared& p, double collateral);

}  // namespace levlab::engine::detail
