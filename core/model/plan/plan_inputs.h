#pragma once

#include "core/engine/contract/contract.h"
#include "core/engine/margin/position.h"
#include "core/engine/trade/exit_plan.h"
#include "core/engine/venue/venue.h"

#include <QString>

#include <optional>
#include <vector>

namespace levlab::model {

/// How the position's size is given.
enum class SizeMode {
    Quantity,     ///< contracts (base units for linear, USD for inverse)
    Notional,     ///< value at entry in the quote currency
    RiskPercent,  ///< share of the wallet lost at the stop (needs a stop)
};

/// Which price a stop-loss or take-profit watches. Liquidation always watches the mark.
enum class TriggerPrice { Mark, Last };

/// The exits beyond one stop and one target, and the margin rules (engine ExitPlan
/// without its stop and trigger, which are the plan's own). With take-profits here
/// the plan's single take-profit is off: the ladder holds them all.
struct ExitLadder final {
    std::vector<engine::TakeProfit> targets;  ///< nearest the entry first, at most five
    std::vector<engine::StopMove> stopMoves;  ///< break-even (or a level) after take-profit k
    std::optional<engine::TrailingStop> trailing;
    std::vector<engine::TopUpRule> topUps;
    std::vector<engine::DeleverageRule> deleverages;
    [[nodiscard]] bool empty() const
    {
        return targets.empty() && stopMoves.empty() && !trailing && topUps.empty() && deleverages.empty();
    }
    friend bool operator==(const ExitLadder&, const ExitLadder&) = default;
};

/// Everything the trader sets for the position being planned.
struct PlanInputs final {
    engine::Venue venue = engine::Venue::Binance;
    QString symbol = QStringLiteral("BTCUSDT");
    engine::Side side = engine::Side::Long;
    bool entryAtMarket = true;
    double entryPrice = 0.0;  ///< used when not at market
    SizeMode sizeMode = SizeMode::Quantity;
    double size = 0.1;
    double leverage = 10.0;
    engine::MarginMode marginMode = engine::MarginMode::Isolated;
    double wallet = 10000.0;       ///< settlement currency
    double extraMargin = 0.0;      ///< isolated margin added beyond the initial margin
    std::optional<double> stopLoss;
    std::optional<double> takeProfit;
    TriggerPrice exitTrigger = TriggerPrice::Mark;  ///< what the stop and target watch
    double horizonHours = 24.0;    ///< holding period for funding
    double feeRate = 0.0005;       ///< taker fee
    std::optional<double> mmRate;  ///< overrides the risk-limit table (the lessons' worked examples)
    ExitLadder ladder;             ///< partial exits, stop moves, trailing stop, margin rules
    friend bool operator==(const PlanInputs&, const PlanInputs&) = default;
};

/// What the market says now.
struct MarketState final {
    qint64 timeMs = 0;
    double mark = 0.0;
    double last = 0.0;
    double index = 0.0;
    double fundingRate = 0.0;  ///< per 8 h interval
    double recentLow = 0.0;    ///< low of last prices over the recent window (wicks included)
    double recentHigh = 0.0;
    friend bool operator==(const MarketState&, const MarketState&) = default;
};

/// A refused change: which input and why. The model keeps its previous state.
struct Refusal final {
    QString field;
    QString reason;
    /// One sentence in the user's words: "Stop-loss: a long's stop must lie below the entry (61,202.01)."
    [[nodiscard]] QString message() const;
};

}  // namespace levlab::model
