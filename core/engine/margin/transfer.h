#pragma once

#include "core/engine/margin/position.h"
#include "core/engine/result.h"
#include "core/engine/venue/venue.h"

#include <optional>

namespace levlab::engine {

/// A proposed change to an isolated position's margin and what it would do.
struct TransferPreview final {
    double margin = 0.0;          ///< before
    double maxRemovable = 0.0;    ///< the most that may be taken out now
    double requiredRemaining = 0.0;  ///< max(initial margin at mark, buffer × notional)
    double newMargin = 0.0;
    std::optional<double> liquidationPrice;     ///< before
    std::optional<double> newLiquidationPrice;  ///< after
};

/// Adds (`amount` > 0) or removes (`amount` < 0) isolated margin.
/// Removal leaves margin + unrealised PnL ≥ max(initial margin at mark,
/// buffer × notional at mark) — the rule of Hyperliquid's "Margining" page, whose
/// buffer is 10%; `bufferRate` overrides the venue's. Strict isolated refuses any
/// removal; cross positions have no margin of their own to move.
Result<TransferPreview> previewTransfer(Venue venue, const PositionInput& position, double amount,
                                        std::optional<double> bufferRate = std::nullopt);

}  // namespace levlab::engine
