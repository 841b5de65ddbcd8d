#pragma once

#include <QStyledItemDelegate>

#include <functional>

namespace levlab::ui {

/// The positions table's cells: editors that refuse impossible values before
/// the model sees them, and a plain painter (the style's item layout, with its
/// elision and size hints, costs several times the text itself, and the table
/// repaints as prices move).
class PositionsDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    static constexpr int kCellPadding = 4;  ///< text inset from a cell's edges, in pixels
    /// `record(row, column, apply)` runs the edit and puts it on the undo history.
    using Recorder = std::function<void(int row, int column, const std::function<void()>& apply)>;
    PositionsDelegate(Recorder record, QObject* parent);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

private:
    Recorder m_record;
};

}  // namespace levlab::ui
