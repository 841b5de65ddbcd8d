#pragma once

#include "core/engine/contract/contract.h"
#include "core/engine/trade/holding.h"

#include <optional>

namespace levlab::engine {

/// What closing part of a position realises, and the position after it.
struct PartialClose final {
    double quantity = 0.0;  ///< contracts closed
    double price = 0.0;
    double pnl = 0.0;       ///< s·q·(P − E) linear, s·q·(1/E − 1/P) inverse, on the part closed
    double closeFee = 0.0;  ///< fee rate × value at P of the part closed
    double openFee = 0.0;   ///< the part's share of the fee paid to open
    /// pnl − closeFee − openFee: the steps of one trade add up to its whole result.
    double result = 0.0;
    Holding after;          ///< less size, the same margin (isolated); cross: the wallet takes pnl − closeFee
    std::optional<double> liquidationAfter;  ///< the engine's liquidation price for what is left; none when nothing is
};

/// Closes `quantity` contracts (at most what is open) of `h` at `price`. An
/// isolated position keeps its margin, so the liquidation price moves away: 1 BTC
/// long at 10,000, 10×, MMR 1% (liquidation 9,100) half closed keeps 1,000 behind
/// 0.5 BTC and liquidates at 10,000 − (1,000 − 50)/0.5 = 8,100.
[[nodiscard]] PartialClose closePart(const Holding& h, double quantity, double price);

/// The break-even stop: the price at which closing `exposure` gives back, besides
/// its own closing fee, every fee paid so far (`feesPaid`: the fee to open the whole
/// position and those of the parts already closed), so an exit there loses nothing:
///     s·q·(P − E) = F + f·q·P          (linear)  →  P = (s·q·E + F) / (q·(s − f))
///     s·q·(1/E − 1/P) = F + f·q/P      (inverse) →  P = q·(s + f) / (s·q/E − F)
/// With no fees it is the entry. None when no positive price does it.
[[nodiscard]] std::optional<double> breakEvenPrice(ContractKind kind, Side side, double exposure, double entry, double feeRate,
                                                   double feesPaid);

}  // namespace levlab::engine
