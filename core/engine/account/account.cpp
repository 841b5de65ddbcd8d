#include "core/engine/account/account.h"

#include "core/engine/account/hedge.h"
#include "core/engine/account/prepared.h"
#include "core/engine/account/shock.h"
#include "core/engine/margin/liquidation.h"

#include "core/engine/limits.h"

#include <algorithm>
#include <cmath>
#include <limits>
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

std::string rangeText(double lo, double hi) { return "between " + numberText(lo) + " and " + numberText(hi); }

/// A positive number within the engine's limits, or the error naming `field`.
std::optional<Error> checkPositive(double v, double lo, double hi, std::string field)
{
    if (!positiveFinite(v))
        return Error{std::move(field), "must be a finite number greater than 0"};
    if (!within(v, lo, hi))
        return Error{std::move(field), "must lie " + rangeText(lo, hi)};
    return std::nullopt;
}

std::optional<Error> validateNumbers(const PositionInput& p, const FieldPath& f, bool opening)
{
    if (auto e = checkPositive(p.quantity, kMinQuantity, kMaxQuantity, f + ".quantity"))
        return e;
    if (auto e = checkPositive(p.entryPrice, kMinPrice, kMaxPrice, f + ".entry_price"))
        return e;
    if (p.markPrice)
        if (auto e = checkPositive(*p.markPrice, kMinPrice, kMaxPrice, f + ".mark_price"))
            return e;
    if (auto e = checkPositive(p.contract.contractSize, kMinQuantity, kMaxQuantity, f + ".contract_size"))
        return e;
    if (!within(exposure(p.contract, p.quantity), kMinQuantity, kMaxQuantity))
        return Error{f + ".quantity", "times contract_size must lie " + rangeText(kMinQuantity, kMaxQuantity)};
    if (!std::isfinite(p.contract.lotSize) || p.contract.lotSize < 0)
        return Error{f + ".lot_size", "must be a finite number, not negative"};
    if (!std::isfinite(p.contract.tickSize) || p.contract.tickSize < 0)
        return Error{f + ".tick_size", "must be a finite number, not negative"};
    if (p.contract.lotSize > 0) {
        const double lots = p.quantity / p.contract.lotSize;
        if (!std::isfinite(lots) || std::abs(lots - std::round(lots)) > 1e-9 * std::max(1.0, lots))
            return Error{f + ".quantity", "must be a whole number of lots of " + numberText(p.contract.lotSize)};
    }
    if (p.leverage) {
        if (!positiveFinite(*p.leverage))
            return Error{f + ".leverage", "must be a finite number greater than 0"};
        if (!within(*p.leverage, kMinLeverage, kMaxLeverage))
            return Error{f + ".leverage", "must lie " + rangeText(kMinLeverage, kMaxLeverage) + " (1 means no leverage)"};
    }
    if (p.isolatedMargin) {
        if (!isIsolated(p.mode))
            return Error{f + ".isolated_margin", "a cross position draws on the wallet; use isolated mode or drop it"};
        const bool valid = opening ? positiveFinite(*p.isolatedMargin) : std::isfinite(*p.isolatedMargin) && *p.isolatedMargin >= 0.0;
        if (!valid || *p.isolatedMargin > kMaxAmount)
            return Error{f + ".isolated_margin", "must be an amount greater than 0 and at most " + numberText(kMaxAmount)};
    }
    if (!p.leverage && isIsolated(p.mode) && !(p.isolatedMargin && *p.isolatedMargin > 0.0))
        return Error{f + ".leverage", "is required for an isolated position (or give isolated_margin)"};
    if (p.mmRate && !(std::isfinite(*p.mmRate) && *p.mmRate >= 0.0 && *p.mmRate < 1.0))
        return Error{f + ".mm_rate", "must lie in [0, 1) (a fraction: 0.005 is 0.5%)"};
    if (p.maintenanceAmount) {
        if (!p.mmRate)
            return Error{f + ".maintenance_amount", "goes with mm_rate; without it the bracket table supplies both"};
        if (!std::isfinite(*p.maintenanceAmount) || *p.maintenanceAmount < 0.0)
            return Error{f + ".maintenance_amount", "must be a finite number, not negative"};
        const double value = positionValue(p.contract.kind, exposure(p.contract, p.quantity), p.entryPrice);
        if (*p.maintenanceAmount > *p.mmRate * value)
            return Error{f + ".maintenance_amount", "is " + numberText(*p.maintenanceAmount) + ", above mm_rate × the notional at entry ("
                                                        + numberText(*p.mmRate * value) + "): the maintenance margin would be negative"};
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
std::optional<Error> validatePrepared(const detail::Prepared& prep, const FieldPath& f, bool openingChecks)
{
    const PositionInput& p = *prep.in;
    const VenueRules& rules = prep.rules;
    if (!prep.maintenanceKnown)
        return std::nullopt;  // nothing to check against; the results say what is missing
    // Leverage is checked against the row that holds the opening notional.
    const MaintenanceTerms opening = maintenanceAt(p, rules, positionValue(prep.kind, prep.q, prep.entry));
    const double maxLev = opening.maxLeverage;
    if (maxLev > 0.0 && prep.leverage && *prep.leverage > maxLev + 1e-9 && (p.leverage || openingChecks)) {
        std::string reason = numberText(*prep.leverage) + "x is above the " + numberText(maxLev) + "x maximum";
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
            return Error{f + ".leverage", "at " + numberText(*prep.leverage) + "x the initial margin (" + numberText(prep.isolatedMargin)
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

/// One position's figures, the account's totals already known.
PositionResult positionResult(const detail::Prepared& p, std::size_t index, const AccountResult& account, double crossPnl,
                              std::optional<std::size_t> crossUnknown)
{
    const PositionInput& in = *p.in;
    PositionResult r;
    r.id = in.id;
    r.notional = positionValue(p.kind, p.q, p.mark);
    r.initialMarginKnown = p.leverage.has_value();
    r.initialMargin = p.initialMargin;
    if (!r.initialMarginKnown)
        r.notes.push_back("initial_margin: needs the leverage; the liquidation price of a cross position does not");
    r.maintenanceKnown = p.maintenanceKnown;
    r.maintenanceMargin = p.mm;
    r.mmRate = p.terms.baseRate;
    r.maintenanceAmount = p.terms.amount;
    r.bracket = p.terms.bracket;
    r.maxLeverage = p.terms.maxLeverage;
    if (!p.maintenanceKnown) {
        r.maxLeverage = in.maxLeverage.value_or(0.0);
        r.notes.push_back(p.rules.maintenanceFromMaxLeverage
                              ? "maintenance_margin, liquidation_price: this venue derives maintenance from the asset's max "
                                "leverage: give max_leverage, mm_rate or brackets"
                              : "maintenance_margin, liquidation_price: no maintenance rate: give mm_rate, brackets, or a symbol "
                                "with a shipped table");
    }
    r.unrealizedPnl = p.pnl;
    r.fundingPayment = sign(p.side) * r.notional * in.fundingRate;
    if (p.cross) {
        // Binance's TMM1/UPNL1: the others' maintenance and PnL, held at their marks.
        const double othersPnl = crossPnl - p.pnl;
        r.margin = account.crossWallet - (account.crossMaintenanceMargin - p.mm) + othersPnl;
        r.equity = account.crossEquity;
        r.liquidationKnown = !crossUnknown;
        r.marginKnown = !crossUnknown || *crossUnknown == index;
        r.liquidated = r.liquidationKnown && account.crossEquity <= account.crossMaintenanceMargin;
        r.marginRatio = r.equity > 0.0 ? account.crossMaintenanceMargin / r.equity : std::numeric_limits<double>::infinity();
        r.bankruptcyPrice = detail::bankruptcyPrice(p, account.crossWallet + othersPnl);
        if (crossUnknown && p.maintenanceKnown)
            r.notes.push_back("liquidation_price: the cross account's maintenance needs the maintenance rate of positions["
                              + std::to_string(*crossUnknown) + "], which shares the wallet");
    } else {
        r.margin = p.isolatedMargin;
        r.equity = p.isolatedMargin + p.pnl;
        r.liquidationKnown = p.maintenanceKnown;
        r.liquidated = r.liquidationKnown && detail::effectiveCollateral(p, p.isolatedMargin) + p.pnl <= p.mm;
        r.marginRatio = r.equity > 0.0 ? p.mm / r.equity : std::numeric_limits<double>::infinity();
        r.bankruptcyPrice = detail::bankruptcyPrice(p, r.margin);
    }
    if (r.liquidationKnown) {
        r.liquidationPrice = detail::liquidationPrice(p, r.margin);
        if (r.liquidationPrice)
            r.liquidationDistance = distanceFromEntry(p.entry, *r.liquidationPrice);
    } else {
        r.marginRatio = 0.0;
    }
    return r;
}

/// The input limits keep every figure finite; this is the check that they did.
std::optional<Error> firstNonFinite(const AccountResult& a)
{
    const auto bad = [](double v) { return !std::isfinite(v); };
    const auto badOpt = [](const std::optional<double>& v) { return v && !std::isfinite(*v); };
    if (bad(a.walletBalance) || bad(a.crossWallet) || bad(a.equity) || bad(a.maintenanceMargin) || bad(a.crossEquity)
        || bad(a.crossMaintenanceMargin) || badOpt(a.marginRatio) || badOpt(a.shockToLiquidation))
        return Error{"wallet_balance", "the account's figures do not fit in a number: use smaller amounts"};
    for (std::size_t i = 0; i < a.positions.size(); ++i) {
        const PositionResult& r = a.positions[i];
        if (bad(r.notional) || bad(r.initialMargin) || bad(r.margin) || bad(r.maintenanceMargin) || bad(r.unrealizedPnl)
            || bad(r.equity) || bad(r.fundingPayment) || badOpt(r.bankruptcyPrice) || badOpt(r.liquidationPrice)
            || badOpt(r.liquidationDistance) || std::isnan(r.marginRatio))
            return Error{"positions[" + std::to_string(i) + "]", "its figures do not fit in a number: use smaller amounts"};
    }
    return std::nullopt;
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
    return validatePrepared(detail::prepare(venue, p), f, openingChecks);
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
    std::optional<std::size_t> crossUnknown;  ///< a cross position without a maintenance rate
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
        if (auto e = validatePrepared(preps.back(), f, openingChecks))
            return *e;
        if (i > 0 && p.contract.kind != positions[0].contract.kind)
            return Error{f + ".contract", "an account settles in one currency: linear and inverse positions cannot share a wallet"};
        anyCross = anyCross || preps.back().cross;
        if (preps.back().cross && !preps.back().maintenanceKnown && !crossUnknown)
            crossUnknown = i;
        isolatedTotal += preps.back().isolatedMargin;
    }
    if (walletBalance && !(std::isfinite(*walletBalance) && *walletBalance >= 0.0))
        return Error{"wallet_balance", "must be a finite number, not negative"};
    if (walletBalance && *walletBalance > kMaxAmount)
        return Error{"wallet_balance", "must be at most " + numberText(kMaxAmount)};
    if (!walletBalance && anyCross)
        return Error{"wallet_balance", "cross positions draw on the wallet: give wallet_balance"};
    const double wallet = walletBalance.value_or(isolatedTotal);
    if (wallet + 1e-9 * std::max(1.0, isolatedTotal) < isolatedTotal)
        return Error{"wallet_balance", numberText(wallet) + " does not cover the isolated margins (" + numberText(isolatedTotal) + ")"};

    AccountResult out;
    out.walletBalance = wallet;
    out.crossWallet = std::max(0.0, wallet - isolatedTotal);
    double crossPnl = 0.0;
    double allPnl = 0.0;
    for (const auto& p : preps) {
        allPnl += p.pnl;
        out.maintenanceMargin += p.mm;
        out.maintenanceKnown = out.maintenanceKnown && p.maintenanceKnown;
        if (p.cross) {
            crossPnl += p.pnl;
            out.crossMaintenanceMargin += p.mm;
        }
    }
    out.crossMaintenanceKnown = !crossUnknown;
    out.crossEquity = out.crossWallet + crossPnl;
    out.equity = wallet + allPnl;
    if (out.equity > 0.0 && out.maintenanceKnown)
        out.marginRatio = out.maintenanceMargin / out.equity;

    out.positions.reserve(preps.size());
    for (std::size_t i = 0; i < preps.size(); ++i)
        out.positions.push_back(positionResult(preps[i], i, out, crossPnl, crossUnknown));
    if (!crossUnknown) {
        detail::shareLiquidationAcrossLegs(preps, out.crossWallet, out.positions);
        out.shockToLiquidation = detail::crossShockToLiquidation(preps, out.crossWallet);
    }
    if (auto e = firstNonFinite(out))
        return *e;
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
