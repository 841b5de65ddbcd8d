#pragma once

#include "core/engine/margin/position.h"
#include "core/engine/venue/venue.h"

namespace levlab::engine {

/// The maintenance parameters that apply at one position value.
struct MaintenanceTerms final {
    double baseRate = 0.0;     ///< the bracket's (or given) rate
    double rate = 0.0;         ///< baseRate plus the fee and funding terms the venue adds
    double amount = 0.0;       ///< deduction
    int bracket = -1;
    double maxLeverage = 0.0;  ///< 0 when unknown
};

/// Terms for `p` at a position value of `notional` (settlement currency).
/// With p.mmRate set the table is ignored; without a table, a venue whose
/// maintenance derives from max leverage uses 1 / (2 × p.maxLeverage).
MaintenanceTerms maintenanceAt(const PositionInput& p, const VenueRules& rules, double notional);

/// Terms of row `index` of p's table (the venue's fee and funding terms added).
MaintenanceTerms maintenanceOfRow(const PositionInput& p, const VenueRules& rules, std::size_t index);

/// The maintenance requirement: terms.rate × value(basis price) − terms.amount,
/// where the basis price is the entry or `price` as the venue says; never below 0.
double maintenanceMargin(const MaintenanceTerms& terms, const VenueRules& rules, ContractKind kind, double exposure,
                         double entry, double price);

}  // namespace levlab::engine
