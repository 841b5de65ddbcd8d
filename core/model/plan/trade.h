#pragma once

#include "core/engine/margin/position.h"
#include "core/model/plan/plan_inputs.h"

#include <optional>

namespace levlab::model {

/// Where the planned trade is in its life. A trade is planned, opens once, and is
/// closed by exactly one exit; it stays closed until the trader plans again.
enum class TradeState {
    Planning,  ///< nothing is open: the entry may follow the market, nothing triggers
    Open,      ///< the entry is fixed; stop, target and liquidation are watched
    Closed,    ///< one exit happened; the result is final
};

/// Something that happened to the planned position as the market moved.
struct PositionEvent final {
    enum class Kind { StoppedOut, Liquidated, TookProfit, ClosedByHand };
    Kind kind = Kind::StoppedOut;
    qint64 timeMs = 0;
    double price = 0.0;   ///< the exit price: the stop or target, the liquidation price, or the mark
    double loss = 0.0;    ///< money lost (negative for a gain): −result
    double result = 0.0;  ///< realised result, fees included; a liquidation loses the margin behind it
    double fees = 0.0;    ///< taker fees to open and to close (within result)
    double funding = 0.0; ///< funding paid while open (within result); negative when received
    friend bool operator==(const PositionEvent&, const PositionEvent&) = default;
};

/// The trade's life beyond its inputs, as a file keeps it: enough to put an open or a
/// closed trade back exactly.
struct TradeLife final {
    TradeState state = TradeState::Planning;
    /// Open or closed: the inputs as planned before opening, which planning again returns to.
    /// Planning: the same as the inputs.
    PlanInputs planned;
    qint64 openedMs = 0;                ///< open or closed: when it opened
    std::optional<PositionEvent> exit;  ///< closed: its one exit
    /// Planning with a fixed entry: whether it fills when the market reaches it (a price
    /// was typed, dragged or given), or waits for one.
    bool entryArmed = true;
    friend bool operator==(const TradeLife&, const TradeLife&) = default;
};

/// The levels an open trade is watched against.
struct ExitLevels final {
    engine::Side side = engine::Side::Long;
    std::optional<double> liquidation;
    std::optional<double> stopLoss;
    std::optional<double> takeProfit;
    TriggerPrice trigger = TriggerPrice::Mark;
};

/// The exit the market reached first between two states, if any. Each price is taken
/// to move in a straight line from `before` to `after`; the level it reaches at the
/// smaller share of the way is first. A level already passed at `before` fires at once.
/// On a tie liquidation comes first, then the stop, then the target.
[[nodiscard]] std::optional<PositionEvent::Kind> firstExit(const ExitLevels& levels, const MarketState& before,
                                                           const MarketState& after);

/// Whether a limit entry at `entry` fills between two states: the last traded price
/// reaches it.
[[nodiscard]] bool entryReached(double entry, const MarketState& before, const MarketState& after);

}  // namespace levlab::model
