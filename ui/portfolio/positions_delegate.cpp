#include "ui/portfolio/positions_delegate.h"

#include "core/engine/margin/position.h"
#include "ui/portfolio/positions_table_model.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QPainter>

#include <utility>

namespace levlab::ui {

using Column = PositionsTableModel::Column;

PositionsDelegate::PositionsDelegate(Recorder record, QObject* parent) : QStyledItemDelegate(parent), m_record(std::move(record)) {}

void PositionsDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const bool selected = option.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(option.rect, option.palette.highlight());
    painter->setPen(selected ? option.palette.highlightedText().color() : option.palette.text().color());
    const int align = index.data(Qt::TextAlignmentRole).toInt();
    painter->drawText(option.rect.adjusted(kCellPadding, 0, -kCellPadding, 0), align | Qt::TextSingleLine,
                      index.data(Qt::DisplayRole).toString());
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(option.palette.highlight().color());
        painter->drawRect(option.rect.adjusted(0, 0, -1, -1));
    }
}

QWidget* PositionsDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    switch (index.column()) {
    case Column::Side: {
        auto* box = new QComboBox(parent);
        box->addItem(tr("Long"), QStringLiteral("long"));
        box->addItem(tr("Short"), QStringLiteral("short"));
        return box;
    }
    case Column::Mode: {
        auto* box = new QComboBox(parent);
        box->addItem(tr("Cross"), static_cast<int>(engine::MarginMode::Cross));
        box->addItem(tr("Isolated"), static_cast<int>(engine::MarginMode::Isolated));
        box->addItem(tr("Strict"), static_cast<int>(engine::MarginMode::StrictIsolated));
        return box;
    }
    case Column::Size:
    case Column::Entry:
    case Column::Leverage:
    case Column::Margin: {
        auto* spin = new QDoubleSpinBox(parent);
        spin->setDecimals(index.column() == Column::Leverage ? 2 : 4);
        spin->setRange(index.column() == Column::Leverage ? 1.0 : 0.0001, 1e12);
        return spin;
    }
    default: return QStyledItemDelegate::createEditor(parent, option, index);
    }
}

void PositionsDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    const QVariant v = index.data(Qt::EditRole);
    if (auto* box = qobject_cast<QComboBox*>(editor))
        box->setCurrentIndex(box->findData(v));
    else if (auto* spin = qobject_cast<QDoubleSpinBox*>(editor))
        spin->setValue(v.toDouble());
}

void PositionsDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    QVariant value;
    if (auto* box = qobject_cast<QComboBox*>(editor))
        value = box->currentData();
    else if (auto* spin = qobject_cast<QDoubleSpinBox*>(editor))
        value = spin->value();
    else
        return;
    m_record(index.row(), index.column(), [&] { model->setData(index, value, Qt::EditRole); });
}

}  // namespace levlab::ui
