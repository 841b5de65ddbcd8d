#include "core/engine/account/prepared.h"

#include "core/engine/margin/liquidation.h"

#include <algorithm>

namespace levlab::engine::detail {

Prepared prepare(Venue venue, const PositionInput& p)
{
    Prepared r;
    r.in = &p;
    r.kind = p.contract.kind;
    r.rules = rulesFor(venue, r.kind);
    r.side = p.side;
    r.q = exposure(p.contract, p.quantity);
    r.entry = p.entryPrice;
    r.mark = p.markPrice.value_or(p.entryPrice);
    r.initialMargin = positionValue(r.kind, r.q, r.entry) / p.leverage;
    r.cross = p.mode == MarginMode::Cross;
    r.isolatedMargin = r.cross ? 0.0 : p.isolatedMargin.value_or(r.initialMargin);
    const double basisPrice = r.rules.basis == MaintenanceBasis::EntryValue ? r.entry : r.mark;
    r.terms = maintenanceAt(p, r.rules, positionValue(r.kind, r.q, basisPrice));
    r.mm = maintenanceMargin(r.terms, r.rules, r.kind, r.q, r.entry, r.mark);
    r.pnl = profitAndLoss(r.kind, r.side, r.q, r.entry, r.mark);
    return r;
}

double maintenanceAtPrice(const Prepared& p, double price)
{
    if (p.rules.basis == MaintenanceBasis::EntryValue)
        return p.mm;
    const double value = positionValue(p.kind, p.q, price);
    if (p.terms.bracket >= 0) {
        // Most moves stay within the row the mark sits in: skip the table walk.
        const auto& rows = p.in->brackets.brackets;
        const auto i = static_cast<std::size_t>(p.terms.bracket);
        if ((i == 0 || value >= rows[i].notionalFloor) && (i + 1 == rows.size() || value < rows[i].notionalCap))
            return p.terms.rate * value - p.terms.amount;
    }
    const MaintenanceTerms t = maintenanceAt(*p.in, p.rules, value);
    return maintenanceMargin(t, p.rules, p.kind, p.q, p.entry, price);
}

namespace {

/// Bybit (inverse) counts margin beyond the initial net of the fee to close it.
double effectiveCollateral(const Prepared& p, double collateral)
{
    if (!p.rules.extraMarginNetOfCloseFee)
        return collateral;
    const double extra = collateral - p.initialMargin;
    return p.initialMargin + extra / (1.0 + sign(p.side) * p.in->feeRate);
}

}  // namespace

std::optional<double> liquidationPrice(const Prepared& p, double collateral)
{
    const Backing b{p.kind, p.side, p.q, p.entry, effectiveCollateral(p, collateral)};
    const auto& table = p.in->brackets;
    if (p.rules.bracketAtLiquidation && !p.in->mmRate && !table.brackets.empty()) {
        // The row that applies is the one holding the notional at the answer: try
        // the row the mark sits in, then the others, and keep the self-consistent one.
        const auto consistent = [&](std::size_t i) -> std::optional<double> {
            const MaintenanceTerms t = maintenanceOfRow(*p.in, p.rules, i);
            const auto price = priceWhereEquityMeets(b, p.rules.basis, t.rate, t.amount);
            if (!price)
                return std::nullopt;
            const double value = positionValue(p.kind, p.q, *price);
            const Bracket& row = table.brackets[i];
            const bool last = i + 1 == table.brackets.size();
            if ((i == 0 || value >= row.notionalFloor) && (last || value < row.notionalCap))
                return price;
            return std::nullopt;
        };
        const auto current = static_cast<std::size_t>(std::max(0, p.terms.bracket));
        if (auto price = consistent(current))
            return price;
        for (std::size_t i = 0; i < table.brackets.size(); ++i) {
            if (i == current)
                continue;
            if (auto price = consistent(i))
                return price;
        }
    }
    return priceWhereEquityMeets(b, p.rules.basis, p.terms.rate, p.terms.amount);
}

std::optional<double> bankruptcyPrice(const Prepared& p, double collateral)
{
    const Backing b{p.kind, p.side, p.q, p.entry, collateral};
    const double fee = p.rules.closeFeeInBankruptcy ? p.in->feeRate : 0.0;
    return priceWhereEquityMeets(b, MaintenanceBasis::MarkValue, fee, 0.0);
}

}  // namespace levlab::engine::detail
