#include "core/engine/venue/venue_compare.h"

#include "core/engine/contract/contract.h"

#include <cmath>

namespace levlab::engine {

namespace {

std::string percentText(double fraction)
{
    std::string s = numberText(std::round(fraction * 1e8) / 1e6);
    return s + "%";
}

std::string rowReason(Venue venue, const PositionInput& p, const PositionResult& r, const VenueRules& rules)
{
    const std::string rate = percentText(r.mmRate);
    if (rules.maintenanceFromMaxLeverage && r.maxLeverage > 0.0 && std::abs(r.mmRate - 1.0 / (2.0 * r.maxLeverage)) < 1e-12)
        return "maintenance is half the initial margin at " + numberText(r.maxLeverage) + "x (" + rate + ")";
    if (r.bracket < 0)
        return "maintenance rate " + rate + " as given";
    const Bracket& b = p.brackets.brackets[static_cast<std::size_t>(r.bracket)];
    std::string s = "maintenance rate " + rate + " from row " + std::to_string(r.bracket + 1) + " of " + std::string(venueDisplayName(venue))
                    + "'s table (" + (p.brackets.unit == BracketUnit::Contracts ? "contracts " : "notional ") + numberText(b.notionalFloor)
                    + " to " + numberText(b.notionalCap) + ")";
    if (b.maxLeverage > 0.0)
        s += ", at most " + numberText(b.maxLeverage) + "x";
    if (b.maintenanceAmount > 0.0)
        s += ", less " + numberText(b.maintenanceAmount);
    return s;
}

}  // namespace

std::vector<std::string> venueReasons(Venue venue, const PositionInput& p, const PositionResult& r)
{
    const VenueRules rules = rulesFor(venue, p.contract.kind);
    std::vector<std::string> out;
    if (!r.maintenanceKnown)
        out.emplace_back(std::string(venueDisplayName(venue)) + " ships no table for this symbol and contract: maintenance and liquidation are unknown");
    else
        out.push_back(rowReason(venue, p, r, rules));
    if (p.contract.kind == ContractKind::Inverse)
        out.emplace_back("inverse contract: margin, PnL and fees are in the coin");
    if (rules.basis == MaintenanceBasis::MarkValue)
        out.emplace_back("maintenance is a rate of the value at the price, not at entry");
    if (rules.bracketAtLiquidation && !p.mmRate && !p.brackets.brackets.empty() && p.brackets.unit == BracketUnit::Notional)
        out.emplace_back("row looked up at the liquidation notional");
    if (rules.takerFeeInMaintenance && p.feeRate > 0.0)
        out.emplace_back("maintenance includes the taker fee (" + percentText(p.feeRate) + ")");
    if (rules.fundingInMaintenance && sign(p.side) * p.fundingRate > 0.0)
        out.emplace_back("maintenance includes the funding the position pays (" + percentText(sign(p.side) * p.fundingRate) + ")");
    if (rules.closeFeeInBankruptcy && p.feeRate > 0.0)
        out.emplace_back("bankruptcy price keeps back the fee to close");
    if (rules.extraMarginNetOfCloseFee && p.feeRate > 0.0 && r.initialMarginKnown && r.margin > r.initialMargin + 1e-12)
        out.emplace_back("margin beyond the initial counts net of the fee to close");
    if (rules.transferBufferRate > 0.0)
        out.emplace_back("removing margin must leave " + percentText(rules.transferBufferRate) + " of the notional");
    return out;
}

std::vector<VenueFigures> compareVenues(const std::vector<AccountInput>& perVenue)
{
    std::vector<VenueFigures> out;
    out.reserve(perVenue.size());
    for (const AccountInput& account : perVenue) {
        VenueFigures f;
        f.venue = account.venue;
        auto r = evaluateAccount(account);
        if (!r || account.positions.empty()) {
            f.refusal = r ? Error{"positions", "the plan holds no position"} : r.error();
            out.push_back(std::move(f));
            continue;
        }
        const PositionInput& p = account.positions.front();
        const PositionResult& pos = r->positions.front();
        const double q = exposure(p.contract, p.quantity);
        f.openFee = p.feeRate * positionValue(p.contract.kind, q, p.entryPrice);
        f.closeFee = p.feeRate * pos.notional;
        f.reasons = venueReasons(account.venue, p, pos);
        f.position = pos;
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace levlab::engine
