#include "core/engine/margin/transfer.h"

#include "core/engine/account/account.h"

#include <algorithm>
#include <cmath>

namespace levlab::engine {

Result<TransferPreview> previewTransfer(Venue venue, const PositionInput& position, double amount,
                                        std::optional<double> bufferRate)
{
    if (!std::isfinite(amount) || amount == 0.0)
        return Error{"amount", "must be a finite, non-zero amount (positive adds, negative removes)"};
    if (position.mode == MarginMode::Cross)
        return Error{"mode", "a cross position has no margin of its own: move funds to or from the wallet instead"};
    if (position.mode == MarginMode::StrictIsolated && amount < 0.0)
        return Error{"amount", "strict isolated margin cannot be removed while the position is open; it is released as the position closes"};
    const double buffer = bufferRate.value_or(rulesFor(venue, position.contract.kind).transferBufferRate);
    if (!(std::isfinite(buffer) && buffer >= 0.0 && buffer < 1.0))
        return Error{"buffer", "must lie in [0, 1)"};

    auto now = evaluatePosition(venue, position);
    if (!now)
        return now.error();
    TransferPreview out;
    out.margin = now->margin;
    out.liquidationPrice = now->liquidationPrice;
    // The initial margin at mark: the same leverage (given, or implied by the margin) on the value at mark.
    const double valueAtEntry = positionValue(position.contract.kind, exposure(position.contract, position.quantity), position.entryPrice);
    const double initialAtMark = now->initialMargin * now->notional / valueAtEntry;
    out.requiredRemaining = std::max(initialAtMark, buffer * now->notional);
    out.maxRemovable = std::max(0.0, now->margin + now->unrealizedPnl - out.requiredRemaining);
    if (amount < 0.0 && -amount > out.maxRemovable + 1e-9)
        return Error{"amount", "at most " + amountText(out.maxRemovable) + " can be removed: margin plus unrealised PnL must stay at least "
                                   + amountText(out.requiredRemaining)
                                   + (buffer > 0.0 ? " (the larger of the initial margin at mark and " + amountText(buffer * 100.0) + "% of the notional)"
                                                   : std::string(" (the initial margin at mark)"))};
    out.newMargin = now->margin + amount;

    PositionInput moved = position;
    moved.isolatedMargin = out.newMargin;
    auto after = evaluateOpenPosition(venue, moved);
    if (!after)
        return after.error();
    out.newLiquidationPrice = after->liquidationPrice;
    return out;
}

}  // namespace levlab::engine
