#include "core/engine/trade/holding.h"

#include "core/engine/account/account.h"
#include "core/engine/account/prepared.h"

namespace levlab::engine {

Result<Holding> openHolding(const TradePlan& plan)
{
    AccountInput account;
    account.venue = plan.venue;
    account.walletBalance = plan.wallet;
    account.positions = {plan.position};
    auto opened = evaluateAccount(account);
    if (!opened)
        return opened.error();
    if (auto e = validateExitPlan(plan.position, plan.exits))
        return *e;
    Holding h;
    h.venue = plan.venue;
    h.position = plan.position;
    h.position.markPrice = plan.position.entryPrice;
    h.openingQuantity = plan.position.quantity;
    const PositionResult& r = opened->positions.front();
    if (isIsolated(plan.position.mode))
        h.position.isolatedMargin = r.margin;
    h.wallet = opened->walletBalance;
    h.feesPaid = plan.position.feeRate * positionValue(plan.position.contract.kind, openExposure(h), plan.position.entryPrice);
    return h;
}

double collateralOf(const Holding& h)
{
    return isIsolated(h.position.mode) ? h.position.isolatedMargin.value_or(0.0) : h.wallet;
}

double openExposure(const Holding& h)
{
    return exposure(h.position.contract, h.position.quantity);
}

std::optional<double> priceAtMarginRatio(const Holding& h, double mark, double ratio)
{
    PositionInput p = h.position;
    p.markPrice = mark;
    const detail::Prepared prep = detail::prepare(h.venue, p);
    return detail::liquidationPrice(prep, collateralOf(h), ratio);
}

std::optional<double> liquidationPriceOf(const Holding& h, double mark)
{
    return priceAtMarginRatio(h, mark, 1.0);
}

}  // namespace levlab::engine
