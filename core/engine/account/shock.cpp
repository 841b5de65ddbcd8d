#include "core/engine/account/shock.h"

#include <cmath>

namespace levlab::engine::detail {

namespace {

constexpr double kLowest = -0.999999;
constexpr double kHighest = 10.0;

/// d(headroom)/d(move) at move 0, exact for entry-basis rows and for the row
/// the marks sit in now.
double slopeAtZero(const std::vector<Prepared>& positions)
{
    double slope = 0.0;
    for (const auto& p : positions) {
        if (!p.cross)
            continue;
        const double s = sign(p.side);
        const double dValue = p.kind == ContractKind::Linear ? p.q * p.mark : -p.q / p.mark;
        slope += p.kind == ContractKind::Linear ? s * dValue : -s * dValue;
        if (p.rules.basis == MaintenanceBasis::MarkValue)
            slope -= p.terms.rate * dValue;
    }
    return slope;
}

/// Regula falsi (Illinois) on [a, b] where f(a) > 0 ≥ f(b).
double refine(const std::vector<Prepared>& ps, double wallet, double a, double fa, double b, double fb)
{
    int side = 0;
    for (int i = 0; i < 200 && std::abs(b - a) > 1e-13; ++i) {
        const double m = (a * fb - b * fa) / (fb - fa);
        const double fm = crossHeadroom(ps, wallet, m);
        if (fm <= 0.0) {
            b = m;
            fb = fm;
            if (side == -1)
                fa /= 2;
            side = -1;
        } else {
            a = m;
            fa = fm;
            if (side == 1)
                fb /= 2;
            side = 1;
        }
        if (fm == 0.0)
            break;
    }
    return b;
}

/// First sign change walking out from 0 towards `limit`, at points doubling from
/// `first`.
std::optional<double> scan(const std::vector<Prepared>& ps, double wallet, double f0, double first, double limit)
{
    double a = 0.0;
    double fa = f0;
    for (double m = first;; m *= 2.0) {
        const bool last = std::abs(m) >= std::abs(limit);
        const double x = last ? limit : m;
        const double fx = crossHeadroom(ps, wallet, x);
        if (fx <= 0.0)
            return refine(ps, wallet, a, fa, x, fx);
        if (last)
            return std::nullopt;
        a = x;
        fa = fx;
    }
}

}  // namespace

double crossHeadroom(const std::vector<Prepared>& positions, double crossWallet, double move)
{
    double h = crossWallet;
    for (const auto& p : positions) {
        if (!p.cross)
            continue;
        const double price = p.mark * (1.0 + move);
        h += profitAndLoss(p.kind, p.side, p.q, p.entry, price) - maintenanceAtPrice(p, price);
    }
    return h;
}

std::optional<double> crossShockToLiquidation(const std::vector<Prepared>& positions, double crossWallet)
{
    bool anyCross = false;
    for (const auto& p : positions)
        anyCross = anyCross || p.cross;
    if (!anyCross)
        return std::nullopt;
    const double f0 = crossHeadroom(positions, crossWallet, 0.0);
    if (f0 <= 0.0)
        return 0.0;

    // A Newton step lands on the root at once when the headroom is affine in the
    // move (linear contracts within one bracket), which is the common case.
    const double slope = slopeAtZero(positions);
    std::optional<double> found;
    if (slope != 0.0) {
        const double step = -f0 / slope;
        if (step >= kLowest && step <= kHighest) {
            const double f1 = crossHeadroom(positions, crossWallet, step);
            if (f1 <= 0.0)
                found = refine(positions, crossWallet, 0.0, f0, step, f1);
        }
    }
    // Look the other way (and the same way, when Newton missed) for a nearer root.
    const double bound = found ? std::abs(*found) : 0.0;
    const double downLimit = found ? std::max(kLowest, -bound) : kLowest;
    const double upLimit = found ? std::min(kHighest, bound) : kHighest;
    const bool searchDown = !found || *found > 0.0;
    const bool searchUp = !found || *found < 0.0;
    if (searchDown) {
        if (auto m = scan(positions, crossWallet, f0, found ? downLimit / 16.0 : -1e-3, downLimit))
            found = (!found || std::abs(*m) < std::abs(*found)) ? m : found;
    }
    if (searchUp) {
        if (auto m = scan(positions, crossWallet, f0, found ? upLimit / 16.0 : 1e-3, upLimit))
            found = (!found || std::abs(*m) < std::abs(*found)) ? m : found;
    }
    return found;
}

}  // namespace levlab::engine::detail
