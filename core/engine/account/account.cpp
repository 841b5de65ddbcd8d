#include "core/engine/account/account.h"

#include "core/engine/account/prepared.h"
#include "core/engine/account/shock.h"
#include "core/engine/margin/liquidation.h"

#include <cmath>
#include <limits>
#include <algorithm>
#include <span>
#include <string_view>

namespace levlab::engine {

namespace {

/// A field's path, built only when an error needs it ("positions[3]" + ".quantity").
class FieldPath final {
public:
    FieldPath(std::string_view base, std::optional<std::size_t> index) : m_base(base), m_index(index) {}
    std::string operator+(std::string_view suffix) const
    {
        std::string s(m_base);
        if (m_index)
            s += "[" + std::to_string(*m_index) + "]";
        s += suffix;
        return s;
    }

private:
    std::string_view m_base;
    std::optional<std::size_t> m_index;
};

bool positiveFinite(double v) { return std::isfinite(v) && v > 0.0; }

std::optional<Error> validateNumbers(const PositionInput& p, const FieldPath& f, bool opening)
{
    if (!positiveFinite(p.quantity))
        return Error{f + ".quantity", "must be a finite number greater than 0"};
    if (!positiveFinite(p.entryPrice))
        return Error{f + ".entry_price", "must be a finite number greater than 0"};
    if (p.markPrice && !positiveFinite(*p.markPrice))
        return Error{f + ".mark_price", "must be a finite number greater than 0"};
    if (!positiveFinite(p.contract.contractSize))
        return Error{f + ".contract_size", "must be a finite number greater than 0"};
    if (!std::isfinite(p.contract.lotSize) || p.contract.lotSize < 0)
        return Error{f + ".lot_size", "must be a finite number, not negative"};
    if (!std::isfinite(p.contract.tickSize) || p.contract.tickSize < 0)
        return Error{f + ".tick_size", "must be a finite number, not negative"};
    if (p.contract.lotSize > 0) {
        const double lots = p.quantity / p.contract.lotSize;
        if (std::abs(lots - std::round(lots)) > 1e-9 * std::max(1.0, lots))
            return Error{f + ".quantity", "must be a whole number of lots of " + numberText(p.contract.lotSize)};
    }
    if (!positiveFinite(p.leverage))
        return Error{f + ".leverage", "must be a finite number greater than 0"};
    if (p.isolatedMargin) {
        if (!isIsolated(p.mode))
            return Error{f + ".isolated_margin", "a cross position draws on the wallet; use isolated mode or drop it"};
        const bool valid = opening ? positiveFinite(*p.isolatedMargin)
                                   : std::isfinite(*p.isolatedMargin) && *p.isolatedMargin >= 0.0;
        if (!valid)
            return Error{f + ".isolated_margin", "must be a finite number greater than 0"};
    }
    if (p.mmRate && !(std::isfinite(*p.mmRate) && *p.mmRate >= 0.0 && *p.mmRate < 1.0))
        return Error{f + ".mm_rate", "must lie in [0, 1) (a fraction: 0.005 is 0.5%)"};
    if (p.maintenanceAmount) {
        if (!p.mmRate)
            return Error{f + ".maintenance_amount", "goes with mm_rate; without it the bracket table supplies both"};
        if (!std::isfinite(*p.maintenanceAmount) || *p.maintenanceAmount < 0.0)
            return Error{f + ".maintenance_amount", "must be a finite number, not negative"};
    }
    if (p.maxLeverage && !(std::isfinite(*p.maxLeverage) && *p.maxLeverage >= 1.0))
        return Error{f + ".max_leverage", "must be a finite number of at least 1"};
    if (!(std::isfinite(p.feeRate) && p.feeRate >= 0.0 && p.feeRate < 0.1))
        return Error{f + ".fee_rate", "must lie in [0, 0.1) (a fraction: 0.0006 is 0.06%)"};
    if (!(std::isfinite(p.fundingRate) && std::abs(p.fundingRate) < 1.0))
        return Error{f + ".funding_rate", "must be a finite fraction between -1 and 1"};
    return std::nullopt;
}

}  // namespace

namespace {

/// The checks that need the derived numbers: a maintenance source, leverage within the
/// row's maximum and, on opening, margin above maintenance.
std::optional<Error> validatePrepared(Venue venue, const detail::Prepared& prep, const FieldPath& f, bool openingChecks)
{
    const PositionInput& p = *prep.in;
    const VenueRules& rules = prep.rules;
    const bool hasMaintenance = p.mmRate || !p.brackets.brackets.empty()
                                || (rules.maintenanceFromMaxLeverage && p.maxLeverage);
    if (!hasMaintenance) {
        if (rules.maintenanceFromMaxLeverage)
            return Error{f + ".max_leverage", std::string(venueName(venue))
                                                  + " derives maintenance from the asset's max leverage: give max_leverage, "
                                                    "mm_rate or brackets"};
        return Error{f + ".mm_rate", "no maintenance rate: give mm_rate, brackets, or a symbol with a shipped table"};
    }
    // Leverage is checked against the row that holds the opening notional.
    const MaintenanceTerms opening = maintenanceAt(p, rules, positionValue(prep.kind, prep.q, prep.entry));
    const double maxLev = opening.maxLeverage;
    if (maxLev > 0.0 && p.leverage > maxLev + 1e-9) {
        std::string reason = numberText(p.leverage) + "x is above the " + numberText(maxLev) + "x maximum";
        if (opening.bracket >= 0) {
            const Bracket& b = p.brackets.brackets[static_cast<std::size_t>(opening.bracket)];
            reason += " of bracket " + std::to_string(opening.bracket + 1) + " (notional " + numberText(b.notionalFloor)
                      + " to " + numberText(b.notionalCap) + ")";
        }
        return Error{f + ".leverage", reason};
    }
    if (openingChecks && isIsolated(p.mode)) {
        // Opening must leave margin above maintenance, or the position would be
        // liquidated the moment it opened.
        const double mmAtEntry = detail::maintenanceAtPrice(prep, prep.entry);
        if (prep.isolatedMargin <= mmAtEntry) {
            if (p.isolatedMargin)
                return Error{f + ".isolated_margin", "is " + numberText(prep.isolatedMargin) + ", not above the maintenance margin of "
                                                         + numberText(mmAtEntry) + ": it would be liquidated on opening"};
            return Error{f + ".leverage", "at " + numberText(p.leverage) + "x the initial margin (" + numberText(prep.isolatedMargin)
                                              + ") does not exceed the maintenance margin (" + numberText(mmAtEntry)
                                              + "): it would be liquidated on opening"};
        }
    }
    return std::nullopt;
}

std::optional<Error> validateTables(const PositionInput& p, const FieldPath& f)
{
    if (p.brackets.brackets.empty())
        return std::nullopt;
    auto e = validateTable(p.brackets, "brackets");
    if (e)
        e->field = f + ("." + e->field);
    return e;
}

/// Index of the first position whose id an earlier one already uses, or -1.
int firstDuplicateId(std::span<const PositionInput> positions)
{
    std::vector<std::pair<std::string_view, int>> ids;
    ids.reserve(positions.size());
    for (std::size_t i = 0; i < positions.size(); ++i) {
        if (!positions[i].id.empty())
            ids.emplace_back(positions[i].id, static_cast<int>(i));
    }
    std::sort(ids.begin(), ids.end());
    int first = -1;
    for (std::size_t i = 1; i < ids.size(); ++i) {
        if (ids[i].first == ids[i - 1].first && (first < 0 || ids[i].second < first))
            first = ids[i].second;
    }
    return first;
}

Result<AccountResult> evaluate(Venue venue, std::optional<double> walletBalance, std::span<const PositionInput> positions,
                               bool openingChecks);

}  // namespace

std::optional<Error> validatePosition(Venue venue, const PositionInput& p, const std::string& field, bool openingChecks)
{
    const FieldPath f(field, std::nullopt);
    if (auto e = validateNumbers(p, f, openingChecks))
        return e;
    if (auto e = validateTables(p, f))
        return e;
    return validatePrepared(venue, detail::prepare(venue, p), f, openingChecks);
}

namespace {

Result<AccountResult> evaluate(Venue venue, std::optional<double> walletBalance, std::span<const PositionInput> positions,
                               bool openingChecks)
{
    std::vector<detail::Prepared> preps;
    preps.reserve(positions.size());
    const int duplicate = firstDuplicateId(positions);
    bool anyCross = false;
    double isolatedTotal = 0.0;
    for (std::size_t i = 0; i < positions.size(); ++i) {
        const PositionInput& p = positions[i];
        const FieldPath f("positions", i);
        if (static_cast<int>(i) == duplicate)
            return Error{f + ".id", "'" + p.id + "' is used by another position"};
        if (auto e = validateNumbers(p, f, openingChecks))
            return *e;
        if (auto e = validateTables(p, f))
            return *e;
        preps.push_back(detail::prepare(venue, p));
        if (auto e = validatePrepared(venue, preps.back(), f, openingChecks))
            return *e;
        if (i > 0 && p.contract.kind != positions[0].contract.kind)
            return Error{f + ".contract", "an account settles in one currency: linear and inverse positions cannot share a wallet"};
        anyCross = anyCross || preps.back().cross;
        isolatedTotal += preps.back().isolatedMargin;
    }
    if (walletBalance && !(std::isfinite(*walletBalance) && *walletBalance >= 0.0))
        return Error{"wallet_balance", "must be a finite number, not negative"};
    if (!walletBalance && anyCross)
        return Error{"wallet_balance", "cross positions draw on the wallet: give wallet_balance"};
    const double wallet = walletBalance.value_or(isolatedTotal);
    if (wallet + 1e-9 < isolatedTotal)
        return Error{"wallet_balance", numberText(wallet) + " does not cover the isolated margins (" + numberText(isolatedTotal) + ")"};

    AccountResult out;
    out.walletBalance = wallet;
    out.crossWallet = wallet - isolatedTotal;
    double crossPnl = 0.0;
    double allPnl = 0.0;
    for (const auto& p : preps) {
        allPnl += p.pnl;
        out.maintenanceMargin += p.mm;
        if (p.cross) {
            crossPnl += p.pnl;
            out.crossMaintenanceMargin += p.mm;
        }
    }
    out.crossEquity = out.crossWallet + crossPnl;
    out.equity = wallet + allPnl;
    if (out.equity > 0.0)
        out.marginRatio = out.maintenanceMargin / out.equity;

    out.positions.reserve(preps.size());
    for (const auto& p : preps) {
        const PositionInput& in = *p.in;
        PositionResult r;
        r.id = in.id;
        r.notional = positionValue(p.kind, p.q, p.mark);
        r.initialMargin = p.initialMargin;
        r.maintenanceMargin = p.mm;
        r.mmRate = p.terms.baseRate;
        r.maintenanceAmount = p.terms.amount;
        r.bracket = p.terms.bracket;
        r.maxLeverage = p.terms.maxLeverage;
        r.unrealizedPnl = p.pnl;
        r.fundingPayment = sign(p.side) * r.notional * in.fundingRate;
        if (p.cross) {
            // Binance's TMM1/UPNL1: the others' maintenance and PnL, held at their marks.
            r.margin = out.crossWallet - (out.crossMaintenanceMargin - p.mm) + (crossPnl - p.pnl);
            r.equity = out.crossEquity;
            r.liquidated = out.crossEquity <= out.crossMaintenanceMargin;
            if (r.equity > 0.0)
                r.marginRatio = out.crossMaintenanceMargin / r.equity;
            else
                r.marginRatio = std::numeric_limits<double>::infinity();
        } else {
            r.margin = p.isolatedMargin;
            r.equity = p.isolatedMargin + p.pnl;
            r.liquidated = r.equity <= p.mm;
            r.marginRatio = r.equity > 0.0 ? p.mm / r.equity : std::numeric_limits<double>::infinity();
        }
        r.bankruptcyPrice = detail::bankruptcyPrice(p, r.margin);
        r.liquidationPrice = detail::liquidationPrice(p, r.margin);
        if (r.liquidationPrice)
            r.liquidationDistance = distanceFromEntry(p.entry, *r.liquidationPrice);
        out.positions.push_back(std::move(r));
    }
    out.shockToLiquidation = detail::crossShockToLiquidation(preps, out.crossWallet);
    return out;
}

}  // namespace

Result<AccountResult> evaluateAccount(const AccountInput& account)
{
    return evaluate(account.venue, account.walletBalance, account.positions, account.openingChecks);
}

namespace {

Result<PositionResult> evaluateOne(Venue venue, const PositionInput& position, bool openingChecks)
{
    auto r = evaluate(venue, std::nullopt, std::span(&position, 1), openingChecks);
    if (!r)
        return r.error();
    return std::move(r).value().positions.front();
}

}  // namespace

Result<PositionResult> evaluatePosition(Venue venue, const PositionInput& position)
{
    return evaluateOne(venue, position, true);
}

Result<PositionResult> evaluateOpenPosition(Venue venue, const PositionInput& position)
{
    return evaluateOne(venue, position, false);
}

}  // namespace levlab::engine
