#pragma once

#include "core/engine/result.h"
#include "core/model/plan/plan_inputs.h"

#include <QString>
#include <QStringList>

namespace levlab::model {

class JsonFields;
class JsonText;

/// A plan's exit ladder in a .levlab file: the `exit_ladder` member of "plan", in the
/// words of the PLAN scenario (README, "Exit ladders and margin rules") for absolute
/// prices and shares: `targets` [{price, share}], `stop_moves` [{after_target, price}
/// or {after_target, break_even: true}], `trailing_stop` {distance | distance_price,
/// activation_price}, `margin_rules` {top_up [{at_margin_ratio, add, max_times,
/// max_total}], deleverage [{at_margin_ratio, close, max_times}]}.

/// Reads `exit_ladder` of `plan` (an empty ladder when absent), strictly; with a fixed
/// entry the engine's exit-plan checks follow, placed at the field's value.
engine::Result<ExitLadder> readLadder(const JsonFields& plan, const PlanInputs& inputs, QStringList* unknown);

/// Writes `"exit_ladder": {...}` unless the ladder is empty (keys in alphabetical order).
void writeLadder(JsonText& j, const ExitLadder& ladder);

/// The member of `exit_ladder` (after "plan.") that an engine or model field names
/// ("stop_loss.moves[1].price" → "exit_ladder.stop_moves[1].price"), or an empty
/// string for a field outside the ladder.
QString ladderPath(const QString& field, const ExitLadder& ladder);

}  // namespace levlab::model
