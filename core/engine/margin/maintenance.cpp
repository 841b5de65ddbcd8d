#include "core/engine/margin/maintenance.h"

#include <algorithm>

namespace levlab::engine {

MaintenanceTerms maintenanceAt(const PositionInput& p, const VenueRules& rules, double notional)
{
    MaintenanceTerms t;
    if (p.mmRate) {
        t.baseRate = *p.mmRate;
        t.amount = p.maintenanceAmount.value_or(0.0);
        t.maxLeverage = p.maxLeverage.value_or(0.0);
    } else if (const Bracket* b = bracketFor(p.brackets, notional)) {
        t.bracket = bracketIndexFor(p.brackets, notional);
        t.baseRate = b->mmRate;
        t.amount = b->maintenanceAmount;
        t.maxLeverage = p.maxLeverage ? std::min(*p.maxLeverage, b->maxLeverage) : b->maxLeverage;
    } else if (rules.maintenanceFromMaxLeverage && p.maxLeverage) {
        // Half the initial margin at max leverage.
        t.maxLeverage = *p.maxLeverage;
        t.baseRate = 1.0 / (2.0 * t.maxLeverage);
    }
    t.rate = t.baseRate;
    if (rules.takerFeeInMaintenance)
        t.rate += p.feeRate;
    if (rules.fundingInMaintenance)
        t.rate += std::max(0.0, sign(p.side) * p.fundingRate);
    return t;
}

double maintenanceMargin(const MaintenanceTerms& terms, const VenueRules& rules, ContractKind kind, double exposure,
                         double entry, double price)
{
    const double basisPrice = rules.basis == MaintenanceBasis::EntryValue ? entry : price;
    return terms.rate * positionValue(kind, exposure, basisPrice) - terms.amount;
}

}  // namespace levlab::engine
