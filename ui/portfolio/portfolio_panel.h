#pragma once

#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QSlider;
class QSplitter;
class QTableView;
class QTableWidget;
class QUndoStack;

namespace levlab::model {
class PortfolioModel;
struct Refusal;
}  // namespace levlab::model

namespace levlab::ui {

class NumberField;

class PositionsTableModel;
class ValueTable;

/// Several positions, one wallet: the positions table, the account, the
/// comparison of the same positions as entered, all cross and all isolated under
/// a price shock, funding over a holding period, and margin transfers.
class PortfolioPanel final : public QWidget {
    Q_OBJECT
public:
    explicit PortfolioPanel(model::PortfolioModel& portfolio, QWidget* parent = nullptr);

    [[nodiscard]] QTableView* table() const { return m_table; }
    [[nodiscard]] QSlider* shockSlider() const { return m_shock; }
    [[nodiscard]] QTableWidget* compare() const { return m_compare; }
    [[nodiscard]] QListWidget* eventLog() const { return m_log; }
    [[nodiscard]] QUndoStack* undoStack() const { return m_undo; }
    [[nodiscard]] QDoubleSpinBox* transferAmount() const { return m_transfer; }
    [[nodiscard]] QLabel* transferPreview() const { return m_preview; }
    [[nodiscard]] ValueTable* account() const { return m_account; }
    [[nodiscard]] QCheckBox* showLevels() const { return m_showLevels; }
    [[nodiscard]] QProgressBar* marginGauge() const { return m_gauge; }

    /// Adds, duplicates, removals and edits in place go on `stack` from now on: the
    /// window's one history (Edit › Undo). Until then the panel keeps its own.
    void setUndoStack(QUndoStack* stack);
    void removeSelected();
    void applyTransfer();

signals:
    void refused(const levlab::model::Refusal& refusal);
    /// The trader asked to see (or hide) every position's liquidation level on the chart.
    void showLevelsToggled(bool show);
    /// The selected row changed (−1: none).
    void selectedChanged(int row);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void distributePanes();
    void refresh();
    void refreshPreview();
    [[nodiscard]] int selectedRow() const;
    /// Where an undo or redo the model refuses is reported.
    [[nodiscard]] std::function<void(const model::Refusal&)> report();

    model::PortfolioModel& m_portfolio;
    PositionsTableModel* m_rows = nullptr;
    QTableView* m_table = nullptr;
    QUndoStack* m_undo = nullptr;
    QComboBox* m_newSymbol = nullptr;
    QComboBox* m_newSide = nullptr;
    NumberField* m_wallet = nullptr;
    NumberField* m_horizon = nullptr;
    ValueTable* m_account = nullptr;
    QProgressBar* m_gauge = nullptr;
    QSlider* m_shock = nullptr;
    QLabel* m_shockLabel = nullptr;
    QTableWidget* m_compare = nullptr;
    QListWidget* m_log = nullptr;
    QDoubleSpinBox* m_transfer = nullptr;
    QLabel* m_preview = nullptr;
    QSplitter* m_panes = nullptr;
    bool m_panesMoved = false;  ///< once the user drags a divider, the panes keep their widths
    QCheckBox* m_showLevels = nullptr;
};

}  // namespace levlab::ui
