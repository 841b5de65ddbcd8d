#pragma once

#include <QAbstractTableModel>

namespace levlab::model {
class PortfolioModel;
struct Refusal;
}  // namespace levlab::model

namespace levlab::ui {

/// The portfolio's positions as table rows. Side, size, entry, leverage, mode,
/// margin and maintenance rate are editable; each edit is one model call, and a
/// refused edit leaves the row as it was and reports why.
class PositionsTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Symbol, Side, Size, Entry, Leverage, Mode, Margin, Mark, Pnl, Liquidation, Distance, ColumnCount };

    explicit PositionsTableModel(model::PortfolioModel& portfolio, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

signals:
    void refused(const levlab::model::Refusal& refusal);

private:
    void onChanged();
    void onMarksChanged();

    model::PortfolioModel& m_portfolio;
    int m_rows = 0;
};

}  // namespace levlab::ui
