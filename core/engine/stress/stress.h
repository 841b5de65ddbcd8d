#pragma once

#include "core/engine/result.h"
#include "core/engine/units/units.h"

#include <vector>

namespace levlab::engine {

/// One leverage of the stress table: a fixed margin put to work at `leverage`
/// in an isolated long, maintenance a rate of notional.
struct StressRow final {
    Leverage leverage{1.0};
    Money notional{0.0};           ///< margin × leverage
    Money initialMargin{0.0};      ///< the margin itself
    Money maintenanceMargin{0.0};  ///< notional × mmr
    Money absorbableLoss{0.0};     ///< margin − maintenance
    Rate dropToLiquidation{0.0};   ///< absorbable loss ÷ notional = 1/L − mmr
    Price liquidationPrice{0.0};   ///< entry × (1 − drop)
};

/// $1,000 margin, MMR 0.5%: 19.5%, 9.5%, 4.5%, 1.5%, 0.5% at 5x, 10x, 20x, 50x, 100x.
/// Refuses a leverage at which maintenance swallows the whole margin (1/L ≤ mmr).
Result<std::vector<StressRow>> stressTable(Money margin, Price entry, Rate mmRate, const std::vector<Leverage>& leverages);

/// One cell of the price-shock × leverage grid for an isolated long.
struct ShockCell final {
    double shock = 0.0;          ///< price move, a fraction
    double leverage = 1.0;
    double returnOnMargin = 0.0; ///< PnL ÷ margin = shock × leverage, or −1 once liquidated
    bool liquidated = false;     ///< the move reaches the liquidation drop
};

/// Rows by shock, columns by leverage.
Result<std::vector<std::vector<ShockCell>>> shockGrid(Rate mmRate, const std::vector<double>& shocks,
                                                      const std::vector<Leverage>& leverages);

}  // namespace levlab::engine
