#include "core/engine/margin/liquidation.h"

#include <cmath>

namespace levlab::engine {

namespace {

std::optional<double> positiveFinite(double p)
{
    if (!std::isfinite(p) || p <= 0.0)
        return std::nullopt;
    return p;
}

}  // namespace

std::optional<double> priceWhereEquityMeets(const Backing& b, MaintenanceBasis basis, double rate, double amount)
{
    const double s = sign(b.side);
    const double q = b.exposure;
    const double C = b.collateral;
    const double E = b.entry;
    if (b.kind == ContractKind::Linear) {
        if (basis == MaintenanceBasis::EntryValue) {
            const double K = rate * q * E - amount;
            return positiveFinite(E + s * (K - C) / q);
        }
        const double denom = q * (s - rate);
        if (denom == 0.0)
            return std::nullopt;
        return positiveFinite((s * q * E - C - amount) / denom);
    }
    if (basis == MaintenanceBasis::EntryValue) {
        const double K = rate * q / E - amount;
        const double denom = C + s * q / E - K;
        if (s * denom <= 0.0)
            return std::nullopt;
        return positiveFinite(s * q / denom);
    }
    const double denom = C + s * q / E + amount;
    const double numer = (rate + s) * q;
    if (denom == 0.0 || (numer > 0.0) != (denom > 0.0))
        return std::nullopt;
    return positiveFinite(numer / denom);
}

double distanceFromEntry(double entry, double price)
{
    return std::abs(entry - price) / entry;
}

}  // namespace levlab::engine
