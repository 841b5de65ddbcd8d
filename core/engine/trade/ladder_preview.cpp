#include "core/engine/trade/ladder_preview.h"

namespace levlab::engine {

Result<LadderPreview> previewLadder(const TradePlan& plan)
{
    auto h = openHolding(plan);
    if (!h)
        return h.error();
    const double entry = plan.position.entryPrice;
    LadderPreview out;
    std::vector<PathPoint> up{{0, entry, entry}};
    for (const TakeProfit& t : plan.exits.targets)
        up.push_back({0, t.price, t.price});
    auto win = simulateTrade(plan, up);
    if (!win)
        return win.error();
    out.targetSteps = win->steps;
    out.reward = win->result;

    if (plan.exits.stopLoss) {
        // Straight to the stop: nothing else on the way can fire but liquidation and the margin rules.
        TradePlan down = plan;
        down.exits.targets.clear();
        down.exits.stopMoves.clear();
        down.exits.trailing.reset();
        const PathPoint points[]{{0, entry, entry}, {0, *plan.exits.stopLoss, *plan.exits.stopLoss}};
        auto lose = simulateTrade(down, points);
        if (!lose)
            return lose.error();
        out.risk = -lose->result;
    } else {
        out.risk = collateralOf(h.value());
    }
    if (out.risk > 0.0 && !plan.exits.targets.empty())
        out.rewardRisk = out.reward / out.risk;
    out.marginSteps = marginLadder(h.value(), entry, plan.exits);
    return out;
}

}  // namespace levlab::engine
