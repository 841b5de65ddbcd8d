#pragma once

#include "core/engine/margin/position.h"
#include "core/engine/result.h"
#include "core/engine/venue/venue.h"

#include <optional>
#include <vector>

namespace levlab::engine {

/// One wallet and the positions it holds. `walletBalance` is the account's
/// whole balance in the settlement currency; isolated margins are carved out of
/// it and the rest is the cross collateral. When absent it defaults to the sum
/// of the isolated margins (an account with no cross collateral).
struct AccountInput final {
    Venue venue = Venue::Textbook;
    std::optional<double> walletBalance;
    std::vector<PositionInput> positions;
    /// Refuse positions that would be liquidated on opening. Off when
    /// re-evaluating positions already open (after funding or a shock).
    bool openingChecks = true;
};

struct AccountResult final {
    std::vector<PositionResult> positions;
    double walletBalance = 0.0;
    double crossWallet = 0.0;        ///< wallet less isolated margins
    double equity = 0.0;             ///< wallet + every unrealised PnL
    double maintenanceMargin = 0.0;  ///< of every position
    std::optional<double> marginRatio;         ///< maintenance ÷ equity; none when equity ≤ 0
    double crossEquity = 0.0;                  ///< cross wallet + cross unrealised PnL
    double crossMaintenanceMargin = 0.0;
    /// False when a position has no maintenance rate: maintenanceMargin then
    /// counts only the known ones and marginRatio is none.
    bool maintenanceKnown = true;
    /// False when a cross position has no maintenance rate: the cross account's
    /// liquidation (every cross liquidation price, shockToLiquidation) is unknown.
    bool crossMaintenanceKnown = true;
    /// The uniform move of every mark (a fraction: −0.1718 is −17.18%) that
    /// brings the cross equity down to the cross maintenance; none without cross
    /// positions or when no move in (−100%, +1000%] does it. 0 when already there.
    std::optional<double> shockToLiquidation;
};

/// Checks one position for `venue`; `field` prefixes the error ("positions[2]").
std::optional<Error> validatePosition(Venue venue, const PositionInput& p, const std::string& field,
                                     bool openingChecks = true);

/// The whole account at its current marks. Refuses bad input with the first
/// offending field; never returns a NaN.
Result<AccountResult> evaluateAccount(const AccountInput& account);

/// One isolated position on its own.
Result<PositionResult> evaluatePosition(Venue venue, const PositionInput& position);

/// One isolated position already open: no opening checks, so a position whose
/// margin has fallen to maintenance (after funding, a transfer, a move) is shown
/// as liquidated rather than refused.
Result<PositionResult> evaluateOpenPosition(Venue venue, const PositionInput& position);

}  // namespace levlab::engine
