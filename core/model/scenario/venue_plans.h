#pragma once

#include "core/model/market/instrument.h"  // baseAsset: one reading of a venue's symbol

#include "core/engine/account/account.h"
#include "core/engine/result.h"
#include "core/engine/venue/venue.h"
#include "core/model/market/instrument.h"  // baseAsset

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace levlab::model {

class TierLibrary;

/// One plan as it would be given to `evaluate` for one venue.
struct VenuePlan final {
    engine::Venue venue = engine::Venue::Textbook;
    QString symbol;       ///< the venue's name for the plan's asset (its shipped table's first alias), or the plan's own
    QByteArray scenario;  ///< the plan with this venue and symbol: `levlab-cli evaluate` input
    std::optional<engine::AccountInput> account;
    std::optional<engine::Error> refusal;  ///< why this venue cannot read it
};

/// The one-position plan in `bytes` (the `evaluate` format, or the plan of a .levlab
/// file named `name`: see planScenario) on every venue, in
/// engine::kAllVenues order. Each venue takes its own shipped table for the same
/// asset and contract kind ("BTCUSDT" is "BTC" on Hyperliquid); a venue with none
/// keeps the plan's symbol, and evaluate says what is then unknown.
engine::Result<std::vector<VenuePlan>> planOnEveryVenue(const QByteArray& bytes, const TierLibrary& tiers,
                                                        const QString& name = {});

/// The venue's symbol for the same asset and contract kind (its shipped table's first
/// alias), or `symbol` itself when it has none.
QString symbolOn(engine::Venue venue, const QString& symbol, engine::ContractKind kind, const TierLibrary& tiers);

}  // namespace levlab::model
