#include "core/engine/sizing/back_solve.h"

#include "core/engine/account/account.h"

#include <algorithm>
#include <cmath>

namespace levlab::engine {

namespace {

/// Liquidation price of `p` as given, re-evaluated without the opening checks.
std::optional<double> liquidationOf(Venue venue, const PositionInput& p)
{
    auto r = evaluateOpenPosition(venue, p);
    if (!r)
        return std::nullopt;
    return r->liquidationPrice;
}

std::optional<Error> checkSide(const PositionInput& p, double target)
{
    if (!(std::isfinite(target) && target > 0.0))
        return Error{"liquidation_price", "must be a finite price greater than 0"};
    if (sign(p.side) * (p.entryPrice - target) <= 0.0)
        return Error{"liquidation_price", p.side == Side::Long ? "a long liquidates below its entry"
                                                               : "a short liquidates above its entry"};
    return std::nullopt;
}

/// Bisection on `x` in [lo, hi] for distance(x) = target distance, where
/// distance(lo) is the largest and distance(hi) the smallest reachable.
template <typename Evaluate>
Result<double> bisect(double lo, double hi, double wanted, Evaluate distanceAt, const char* field, const char* tooFar,
                      const char* tooNear)
{
    const auto dLo = distanceAt(lo);
    const auto dHi = distanceAt(hi);
    if (dLo && wanted > *dLo + 1e-12)
        return Error{field, tooFar};
    if (dHi && wanted < *dHi - 1e-12)
        return Error{field, tooNear};
    for (int i = 0; i < 200 && hi - lo > 1e-9 * std::max(std::abs(hi), std::abs(lo)); ++i) {
        const double mid = 0.5 * (lo + hi);
        const auto d = distanceAt(mid);
        if (!d || *d > wanted)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

}  // namespace

Result<double> leverageForLiquidation(Venue venue, const PositionInput& position, double target)
{
    if (auto e = checkSide(position, target))
        return *e;
    auto base = evaluatePosition(venue, position);
    if (!base)
        return base.error();
    const double maxLev = base->maxLeverage > 0.0 ? base->maxLeverage : 125.0;
    const double wanted = std::abs(position.entryPrice - target) / position.entryPrice;
    auto distanceAt = [&](double leverage) -> std::optional<double> {
        PositionInput p = position;
        p.leverage = leverage;
        p.isolatedMargin.reset();
        const auto liq = liquidationOf(venue, p);
        if (!liq)
            return std::nullopt;  // unreachable: infinitely far
        return std::abs(p.entryPrice - *liq) / p.entryPrice;
    };
    // Distance falls as leverage rises: lo = 1x (farthest), hi = the maximum (nearest).
    return bisect(1.0, maxLev, wanted, distanceAt, "liquidation_price",
                  "even at 1x the liquidation price is nearer the entry than this",
                  "even at the maximum leverage the liquidation price is farther from the entry than this");
}

Result<double> marginForLiquidation(Venue venue, const PositionInput& position, double target)
{
    if (auto e = checkSide(position, target))
        return *e;
    auto base = evaluatePosition(venue, position);
    if (!base)
        return base.error();
    const double wanted = std::abs(position.entryPrice - target) / position.entryPrice;
    auto distanceAt = [&](double margin) -> std::optional<double> {
        PositionInput p = position;
        p.isolatedMargin = margin;
        const auto liq = liquidationOf(venue, p);
        if (!liq)
            return std::nullopt;
        return std::abs(p.entryPrice - *liq) / p.entryPrice;
    };
    // Distance grows with margin: search on −margin so that lo is the farthest.
    const double mm = base->maintenanceMargin;
    const double value = positionValue(position.contract.kind, exposure(position.contract, position.quantity), position.entryPrice);
    auto negated = [&](double x) { return distanceAt(-x); };
    auto r = bisect(-value, -mm * (1.0 + 1e-9), wanted, negated, "liquidation_price",
                    "no margin up to the position's full value puts the liquidation that far",
                    "the margin would fall to the maintenance margin before liquidation came that near");
    if (!r)
        return r.error();
    return -r.value();
}

}  // namespace levlab::engine
