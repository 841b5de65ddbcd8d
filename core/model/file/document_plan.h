#pragma once

#include "core/engine/result.h"

#include <QByteArray>
#include <QString>

namespace levlab::model {

class TierLibrary;

/// Whether a PLAN argument is a .levlab file rather than a scenario: its name ends in
/// ".levlab", or its top-level object has a "format".
bool isDocument(const QString& name, const QByteArray& bytes);

/// The plan of a .levlab file as a scenario in the `levlab-cli evaluate` format: one
/// position, exactly as the window shows it at the file's market (venue, symbol,
/// contract, side, size in contracts, entry, mark, funding rate, leverage, mode, margin,
/// fee, maintenance rate, wallet), with its whole exits: the stop and its moves to a level
/// (`stop_loss`), the take-profits (`exit_ladder`, or the single target as one rung),
/// `break_even_after`, `trailing_stop`, `margin_rules` and `exit_trigger`. A file that does not read, holds no plan (only a
/// portfolio) or whose plan the models refuse is refused as "LINE:COL: reason".
engine::Result<QByteArray> documentPlanScenario(const QByteArray& bytes, const TierLibrary& tiers);

/// The scenario a PLAN argument named `name` (empty for standard input) gives: the
/// bytes themselves, or the plan of a .levlab file (documentPlanScenario).
engine::Result<QByteArray> planScenario(const QString& name, const QByteArray& bytes, const TierLibrary& tiers);

/// "origin:LINE:COL: reason" for a refusal placed in a file's text, else "origin: field: reason".
QString planRefusal(const QString& origin, const engine::Error& error);

}  // namespace levlab::model
