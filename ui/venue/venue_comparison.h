#pragma once

#include <QDialog>

class QTableWidget;

namespace levlab::model {
class RiskModel;
}

namespace levlab::ui {

/// The planned position under every venue's rules side by side (engine
/// compareVenues, as `levlab-cli compare`): initial and maintenance margin,
/// liquidation and bankruptcy prices and distance, the risk-limit row and its
/// maximum leverage, fees, funding per interval, and why each venue differs. A cell
/// that differs from the plan's own venue is highlighted. Follows the plan's edits.
class VenueComparison final : public QDialog {
    Q_OBJECT
public:
    explicit VenueComparison(model::RiskModel& model, QWidget* parent = nullptr);

    enum Row { InitialMargin, MaintenanceMargin, Liquidation, Bankruptcy, Distance, RiskRow, MaxLeverage, Fees, Funding, Reasons, RowCount };
    [[nodiscard]] QTableWidget* table() const { return m_table; }
    void refresh();

private:
    model::RiskModel& m_model;
    QTableWidget* m_table = nullptr;
};

}  // namespace levlab::ui
