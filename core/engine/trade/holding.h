#pragma once

#include "core/engine/margin/position.h"
#include "core/engine/result.h"
#include "core/engine/trade/exit_plan.h"
#include "core/engine/venue/venue.h"

#include <optional>

namespace levlab::engine {

/// A position while it is open: what is still open and the collateral behind it now.
struct Holding final {
    Venue venue = Venue::Textbook;
    PositionInput position;        ///< quantity still open; isolated: isolatedMargin is the margin now
    double wallet = 0.0;           ///< cross: the wallet behind it (realised results land in it)
    double openingQuantity = 0.0;  ///< contracts opened
    double feesPaid = 0.0;         ///< taker fees paid so far: to open, and to close each part
    double added = 0.0;            ///< margin added by top-ups so far
};

/// Opens `plan`'s position at its entry: refuses what `evaluate` refuses, and
/// charges the fee to open (fee rate × value at entry).
[[nodiscard]] Result<Holding> openHolding(const TradePlan& plan);

/// Isolated: its margin now; cross: the wallet behind it.
[[nodiscard]] double collateralOf(const Holding& h);

/// Exposure still open (base units, or USD for inverse).
[[nodiscard]] double openExposure(const Holding& h);

/// The price at which the margin ratio (maintenance ÷ (collateral + PnL), the
/// venue's own maintenance and collateral rules) reaches `ratio`, the mark being at
/// `mark`; `ratio` 1 is the liquidation price — the engine's own, as `evaluate`
/// reports it for this size and margin. None when no price reaches it.
[[nodiscard]] std::optional<double> priceAtMarginRatio(const Holding& h, double mark, double ratio);
[[nodiscard]] std::optional<double> liquidationPriceOf(const Holding& h, double mark);

}  // namespace levlab::engine
