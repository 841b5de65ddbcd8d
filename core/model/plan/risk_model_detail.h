#pragma once

#include "core/engine/result.h"
#include "core/model/plan/plan_inputs.h"

#include <QString>

#include <cmath>

/// Helpers shared by the RiskModel's source files.
namespace levlab::model::detail {

inline bool positiveFinite(double v) { return std::isfinite(v) && v > 0.0; }

inline Refusal refusal(const char* field, const QString& reason) { return Refusal{QLatin1String(field), reason}; }

/// An engine error as a refusal of the change to `field`, in the trader's words.
Refusal fromEngine(const engine::Error& e, const char* field);

/// Decimals that show a price to the tick (0.1 → 1, 0.01 → 2).
int decimalsForTick(double tick);

/// The plan's exits as the engine's: the stop, the trigger, the ladder's take-profits
/// (or the single take-profit for the whole position) and its rules.
engine::ExitPlan exitPlanOf(const PlanInputs& in);

/// The ladder with every price in it (targets, chosen stop levels, the trailing
/// stop's activation) passed through `f`.
template <class F>
ExitLadder mapPrices(ExitLadder l, F f)
{
    for (auto& t : l.targets)
        t.price = f(t.price);
    for (auto& m : l.stopMoves) {
        if (!m.breakEven)
            m.price = f(m.price);
    }
    if (l.trailing && l.trailing->activationPrice)
        l.trailing->activationPrice = f(*l.trailing->activationPrice);
    return l;
}

/// The base asset a symbol trades ("BTC" for BTCUSDT, XBTUSD, BTC-USDT-SWAP).

}  // namespace levlab::model::detail
