#pragma once

#include "core/engine/margin/position.h"
#include "core/engine/result.h"
#include "core/engine/trade/exit_plan.h"

#include <QByteArray>
#include <QJsonObject>

namespace levlab::model {

class TierLibrary;

/// Reads a plan's exits and margin rules from the members of `root` (a plan file
/// or a scenario): `exit_trigger`, `stop_loss`, `exit_ladder`, `break_even_after`,
/// `trailing_stop` and `margin_rules` (README, "Exit ladders and margin rules").
/// Targets and the stop may be given as a price or as a `move` from the entry (a
/// fraction, in the trade's favour for targets, against it for the stop). Errors
/// name the field ("exit_ladder.targets[1].share"); the engine's checks follow.
engine::Result<engine::ExitPlan> parseExitPlan(const QJsonObject& root, const engine::PositionInput& position);

/// A plan for `stress-plan` and `compare`: the `evaluate` scenario with exactly one
/// position, and its exits; or the plan of a .levlab file named `name` (planScenario:
/// its whole exit ladder and margin rules).
engine::Result<engine::TradePlan> parseTradePlan(const QByteArray& bytes, const TierLibrary& tiers, const QString& name = {});

}  // namespace levlab::model
