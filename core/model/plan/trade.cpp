#include "core/model/plan/trade.h"

#include "core/engine/trade/exit_race.h"

#include <array>

namespace levlab::model {

using engine::reachedAt;

std::optional<PositionEvent::Kind> firstExit(const ExitLevels& levels, const MarketState& before, const MarketState& after)
{
    const double s = engine::sign(levels.side);
    const bool onLast = levels.trigger == TriggerPrice::Last;
    const double fromTrigger = onLast ? before.last : before.mark;
    const double toTrigger = onLast ? after.last : after.mark;
    struct Candidate {
        PositionEvent::Kind kind;
        std::optional<double> at;
    };
    // In priority order for ties.
    const std::array<Candidate, 3> candidates{{
        {PositionEvent::Kind::Liquidated,
         levels.liquidation ? reachedAt(before.mark, after.mark, *levels.liquidation, -s) : std::nullopt},
        {PositionEvent::Kind::StoppedOut, levels.stopLoss ? reachedAt(fromTrigger, toTrigger, *levels.stopLoss, -s) : std::nullopt},
        {PositionEvent::Kind::TookProfit, levels.takeProfit ? reachedAt(fromTrigger, toTrigger, *levels.takeProfit, s) : std::nullopt},
    }};
    std::optional<PositionEvent::Kind> first;
    double best = 2.0;
    for (const Candidate& c : candidates) {
        if (c.at && *c.at < best) {
            best = *c.at;
            first = c.kind;
        }
    }
    return first;
}

bool entryReached(double entry, const MarketState& before, const MarketState& after)
{
    if (!(before.last > 0.0 && after.last > 0.0 && entry > 0.0))
        return false;
    return (before.last - entry) * (after.last - entry) <= 0.0;
}

}  // namespace levlab::model
