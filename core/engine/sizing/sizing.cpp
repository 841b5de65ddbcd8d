#include "core/engine/sizing/sizing.h"

#include "core/engine/account/account.h"
#include "core/engine/limits.h"

#include <cmath>

namespace levlab::engine {

namespace {

bool positiveFinite(double v) { return std::isfinite(v) && v > 0.0; }

std::optional<Error> checkPrice(double v, const char* field)
{
    if (!positiveFinite(v))
        return Error{field, "must be a finite price greater than 0"};
    if (!within(v, kMinPrice, kMaxPrice))
        return Error{field, "must lie between " + numberText(kMinPrice) + " and " + numberText(kMaxPrice)};
    return std::nullopt;
}

/// The engine names a position's fields as a scenario would; sizing names its own inputs.
Error asSizingError(Error e)
{
    const auto dot = e.field.rfind('.');
    const std::string leaf = dot == std::string::npos ? e.field : e.field.substr(dot + 1);
    e.field = leaf == "mm_rate" ? "mmr" : leaf == "entry_price" ? "entry" : leaf == "quantity" ? "risk" : leaf;
    return e;
}

}  // namespace

Leverage maxLeverageForStop(Rate stopDistance, Rate mmRate, Rate buffer)
{
    return Leverage(1.0 / (stopDistance.value() + buffer.value() + mmRate.value()));
}

Result<SizingResult> sizePosition(const SizingInput& in)
{
    if (!positiveFinite(in.capital.value()))
        return Error{"capital", "must be a finite amount greater than 0"};
    if (in.capital.value() > kMaxAmount)
        return Error{"capital", "must be at most " + numberText(kMaxAmount)};
    if (!(std::isfinite(in.risk.value()) && in.risk.value() > 0.0 && in.risk.value() <= 1.0))
        return Error{"risk", "must be a share of capital in (0, 1] (0.01 is 1%)"};
    if (auto e = checkPrice(in.entry.value(), "entry"))
        return *e;
    if (auto e = checkPrice(in.stop.value(), "stop"))
        return *e;
    if (in.stop == in.entry)
        return Error{"stop", "must differ from the entry: a stop at entry risks nothing and sizes nothing"};
    if (in.leverage && !positiveFinite(in.leverage->value()))
        return Error{"leverage", "must be a finite number greater than 0"};
    if (in.leverage && !within(in.leverage->value(), kMinLeverage, kMaxLeverage))
        return Error{"leverage", "must lie between " + numberText(kMinLeverage) + " and " + numberText(kMaxLeverage)
                                     + " (1 means no leverage)"};
    if (!(std::isfinite(in.mmRate.value()) && in.mmRate.value() >= 0.0 && in.mmRate.value() < 1.0))
        return Error{"mmr", "must lie in [0, 1)"};
    if (!(std::isfinite(in.stopBuffer.value()) && in.stopBuffer.value() >= 0.0 && in.stopBuffer.value() < 1.0))
        return Error{"buffer", "must lie in [0, 1)"};

    SizingResult out;
    out.side = in.stop < in.entry ? Side::Long : Side::Short;
    if (in.side && *in.side != out.side)
        return Error{"stop", *in.side == Side::Long ? "a long's stop must lie below the entry"
                                                    : "a short's stop must lie above the entry"};
    const double s = sign(out.side);
    if (in.takeProfit) {
        if (auto e = checkPrice(in.takeProfit->value(), "take_profit"))
            return *e;
        if (s * (in.takeProfit->value() - in.entry.value()) <= 0.0)
            return Error{"take_profit", std::string("must lie ") + (out.side == Side::Long ? "above" : "below")
                                            + " the entry for a " + (out.side == Side::Long ? "long" : "short")
                                            + " (the stop says which side the trade is on)"};
    }
    const double perUnit = std::abs(in.entry.value() - in.stop.value());
    out.riskAmount = in.capital * in.risk.value();
    out.quantity = Quantity(out.riskAmount.value() / perUnit);
    if (!within(out.quantity.value(), kMinQuantity, kMaxQuantity))
        return Error{"risk", "sizes " + numberText(out.quantity.value()) + " units (capital × risk ÷ |entry − stop|), outside "
                                 + numberText(kMinQuantity) + " to " + numberText(kMaxQuantity) + ": move the stop or change the risk"};
    out.notional = in.entry * out.quantity;
    out.stopDistance = Rate(perUnit / in.entry.value());
    if (in.takeProfit)
        out.rewardRisk = std::abs(in.takeProfit->value() - in.entry.value()) / perUnit;
    out.maxLeverageForStop = maxLeverageForStop(out.stopDistance, in.mmRate, in.stopBuffer);

    if (in.leverage) {
        out.initialMargin = out.notional / *in.leverage;
        PositionInput p;
        p.side = out.side;
        p.quantity = out.quantity.value();
        p.entryPrice = in.entry.value();
        p.leverage = in.leverage->value();
        p.mmRate = in.mmRate.value();
        auto r = evaluatePosition(Venue::Textbook, p);
        if (!r)
            return asSizingError(r.error());
        if (r->liquidationPrice) {
            const double liq = *r->liquidationPrice;
            out.liquidationPrice = Price(liq);
            if (s * (in.stop.value() - liq) <= 0.0)
                out.warnings.push_back("the stop at " + numberText(in.stop.value()) + " lies beyond the liquidation price "
                                       + numberText(liq) + ": the position would be liquidated before the stop fires");
        }
        if (*in.leverage > *out.maxLeverageForStop)
            out.warnings.push_back("above " + numberText(out.maxLeverageForStop->value())
                                   + "x the liquidation price comes closer to the stop than the buffer allows");
        if (out.initialMargin->value() > in.capital.value())
            out.warnings.push_back("the initial margin exceeds the capital: raise the leverage or reduce the risk");
    }
    return out;
}

}  // namespace levlab::engine
