#include "core/engine/account/hedge.h"

#include "core/engine/limits.h"
#include "core/engine/margin/liquidation.h"

#include <algorithm>
#include <cmath>

namespace levlab::engine::detail {

namespace {

double headroom(const std::vector<const Prepared*>& legs, double collateral, double x)
{
    double h = collateral;
    for (const Prepared* p : legs) {
        const double price = p->mark * x;
        h += profitAndLoss(p->kind, p->side, p->q, p->entry, price) - maintenanceAtPrice(*p, price);
    }
    return h;
}

/// Walks from x = 1 towards `limit` at steps doubling from 1e-4 until the state
/// flips, then bisects the step to the last representable digits. The factor on
/// the flipped side, or none.
std::optional<double> flipToward(const std::vector<const Prepared*>& legs, double collateral, bool standing, double limit)
{
    const auto flipped = [&](double x) { return standing ? headroom(legs, collateral, x) <= 0.0 : headroom(legs, collateral, x) > 0.0; };
    const bool up = limit > 1.0;
    double a = 1.0;
    for (double step = 1e-4;; step *= 2.0) {
        const double b = up ? std::min(limit, 1.0 + step) : std::max(limit, 1.0 - step);
        if (flipped(b)) {
            double lo = a;
            double hi = b;
            for (int i = 0; i < 200 && std::abs(hi - lo) > 1e-15 * hi; ++i) {
                const double m = 0.5 * (lo + hi);
                (flipped(m) ? hi : lo) = m;
            }
            return hi;
        }
        if (b == limit)
            return std::nullopt;
        a = b;
    }
}

}  // namespace

std::optional<double> sharedLiquidationFactor(const std::vector<const Prepared*>& legs, double collateral)
{
    double lowest = kMaxPrice;
    double highest = kMinPrice;
    for (const Prepared* p : legs) {
        if (!p->maintenanceKnown)
            return std::nullopt;
        lowest = std::min(lowest, p->mark);
        highest = std::max(highest, p->mark);
    }
    const bool standing = headroom(legs, collateral, 1.0) > 0.0;
    const auto down = flipToward(legs, collateral, standing, kMinPrice / lowest);
    const auto up = flipToward(legs, collateral, standing, kMaxPrice / highest);
    if (down && up)
        return 1.0 - *down <= *up - 1.0 ? down : up;
    return down ? down : up;
}

void shareLiquidationAcrossLegs(const std::vector<Prepared>& preps, double crossWallet, std::vector<PositionResult>& results)
{
    std::vector<bool> done(preps.size(), false);
    double crossHeadroom = crossWallet;
    for (const auto& p : preps) {
        if (p.cross)
            crossHeadroom += p.pnl - p.mm;
    }
    for (std::size_t i = 0; i < preps.size(); ++i) {
        if (done[i] || !preps[i].cross || preps[i].in->symbol.empty())
            continue;
        std::vector<const Prepared*> legs;
        std::vector<std::size_t> at;
        double collateral = crossHeadroom;
        for (std::size_t k = i; k < preps.size(); ++k) {
            if (preps[k].cross && preps[k].in->symbol == preps[i].in->symbol) {
                legs.push_back(&preps[k]);
                at.push_back(k);
                done[k] = true;
                collateral -= preps[k].pnl - preps[k].mm;
            }
        }
        if (legs.size() < 2)
            continue;
        const auto x = sharedLiquidationFactor(legs, collateral);
        for (std::size_t k : at) {
            PositionResult& r = results[k];
            r.liquidationPrice.reset();
            r.liquidationDistance.reset();
            if (x) {
                r.liquidationPrice = preps[k].mark * *x;
                r.liquidationDistance = distanceFromEntry(preps[k].entry, *r.liquidationPrice);
            }
        }
    }
}

}  // namespace levlab::engine::detail
