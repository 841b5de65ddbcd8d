#include "core/engine/trade/margin_rules.h"

#include "core/engine/trade/partial_close.h"

#include <algorithm>

namespace levlab::engine {

Holding topUp(const Holding& h, double amount)
{
    Holding out = h;
    if (isIsolated(out.position.mode))
        out.position.isolatedMargin = out.position.isolatedMargin.value_or(0.0) + amount;
    else
        out.wallet += amount;
    out.added += amount;
    return out;
}

double topUpAmount(const TopUpRule& rule, int timesFired, double addedSoFar)
{
    if (timesFired >= rule.maxTimes)
        return 0.0;
    const double room = rule.maxTotal ? *rule.maxTotal - addedSoFar : rule.amount;
    return std::clamp(room, 0.0, rule.amount);
}

std::vector<MarginStep> marginLadder(const Holding& start, double mark, const ExitPlan& exits, std::size_t maxSteps)
{
    std::vector<MarginStep> out;
    Holding h = start;
    std::vector<int> topUpTimes(exits.topUps.size(), 0);
    std::vector<double> topUpAdded(exits.topUps.size(), 0.0);
    std::vector<int> deleverageTimes(exits.deleverages.size(), 0);
    const double s = sign(h.position.side);
    double at = mark;
    while (out.size() < maxSteps && h.position.quantity > 0.0) {
        const auto liquidation = liquidationPriceOf(h, at);
        // The nearest trigger on the losing side that comes before liquidation; ties: top-ups first.
        std::optional<MarginStep> next;
        const auto consider = [&](MarginStep::Kind kind, std::size_t i, double ratio) {
            const auto price = priceAtMarginRatio(h, at, ratio);
            if (!price || s * (*price - at) > 0.0)
                return;
            if (liquidation && s * (*price - *liquidation) <= 0.0)
                return;
            if (!next || s * (*price - next->triggerPrice) > 0.0)
                next = MarginStep{kind, i, *price, 0.0, std::nullopt};
        };
        for (std::size_t i = 0; i < exits.topUps.size(); ++i) {
            if (topUpAmount(exits.topUps[i], topUpTimes[i], topUpAdded[i]) > 0.0)
                consider(MarginStep::Kind::TopUp, i, exits.topUps[i].marginRatio);
        }
        for (std::size_t i = 0; i < exits.deleverages.size(); ++i) {
            if (deleverageTimes[i] < exits.deleverages[i].maxTimes)
                consider(MarginStep::Kind::Deleverage, i, exits.deleverages[i].marginRatio);
        }
        if (!next)
            break;
        at = next->triggerPrice;
        if (next->kind == MarginStep::Kind::TopUp) {
            next->amount = topUpAmount(exits.topUps[next->rule], topUpTimes[next->rule], topUpAdded[next->rule]);
            h = topUp(h, next->amount);
            ++topUpTimes[next->rule];
            topUpAdded[next->rule] += next->amount;
            next->liquidationAfter = liquidationPriceOf(h, at);
        } else {
            next->amount = h.position.quantity * exits.deleverages[next->rule].share;
            const PartialClose c = closePart(h, next->amount, at);
            h = c.after;
            ++deleverageTimes[next->rule];
            next->liquidationAfter = c.liquidationAfter;
        }
        out.push_back(*next);
    }
    return out;
}

}  // namespace levlab::engine
