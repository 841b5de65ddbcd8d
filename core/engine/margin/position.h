#pragma once

#include "core/engine/contract/contract.h"
#include "core/engine/margin/bracket.h"

#include <optional>
#include <string>
#include <vector>

namespace levlab::engine {

/// How a position's collateral is held.
/// - Isolated: its own margin, which alone absorbs its losses.
/// - Cross: the account's shared wallet (less all isolated margins).
/// - StrictIsolated: isolated, and margin cannot be removed while it is open.
enum class MarginMode { Isolated, Cross, StrictIsolated };

constexpr bool isIsolated(MarginMode m) { return m != MarginMode::Cross; }

/// One position as the user describes it. Prices are quote per base; the
/// settlement currency is the quote (linear) or the coin (inverse).
struct PositionInput final {
    std::string id;
    std::string symbol;
    ContractSpec contract;
    Side side = Side::Long;
    double quantity = 0.0;                    ///< contracts
    double entryPrice = 0.0;
    std::optional<double> markPrice;          ///< defaults to the entry price
    MarginMode mode = MarginMode::Isolated;
    /// Required for an isolated position without `isolatedMargin`. A cross
    /// position's liquidation does not depend on it (the shared wallet backs it);
    /// without it the initial margin is unknown.
    std::optional<double> leverage;
    std::optional<double> isolatedMargin;     ///< defaults to the initial margin at `leverage`
    std::optional<double> mmRate;             ///< overrides the bracket table
    std::optional<double> maintenanceAmount;  ///< with mmRate
    std::optional<double> maxLeverage;        ///< caps leverage; hyperliquid derives maintenance from it
    BracketTable brackets;                    ///< the venue's risk-limit rows for this symbol
    double feeRate = 0.0;                     ///< taker fee, a fraction of value
    double fundingRate = 0.0;                 ///< per interval; positive: longs pay shorts
};

/// Everything the engine works out for one position. Amounts are in the
/// settlement currency.
struct PositionResult final {
    std::string id;
    double notional = 0.0;            ///< position value at mark
    double initialMargin = 0.0;       ///< value at entry ÷ leverage (0 when not initialMarginKnown)
    double margin = 0.0;              ///< the collateral backing it: isolated margin, or the cross collateral
    double maintenanceMargin = 0.0;   ///< at mark, including any fee or funding term the venue adds
    double mmRate = 0.0;              ///< the bracket's (or given) maintenance rate
    double maintenanceAmount = 0.0;   ///< the bracket's deduction
    int bracket = -1;                 ///< row of the table used, -1 when the rate was given
    double maxLeverage = 0.0;         ///< of that row (0: none known)
    double unrealizedPnl = 0.0;       ///< at mark
    double equity = 0.0;              ///< isolated: margin + PnL; cross: the cross account's equity
    double marginRatio = 0.0;         ///< maintenance ÷ equity; ≥ 1 means liquidation
    std::optional<double> bankruptcyPrice;
    std::optional<double> liquidationPrice;     ///< none when no price can liquidate it
    std::optional<double> liquidationDistance;  ///< |entry − liquidation| ÷ entry
    double fundingPayment = 0.0;      ///< per interval, paid by the position; negative when received
    bool liquidated = false;          ///< the mark is already at or beyond the liquidation price
    /// What could not be computed. Each false flag leaves its figures at 0 (or
    /// none) and adds a note saying what is missing.
    bool initialMarginKnown = true;   ///< initialMargin: needs the leverage (or an isolated margin)
    bool maintenanceKnown = true;     ///< maintenanceMargin, mmRate, maintenanceAmount, bracket: need a rate
    bool marginKnown = true;          ///< a cross position's margin counts the other cross positions' maintenance
    /// marginRatio, liquidated, liquidationPrice and distance: need
    /// this position's maintenance and, for a cross position, every cross position's.
    bool liquidationKnown = true;
    std::vector<std::string> notes;   ///< one sentence per figure left out, and why
};

}  // namespace levlab::engine
