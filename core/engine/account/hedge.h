#pragma once

#include "core/engine/account/prepared.h"

#include <optional>
#include <vector>

namespace levlab::engine::detail {

/// Cross positions of one symbol move together: in hedge mode (Binance, Bybit)
/// an account holds a long and a short of the same symbol, both at the symbol's
/// one mark, and Binance's cross formula solves for that mark with every leg in
/// it (pos_1L, pos_1S). Returns the factor x by which every leg's mark moves
/// (each leg's liquidation price is its mark × x): the nearest x at which
/// `collateral` + Σ (PnL − maintenance) of the legs changes state — reaches the
/// maintenance when it stands, or leaves it when already liquidated. None when
/// no price in the engine's range does it.
/// `collateral` is the cross wallet plus everything the other symbols add
/// (their PnL less their maintenance, held at their marks).
std::optional<double> sharedLiquidationFactor(const std::vector<const Prepared*>& legs, double collateral);

/// Gives every cross position that shares its symbol with another the
/// liquidation price of the symbol's legs moving together (`results` in the
/// order of `preps`; the cross maintenance must be known).
void shareLiquidationAcrossLegs(const std::vector<Prepared>& preps, double crossWallet, std::vector<PositionResult>& results);

}  // namespace levlab::engine::detail
