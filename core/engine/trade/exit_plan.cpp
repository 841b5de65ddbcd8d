#include "core/engine/trade/exit_plan.h"

#include "core/engine/limits.h"

#include <cmath>
#include <string>

namespace levlab::engine {

namespace {

std::string indexed(const char* base, std::size_t i) { return std::string(base) + "[" + std::to_string(i) + "]"; }

bool fraction(double v) { return std::isfinite(v) && v > 0.0 && v < 1.0; }

std::optional<Error> checkPrice(double v, std::string field)
{
    if (!(std::isfinite(v) && within(v, kMinPrice, kMaxPrice)))
        return Error{std::move(field), "must be a price between " + numberText(kMinPrice) + " and " + numberText(kMaxPrice)};
    return std::nullopt;
}

std::optional<Error> checkTargets(const PositionInput& p, const ExitPlan& x)
{
    const double s = sign(p.side);
    const char* winning = p.side == Side::Long ? "above" : "below";
    if (x.targets.size() > kMaxTargets)
        return Error{"exit_ladder.targets", "holds at most " + std::to_string(kMaxTargets) + " take-profits"};
    double total = 0.0;
    for (std::size_t i = 0; i < x.targets.size(); ++i) {
        const TakeProfit& t = x.targets[i];
        const std::string f = indexed("exit_ladder.targets", i);
        if (auto e = checkPrice(t.price, f + ".price"))
            return e;
        if (s * (t.price - p.entryPrice) <= 0.0)
            return Error{f + ".price", "a " + std::string(p.side == Side::Long ? "long" : "short") + "'s take-profit must lie "
                                           + winning + " the entry (" + numberText(p.entryPrice) + ")"};
        if (i > 0 && s * (t.price - x.targets[i - 1].price) <= 0.0)
            return Error{f + ".price", "must lie beyond the take-profit before it (" + numberText(x.targets[i - 1].price) + ")"};
        if (!(std::isfinite(t.share) && t.share > 0.0 && t.share <= 1.0))
            return Error{f + ".share", "must lie in (0, 1] (a fraction of the position: 0.5 is 50%)"};
        total += t.share;
        if (total > 1.0 + 1e-9)
            return Error{f + ".share", "brings the shares to " + numberText(total * 100.0) + "%: together they may close at most 100%"};
    }
    return std::nullopt;
}

std::optional<Error> checkStops(const PositionInput& p, const ExitPlan& x)
{
    const double s = sign(p.side);
    const char* losing = p.side == Side::Long ? "below" : "above";
    if (x.stopLoss) {
        if (auto e = checkPrice(*x.stopLoss, "stop_loss.price"))
            return e;
        if (s * (*x.stopLoss - p.entryPrice) >= 0.0)
            return Error{"stop_loss.price", "a " + std::string(p.side == Side::Long ? "long" : "short") + "'s stop must lie " + losing
                                                + " the entry (" + numberText(p.entryPrice) + ")"};
    }
    for (std::size_t i = 0; i < x.stopMoves.size(); ++i) {
        const StopMove& m = x.stopMoves[i];
        const std::string f = m.breakEven ? std::string("break_even_after") : indexed("stop_loss.moves", i);
        if (m.afterTarget < 1 || static_cast<std::size_t>(m.afterTarget) > x.targets.size())
            return Error{f + (m.breakEven ? ".target" : ".after_target"),
                         "names take-profit " + std::to_string(m.afterTarget) + ", but the ladder has "
                             + std::to_string(x.targets.size())};
        if (m.breakEven)
            continue;
        if (auto e = checkPrice(m.price, f + ".price"))
            return e;
        const double target = x.targets[static_cast<std::size_t>(m.afterTarget - 1)].price;
        if (s * (m.price - target) >= 0.0)
            return Error{f + ".price", std::string("must lie ") + losing + " take-profit " + std::to_string(m.afterTarget) + " ("
                                           + numberText(target) + "), or it would fire the moment it moves"};
    }
    if (x.trailing) {
        const TrailingStop& t = *x.trailing;
        const bool ok = t.inPrice ? std::isfinite(t.distance) && t.distance > 0.0 && t.distance < p.entryPrice : fraction(t.distance);
        if (!ok)
            return Error{t.inPrice ? "trailing_stop.distance_price" : "trailing_stop.distance",
                         t.inPrice ? "must be a price distance greater than 0 and below the entry"
                                   : "must lie in (0, 1) (a fraction of the price: 0.02 is 2%)"};
        if (t.activationPrice)
            if (auto e = checkPrice(*t.activationPrice, "trailing_stop.activation_price"))
                return e;
    }
    return std::nullopt;
}

std::optional<Error> checkRules(const ExitPlan& x)
{
    for (std::size_t i = 0; i < x.topUps.size(); ++i) {
        const TopUpRule& r = x.topUps[i];
        const std::string f = indexed("margin_rules.top_up", i);
        if (!fraction(r.marginRatio))
            return Error{f + ".at_margin_ratio", "must lie in (0, 1) (0.8 is 80%; 100% is liquidation)"};
        if (!(std::isfinite(r.amount) && r.amount > 0.0 && r.amount <= kMaxAmount))
            return Error{f + ".add", "must be an amount greater than 0 and at most " + numberText(kMaxAmount)};
        if (r.maxTimes < 1)
            return Error{f + ".max_times", "must be a whole number of at least 1"};
        if (r.maxTotal && !(std::isfinite(*r.maxTotal) && *r.maxTotal > 0.0 && *r.maxTotal <= kMaxAmount))
            return Error{f + ".max_total", "must be an amount greater than 0 and at most " + numberText(kMaxAmount)};
    }
    for (std::size_t i = 0; i < x.deleverages.size(); ++i) {
        const DeleverageRule& r = x.deleverages[i];
        const std::string f = indexed("margin_rules.deleverage", i);
        if (!fraction(r.marginRatio))
            return Error{f + ".at_margin_ratio", "must lie in (0, 1) (0.9 is 90%; 100% is liquidation)"};
        if (!(std::isfinite(r.share) && r.share > 0.0 && r.share <= 1.0))
            return Error{f + ".close", "must lie in (0, 1] (a fraction of the open position: 0.5 is 50%)"};
        if (r.maxTimes < 1)
            return Error{f + ".max_times", "must be a whole number of at least 1"};
    }
    return std::nullopt;
}

}  // namespace

TradePlan plainPlan(const TradePlan& plan)
{
    TradePlan plain = plan;
    plain.exits = ExitPlan{};
    plain.exits.stopLoss = plan.exits.stopLoss;
    plain.exits.trigger = plan.exits.trigger;
    if (!plan.exits.targets.empty())
        plain.exits.targets = {TakeProfit{plan.exits.targets.back().price, 1.0}};
    return plain;
}

std::optional<Error> validateExitPlan(const PositionInput& position, const ExitPlan& exits)
{
    if (auto e = checkTargets(position, exits))
        return e;
    if (auto e = checkStops(position, exits))
        return e;
    return checkRules(exits);
}

}  // namespace levlab::engine
