#pragma once

#include "core/engine/result.h"
#include "core/model/tiers/tier_library.h"

#include <QByteArray>
#include <QString>

namespace levlab::model {

/// Where the user's refreshed or imported tables live: the window's
/// QStandardPaths::AppDataLocation + "/tiers" (on Linux ~/.local/share/LeverageLab/Leverage Lab/tiers),
/// the same for levlab-cli.
QString userTierDirectory();

/// `table` in the shipped tier-file format, with its fetch time ("fetched_at").
QByteArray tierTableJson(const TierTable& table);

/// Saves `table` into `directory` atomically (QSaveFile) as VENUE_SYMBOL.json,
/// replacing an earlier import of the same venue and symbol. Returns the path.
engine::Result<QString> saveUserTable(const TierTable& table, const QString& directory);

}  // namespace levlab::model
