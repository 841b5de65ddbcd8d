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

/// The base asset a symbol trades ("BTC" for BTCUSDT, XBTUSD, BTC-USDT-SWAP).

}  // namespace levlab::model::detail
