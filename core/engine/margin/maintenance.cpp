#include "core/engine/margin/maintenance.h"

#include <algorithm>

namespace levlab::engine {

namespace {

MaintenanceTerms withVenueTerms(MaintenanceTerms t, const PositionInput& p, const VenueRules& rules)
{
    t.rate = t.baseRate;
    if (rules.takerFeeInMaintenance)
        t.rate += p.feeRate;
    if (rules.fundingInMaintenance)
        t.rate += std::max(0.0, sign(p.side) * p.fundingRate);
    return t;
}

}  // namespace

MaintenanceTerms maintenanceOfRow(const PositionInput& p, const VenueRules& rules, std::size_t index)
{
    const Bracket& b = p.brackets.brackets[index];
    MaintenanceTerms t;
    t.bracket = static_cast<int>(index);
    t.baseRate = b.mmRate;
    t.amount = b.maintenanceAmount;
    // A row without a maximum (0) sets no cap.
    t.maxLeverage = b.maxLeverage > 0.0 && p.maxLeverage ? std::min(*p.maxLeverage, b.maxLeverage)
                                                          : (b.maxLeverage > 0.0 ? b.maxLeverage : p.maxLeverage.value_or(0.0));
    return withVenueTerms(t, p, rules);
}

MaintenanceTerms maintenanceAt(const PositionInput& p, const VenueRules& rules, double notional)
{
    if (!p.mmRate && !p.brackets.brackets.empty()) {
        const double measure = p.brackets.unit == BracketUnit::Contracts ? p.quantity : notional;
        return maintenanceOfRow(p, rules, static_cast<std::size_t>(bracketIndexFor(p.brackets, measure)));
    }
    MaintenanceTerms t;
    if (p.mmRate) {
        t.baseRate = *p.mmRate;
        t.amount = p.maintenanceAmount.value_or(0.0);
        t.maxLeverage = p.maxLeverage.value_or(0.0);
    } else if (rules.maintenanceFromMaxLeverage && p.maxLeverage) {
        // Half the initial margin at max leverage.
        t.maxLeverage = *p.maxLeverage;
        t.baseRate = 1.0 / (2.0 * t.maxLeverage);
    }
    return withVenueTerms(t, p, rules);
}

double maintenanceMargin(const MaintenanceTerms& terms, const VenueRules& rules, ContractKind kind, double exposure,
                         double entry, double price)
{
    const double basisPrice = rules.basis == MaintenanceBasis::EntryValue ? entry : price;
    // A deduction above rate × value would make the requirement negative: it is 0 there.
    return std::max(0.0, terms.rate * positionValue(kind, exposure, basisPrice) - terms.amount);
}

}  // namespace levlab::engine
