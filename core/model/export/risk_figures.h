#pragma once

#include <QString>

#include <array>
#include <cstddef>

namespace levlab::model {

class RiskModel;

/// The risk figures of the planned position, in the order the risk panel lists them.
enum class RiskFigure {
    Notional,
    InitialMargin,
    MaintenanceMargin,
    Liquidation,
    Bankruptcy,
    RiskAtStop,
    RewardRisk,
    Fees,
    Funding,
    FundingHorizon,
    State,
    Count
};
inline constexpr std::size_t kRiskFigureCount = static_cast<std::size_t>(RiskFigure::Count);

/// The order the risk panel shows them in: the figures that decide the trade first.
inline constexpr std::array<RiskFigure, kRiskFigureCount> kRiskFiguresShown { RiskFigure::Liquidation,
    RiskFigure::InitialMargin, RiskFigure::RiskAtStop, RiskFigure::RewardRisk, RiskFigure::Notional,
    RiskFigure::MaintenanceMargin, RiskFigure::Bankruptcy, RiskFigure::Fees, RiskFigure::Funding,
    RiskFigure::FundingHorizon, RiskFigure::State };

/// The name a person sees for a figure ("Liquidation", "Risk at stop").
[[nodiscard]] QString riskFigureLabel(RiskFigure figure);
/// One sentence saying what the figure is (the panel's tooltip).
[[nodiscard]] QString riskFigureHint(RiskFigure figure);

/// Every figure as the risk panel shows it ("61,234.50  (−8.12%)"), from the model's
/// snapshot. The one place these numbers are formatted for people: the panel, the
/// clipboard summary and the PDF report all read them from here.
using RiskFigureTexts = std::array<QString, kRiskFigureCount>;
[[nodiscard]] RiskFigureTexts riskFigureTexts(const RiskModel& model);

/// An amount as the panel shows it: the user's locale, `decimals` places.
[[nodiscard]] QString formatAmount(double value, int decimals = 2);
/// A fraction as a percentage with two places ("−8.12%").
[[nodiscard]] QString formatPercent(double fraction);

/// Decimals a price of the plan's contract is shown with (its tick's).
[[nodiscard]] int priceDecimals(const RiskModel& model);

} // namespace levlab::model
