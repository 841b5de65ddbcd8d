#pragma once

#include "core/engine/account/account.h"

#include <array>
#include <string>
#include <vector>

namespace levlab::engine {

/// The same positions under three margin arrangements.
enum class Layout {
    AsEntered,    ///< each position in the mode it was entered with
    AllCross,     ///< every position shares the wallet
    AllIsolated,  ///< every position keeps only its own margin
};

inline constexpr std::array kAllLayouts{Layout::AsEntered, Layout::AllCross, Layout::AllIsolated};
std::string_view layoutName(Layout layout);  ///< "as_entered", "all_cross", "all_isolated"

/// The account rearranged: every position's mode set by the layout. Isolated
/// margins keep their values (or the initial margin when none was given).
AccountInput arrange(const AccountInput& account, Layout layout);

/// What is left after prices move. Liquidation costs the margin behind it: an
/// isolated position loses its isolated margin; a liquidated cross account loses
/// its whole cross balance (the wallet less the isolated margins). Positions not
/// liquidated carry their unrealised PnL.
struct Outcome final {
    double equity = 0.0;
    std::vector<std::string> liquidated;  ///< ids, in the order they went
    bool crossLiquidated = false;
};

/// Every mark set to entry × (1 + move), reached by moving all prices together
/// from entry, so liquidations happen in the order of the moves that trigger
/// them. Moves must lie in (−1, 10].
Result<Outcome> outcomeOfMove(const AccountInput& account, double move);

/// One step of a played path: each position's mark at that moment.
struct PathStep final {
    long long timeMs = 0;
    std::vector<double> marks;  ///< one per position, in the account's order
};

/// A liquidation met while playing a path.
struct PathEvent final {
    long long timeMs = 0;
    std::vector<std::string> ids;  ///< the isolated position, or every cross position at once
    double loss = 0.0;             ///< margin (isolated) or cross balance (cross) lost
    bool cross = false;
};

struct PathOutcome final {
    Outcome outcome;                ///< at the last step
    std::vector<PathEvent> events;  ///< in time order
};

/// Plays marks step by step: an isolated position goes when its mark reaches its
/// liquidation price; the cross account goes when its equity falls to its
/// maintenance margin. What is liquidated stays liquidated.
Result<PathOutcome> playPath(const AccountInput& account, const std::vector<PathStep>& path);

}  // namespace levlab::engine
