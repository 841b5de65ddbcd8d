#pragma once

#include "core/engine/result.h"
#include "core/model/plan/messages.h"
#include "core/model/plan/plan_inputs.h"

#include <cmath>

/// Helpers shared by the PortfolioModel's source files.
namespace levlab::model::detail {

inline bool positiveFinite(double v) { return std::isfinite(v) && v > 0.0; }

/// An engine error as a refusal, its numbers as the fields show them.
inline Refusal fromEngine(const engine::Error& e)
{
    return Refusal{QString::fromStdString(e.field), readableReason(QString::fromStdString(e.reason))};
}

}  // namespace levlab::model::detail
