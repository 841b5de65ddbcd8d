#pragma once

#include "core/engine/account/account.h"
#include "core/engine/margin/position.h"
#include "core/engine/trade/ladder_preview.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace levlab::model {

enum class Warning {
    StopBeyondLiquidation,       ///< the stop would fire only after liquidation
    LiquidationInsideWickRange,  ///< a recent wick reached the liquidation price
    LeverageCappedByBracket,     ///< the size moved into a row with a lower maximum
};

/// The complete risk picture of the planned position, recomputed on every change.
struct RiskSnapshot final {
    bool valid = false;
    QString problem;                ///< why there is no picture yet ("waiting for a price")

    engine::ContractKind contract = engine::ContractKind::Linear;
    double entry = 0.0;
    double quantity = 0.0;          ///< contracts
    double notional = 0.0;          ///< value at entry, settlement currency
    engine::AccountResult account;  ///< the one-position account as the engine evaluated it
    engine::PositionResult position;  ///< its position
    double maxLeverage = 0.0;       ///< of the row the size falls in
    double minLeverage = 1.0;       ///< the lowest the wallet can carry (isolated: margin ≤ wallet less added margin)
    double tableMaxLeverage = 0.0;  ///< of the first row
    QString maxLeverageReason;      ///< empty unless a row below the first caps it

    std::optional<double> stopDistance;        ///< |entry − stop| ÷ entry
    std::optional<double> takeProfitDistance;
    double maxLoss = 0.0;                      ///< the most it can lose: its isolated margin, or the wallet (cross)
    std::optional<double> riskAtStop;          ///< money lost if the stop fills; at most maxLoss, and maxLoss
                                               ///< when liquidation comes first
    std::optional<double> riskAtStopOfWallet;  ///< that as a share of the wallet
    std::optional<double> rewardRisk;
    double fees = 0.0;                          ///< taker fee to open and to close at entry value
    double fundingPerInterval = 0.0;            ///< paid by the position; negative when received
    int horizonIntervals = 0;
    double fundingOverHorizon = 0.0;
    std::optional<double> liquidationAfterHorizon;
    std::optional<double> liquidationDrift;     ///< after − now

    /// The exit ladder and margin rules before the trade opens (engine previewLadder):
    /// each rung's result and the liquidation price after it, the blended reward:risk,
    /// the margin rules' trigger prices. None without a ladder.
    std::optional<engine::LadderPreview> ladder;
    /// An open trade with a ladder: what is still open, the stop now (moved to
    /// break-even, trailing) and the liquidation price now (position.liquidationPrice
    /// is set to it too).
    std::optional<double> quantityLeft;
    std::optional<double> stopNow;

    std::vector<Warning> warnings;
    QStringList warningTexts;                   ///< one sentence per warning

    [[nodiscard]] bool has(Warning w) const
    {
        for (Warning x : warnings) {
            if (x == w)
                return true;
        }
        return false;
    }
};

}  // namespace levlab::model
