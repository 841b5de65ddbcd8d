#pragma once

#include "core/engine/history/odds.h"
#include "core/engine/result.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace levlab::model {

class TierLibrary;

/// Reads the position whose historical odds are asked from a plan's bytes: a scenario in
/// the `levlab-cli evaluate` format holding one position (venue, symbol, side, quantity,
/// entry, leverage, mode), or the plan of a .levlab file named `name` (planScenario).
/// The plan's stop (`stop_loss`, as stress-plan reads it) gives the stop distance.
/// Refuses a scenario with no position or more than one; a .levlab refusal is
/// "LINE:COL: reason" (see planRefusal).
engine::Result<engine::OddsPosition> readOddsPlan(const QByteArray& bytes, const TierLibrary& tiers, const QString& name = {});

/// The plan's leverages from 1× to the maximum of its risk-limit row (100× where the
/// venue gives none), about twenty steps: 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40,
/// 50, 60, 75, 100, 125, 150, 200, …, and the maximum itself.
std::vector<double> defaultOddsLeverages(const engine::OddsPosition& plan);

/// 1 hour, 4 hours, 1 day, 3 days, 1 week, 30 days.
std::vector<double> defaultOddsHours();

}  // namespace levlab::model
