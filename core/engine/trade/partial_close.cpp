#include "core/engine/trade/partial_close.h"

#include <algorithm>
#include <cmath>

namespace levlab::engine {

PartialClose closePart(const Holding& h, double quantity, double price)
{
    const PositionInput& p = h.position;
    PartialClose out;
    out.quantity = std::clamp(quantity, 0.0, p.quantity);
    out.price = price;
    const double q = exposure(p.contract, out.quantity);
    out.pnl = profitAndLoss(p.contract.kind, p.side, q, p.entryPrice, price);
    out.closeFee = p.feeRate * positionValue(p.contract.kind, q, price);
    out.openFee = p.feeRate * positionValue(p.contract.kind, q, p.entryPrice);
    out.result = out.pnl - out.closeFee - out.openFee;
    out.after = h;
    out.after.feesPaid += out.closeFee;
    // What is left of a whole lot rounds to nothing rather than a sliver.
    const double left = p.quantity - out.quantity;
    out.after.position.quantity = left > 1e-12 * h.openingQuantity ? left : 0.0;
    if (!isIsolated(p.mode))
        out.after.wallet += out.pnl - out.closeFee;
    if (out.after.position.quantity > 0.0)
        out.liquidationAfter = liquidationPriceOf(out.after, price);
    return out;
}

std::optional<double> breakEvenPrice(ContractKind kind, Side side, double exposure, double entry, double feeRate, double feesPaid)
{
    const double s = sign(side);
    const double q = exposure;
    const double p = kind == ContractKind::Linear ? (s * q * entry + feesPaid) / (q * (s - feeRate))
                                                  : q * (s + feeRate) / (s * q / entry - feesPaid);
    if (!std::isfinite(p) || p <= 0.0)
        return std::nullopt;
    return p;
}

}  // namespace levlab::engine
