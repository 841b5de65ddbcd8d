#pragma once

#include "core/engine/result.h"
#include "core/engine/trade/exit_plan.h"
#include "core/engine/trade/holding.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace levlab::engine {

/// One moment of a price path: the mark (liquidation and margin rules watch it) and
/// the last traded price (the stop, targets and trailing stop watch it when the plan
/// says so). Between two points each price moves in a straight line.
struct PathPoint final {
    std::int64_t timeMs = 0;
    double mark = 0.0;
    double last = 0.0;
};

/// One entry of a trade's log.
struct TradeStep final {
    enum class Kind { TakeProfit, StopLoss, BreakEvenStop, TrailingStop, Liquidation, TopUp, Deleverage, StopMoved, EndOfPath };
    Kind kind = Kind::TakeProfit;
    std::int64_t timeMs = 0;
    double price = 0.0;           ///< fill price; a stop moved: its new level
    double quantityClosed = 0.0;  ///< contracts
    double result = 0.0;          ///< realised, fees included (see closePart); a liquidation loses the collateral
    double fees = 0.0;            ///< the fee to close this part
    double added = 0.0;           ///< a top-up: the amount added
    int target = 0;               ///< take-profit number (1-based) for a take-profit or the stop move it caused
    double quantityLeft = 0.0;
    std::optional<double> liquidationAfter;
};

/// How a trade ended: the exit that closed its last share.
enum class TradeOutcome { Targets, Stop, BreakEven, Trailing, Liquidation, Deleverage, OpenAtEnd };
inline constexpr std::size_t kOutcomeCount = 7;

/// Walks one open position through a path, one point at a time: partial take-profits,
/// stop moves (break-even, a chosen level), the trailing stop, margin top-ups and
/// deleveraging, until the last share exits. Levels passed at the same point fire in
/// the order the straight line between the points reaches them; on a tie liquidation
/// first, then the stop, the margin rules (top-ups first) and the take-profits.
class TradeSimulator final {
public:
    /// Opens `plan` at its entry, the market at `start`. `keepLog` false skips the
    /// step log (the stress run needs only the outcome).
    static Result<TradeSimulator> open(const TradePlan& plan, const PathPoint& start, bool keepLog = true);

    /// Moves the market to `next`; returns false once the trade is closed.
    bool advance(const PathPoint& next);
    /// Closes what is left at the last mark (the path ended with the trade open).
    void closeAtEnd();

    [[nodiscard]] bool closed() const { return m_closed; }
    [[nodiscard]] TradeOutcome outcome() const { return m_outcome; }
    [[nodiscard]] double result() const { return m_result; }  ///< sum of the steps' results
    [[nodiscard]] const std::vector<TradeStep>& steps() const { return m_steps; }
    [[nodiscard]] const Holding& holding() const { return m_h; }
    [[nodiscard]] std::optional<double> stop() const { return m_stop; }
    [[nodiscard]] std::optional<double> liquidationPrice() const { return m_liquidation; }

private:
    enum class StopKind { Initial, Moved, BreakEven };
    struct Event;

    TradeSimulator(const TradePlan& plan, Holding h, const PathPoint& start, bool keepLog);
    void refreshLevels(double mark);
    void updateBand();
    [[nodiscard]] std::optional<double> effectiveStop(bool& trailing) const;
    void track(double trigger);
    std::optional<Event> firstEvent(double mark0, double mark1, double trig0, double trig1) const;
    void apply(const Event& e, std::int64_t timeMs, double mark);
    void closeWith(TradeStep::Kind kind, std::int64_t timeMs, double price, double quantity, int target);
    void liquidate(std::int64_t timeMs, double price);
    void moveStops(int target, std::int64_t timeMs);
    void log(const TradeStep& s);
    void finish(TradeStep::Kind kind);

    ExitPlan m_exits;
    Holding m_h;
    PathPoint m_at;
    bool m_keepLog = true;
    bool m_closed = false;
    TradeOutcome m_outcome = TradeOutcome::OpenAtEnd;
    double m_result = 0.0;
    std::size_t m_nextTarget = 0;
    std::optional<double> m_stop;
    StopKind m_stopKind = StopKind::Initial;
    bool m_trailingActive = false;
    double m_best = 0.0;  ///< best trigger price since the trailing stop became active
    std::optional<double> m_liquidation;
    /// The nearest levels, as s·price (s = +1 long, −1 short): no event can happen while
    /// s·mark stays above m_bandMark and s·trigger between m_bandStop and m_bandTarget.
    double m_bandMark = 0.0;
    double m_bandStop = 0.0;
    double m_bandTarget = 0.0;
    std::vector<std::optional<double>> m_topUpAt;
    std::vector<int> m_topUpTimes;
    std::vector<double> m_topUpAdded;
    std::vector<std::optional<double>> m_deleverageAt;
    std::vector<int> m_deleverageTimes;
    std::vector<TradeStep> m_steps;
};

/// A whole trade through `path` (its first point is the opening moment); what is
/// open when the path ends is closed at the last mark.
struct TradeRun final {
    std::vector<TradeStep> steps;
    TradeOutcome outcome = TradeOutcome::OpenAtEnd;
    double result = 0.0;
};
[[nodiscard]] Result<TradeRun> simulateTrade(const TradePlan& plan, std::span<const PathPoint> path);

[[nodiscard]] const char* outcomeName(TradeOutcome o);  ///< "targets", "stop", "break_even", …
[[nodiscard]] const char* stepKindName(TradeStep::Kind k);  ///< "take_profit", "stop_loss", …

}  // namespace levlab::engine
