#pragma once

#include "ui/theme/theme.h"

#include <QWidget>

#include <optional>


class QLabel;
class QPushButton;

namespace levlab::model {
class RiskModel;
struct Refusal;
}  // namespace levlab::model

namespace levlab::ui {

class ValueTable;

/// The numbers of the planned position and its warnings. A stop beyond
/// liquidation comes with one-click fixes: lower the leverage, move the stop, or
/// add margin.
class RiskPanel final : public QWidget {
    Q_OBJECT
public:
    enum class Row {
        Notional, InitialMargin, MaintenanceMargin, Liquidation, Bankruptcy, RiskAtStop, RewardRisk,
        Fees, Funding, FundingHorizon, State
    };

    explicit RiskPanel(model::RiskModel& model, QWidget* parent = nullptr);

    void setTheme(const Theme& theme);

    [[nodiscard]] QString text(Row row) const;
    [[nodiscard]] QLabel* warnings() const { return m_warnings; }
    [[nodiscard]] QPushButton* lowerLeverageButton() const { return m_lowerLeverage; }
    [[nodiscard]] QPushButton* moveStopButton() const { return m_moveStop; }
    [[nodiscard]] QPushButton* addMarginButton() const { return m_addMargin; }

signals:
    void refused(const levlab::model::Refusal& refusal);

private:
    void refresh();
    void set(Row row, const QString& text);
    void report(const std::optional<model::Refusal>& outcome);

    model::RiskModel& m_model;
    ValueTable* m_table = nullptr;
    QLabel* m_warnings = nullptr;
    QPushButton* m_lowerLeverage = nullptr;
    QPushButton* m_moveStop = nullptr;
    QPushButton* m_addMargin = nullptr;
    QWidget* m_fixes = nullptr;
};

}  // namespace levlab::ui
