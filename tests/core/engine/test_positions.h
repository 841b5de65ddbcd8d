#pragma once

#include "core/engine/margin/position.h"

#include <string>

namespace levlab::engine::test {

/// A linear position with a given maintenance rate, for table rows.
inline PositionInput linear(Side side, double qty, double entry, double leverage, double mmRate, double amount = 0.0)
{
    PositionInput p;
    p.id = "p";
    p.side = side;
    p.quantity = qty;
    p.entryPrice = entry;
    p.leverage = leverage;
    p.mmRate = mmRate;
    if (amount != 0.0)
        p.maintenanceAmount = amount;
    return p;
}

/// An inverse position of `usd` contracts of 1 USD.
inline PositionInput inverse(Side side, double usd, double entry, double leverage, double mmRate)
{
    PositionInput p = linear(side, usd, entry, leverage, mmRate);
    p.contract.kind = ContractKind::Inverse;
    return p;
}

}  // namespace levlab::engine::test
