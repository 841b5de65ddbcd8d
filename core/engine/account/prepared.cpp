#include "core/engine/account/prepared.h"

#include "core/engine/limits.h"
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
    r.cross = p.mode == MarginMode::Cross;
    const double valueAtEntry = positionValue(r.kind, r.q, r.entry);
    if (p.leverage)
        r.leverage = *p.leverage;
    else if (!r.cross && p.isolatedMargin && *p.isolatedMargin > 0.0)
        r.leverage = valueAtEntry / *p.isolatedMargin;  // the leverage the margin implies
    r.initialMargin = r.leverage ? valueAtEntry / *r.leverage : 0.0;
    r.isolatedMargin = r.cross ? 0.0 : p.isolatedMargin.value_or(r.initialMargin);
    r.maintenanceKnown = p.mmRate || !p.brackets.brackets.empty() || (r.rules.maintenanceFromMaxLeverage && p.maxLeverage);
    if (r.maintenanceKnown) {
        const double basisPrice = r.rules.basis == MaintenanceBasis::EntryValue ? r.entry : r.mark;
        r.terms = maintenanceAt(p, r.rules, positionValue(r.kind, r.q, basisPrice));
        r.mm = maintenanceMargin(r.terms, r.rules, r.kind, r.q, r.entry, r.mark);
    }
    r.pnl = profitAndLoss(r.kind, r.side, r.q, r.entry, r.mark);
    return r;
}

double maintenanceAtPrice(const Prepared& p, double price)
{
    if (!p.maintenanceKnown)
        return 0.0;
    if (p.rules.basis == MaintenanceBasis::EntryValue)
        return p.mm;
    const double value = positionValue(p.kind, p.q, price);
    if (p.terms.bracket >= 0 && p.in->brackets.unit == BracketUnit::Contracts)
        return std::max(0.0, p.terms.rate * value - p.terms.amount);  // the size, not the price, picks the row
    if (p.terms.bracket >= 0) {
        // Most moves stay within the row the mark sits in: skip the table walk.
        const auto& rows = p.in->brackets.brackets;
        const auto i = static_cast<std::size_t>(p.terms.bracket);
        if ((i == 0 || value >= rows[i].notionalFloor) && (i + 1 == rows.size() || value < rows[i].notionalCap))
            return std::max(0.0, p.terms.rate * value - p.terms.amount);
    }
    const MaintenanceTerms t = maintenanceAt(*p.in, p.rules, value);
    return maintenanceMargin(t, p.rules, p.kind, p.q, p.entry, price);
}

double effectiveCollateral(const Prepared& p, double collateral)
{
    if (!p.rules.extraMarginNetOfCloseFee || p.cross)
        return collateral;
    const double extra = collateral - p.initialMargin;
    return p.initialMargin + extra / (1.0 + sign(p.side) * p.in->feeRate);
}

namespace {

/// `terms` with the requirement divided by `ratio`: collateral + PnL meets it where the
/// margin ratio (maintenance ÷ (collateral + PnL)) reaches `ratio`.
MaintenanceTerms scaled(MaintenanceTerms terms, double ratio)
{
    terms.rate /= ratio;
    terms.amount /= ratio;
    return terms;
}

/// Collateral + PnL − maintenance at `price` under `terms`: above 0 the position stands.
double headroom(const Prepared& p, const Backing& b, const MaintenanceTerms& terms, double price)
{
    return b.collateral + profitAndLoss(p.kind, p.side, p.q, p.entry, price)
           - maintenanceMargin(terms, p.rules, p.kind, p.q, p.entry, price);
}

/// The root under fixed terms. Where a deduction exceeds rate × value the
/// requirement is 0, and the root is where equity itself reaches 0.
std::optional<double> rootWith(const Prepared& p, const Backing& b, const MaintenanceTerms& terms)
{
    auto price = priceWhereEquityMeets(b, p.rules.basis, terms.rate, terms.amount);
    if (price) {
        const double basisPrice = p.rules.basis == MaintenanceBasis::EntryValue ? p.entry : *price;
        if (terms.rate * positionValue(p.kind, p.q, basisPrice) - terms.amount < 0.0)
            price = priceWhereEquityMeets(b, MaintenanceBasis::MarkValue, 0.0, 0.0);
    }
    return price;
}

/// Walks a table's rows from `start` towards the losing side (`adverse`) or the
/// winning side, and returns the first price at which the position's state
/// flips: a row's own root when it lies in that row, or the row boundary where
/// the jump of the rate flips it. Within one row the headroom is monotone in
/// the price (it falls towards the losing side), so the first flip is exact.
std::optional<double> walkRows(const Prepared& p, const Backing& b, double start, bool adverse, double ratio)
{
    const auto& rows = p.in->brackets.brackets;
    const bool priceUp = (p.side == Side::Short) == adverse;
    const bool valueUp = (p.kind == ContractKind::Linear) == priceUp;
    auto t = static_cast<std::size_t>(bracketIndexFor(p.in->brackets, positionValue(p.kind, p.q, start)));
    double from = start;
    for (;;) {
        if (auto root = rootWith(p, b, scaled(maintenanceOfRow(*p.in, p.rules, t), ratio))) {
            const double v = positionValue(p.kind, p.q, *root);
            const bool inRow = (t == 0 || v >= rows[t].notionalFloor) && (t + 1 == rows.size() || v < rows[t].notionalCap);
            const bool ahead = priceUp ? *root >= from : *root <= from;
            if (inRow && ahead)
                return root;
        }
        if (valueUp ? t + 1 == rows.size() : t == 0)
            return std::nullopt;
        const double boundary = valueUp ? rows[t].notionalCap : rows[t].notionalFloor;
        t = valueUp ? t + 1 : t - 1;
        const double price = p.kind == ContractKind::Linear ? boundary / p.q : p.q / boundary;
        if (!within(price, kMinPrice, kMaxPrice))
            return std::nullopt;  // the next row lies beyond any price the engine accepts
        const double h = headroom(p, b, scaled(maintenanceOfRow(*p.in, p.rules, t), ratio), price);
        if (adverse ? h <= 0.0 : h > 0.0)
            return price;
        from = price;
    }
}

}  // namespace

std::optional<double> liquidationPrice(const Prepared& p, double collateral, double ratio)
{
    if (!p.maintenanceKnown)
        return std::nullopt;
    const Backing b{p.kind, p.side, p.q, p.entry, effectiveCollateral(p, collateral)};
    const bool rowsMove = p.rules.basis == MaintenanceBasis::MarkValue && !p.in->mmRate && !p.in->brackets.brackets.empty()
                          && p.in->brackets.unit == BracketUnit::Notional;
    if (!rowsMove)
        return rootWith(p, b, scaled(p.terms, ratio));
    const bool standing = b.collateral + p.pnl - maintenanceAtPrice(p, p.mark) / ratio > 0.0;
    return walkRows(p, b, p.mark, standing, ratio);
}

std::optional<double> bankruptcyPrice(const Prepared& p, double collateral)
{
    const Backing b{p.kind, p.side, p.q, p.entry, collateral};
    const double fee = p.rules.closeFeeInBankruptcy ? p.in->feeRate : 0.0;
    return priceWhereEquityMeets(b, MaintenanceBasis::MarkValue, fee, 0.0);
}

}  // namespace levlab::engine::detail
