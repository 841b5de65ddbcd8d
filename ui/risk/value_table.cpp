#include "ui/risk/value_table.h"

#include "ui/risk/value_table_accessible.h"

#include <QAccessible>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace levlab::ui {

namespace {

constexpr int kRowPadding = 4;
constexpr int kMinValueWidth = 230;
constexpr int kNameGap = 8;  ///< the least space between a name and its value

}  // namespace

ValueTable::ValueTable(QWidget* parent) : QWidget(parent), m_minValueWidth(kMinValueWidth)
{
    ValueTableAccessible::installFactory();
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

int ValueTable::addRow(const QString& name, const QString& toolTip)
{
    Row r{name, QString(), toolTip, QStaticText(name), QStaticText()};
    r.nameText.setTextFormat(Qt::PlainText);
    r.valueText.setTextFormat(Qt::PlainText);
    r.nameText.prepare(QTransform(), font());
    m_rows.push_back(std::move(r));
    updateGeometry();
    return static_cast<int>(m_rows.size()) - 1;
}

void ValueTable::clear()
{
    if (m_rows.empty())
        return;
    m_rows.clear();
    updateGeometry();
    update();
}

void ValueTable::setValue(int row, const QString& value)
{
    Row& r = m_rows[static_cast<std::size_t>(row)];
    if (r.value == value)
        return;
    // Only the value's own area is repainted (the old one and the new one): the
    // name beside it does not change, and its glyphs cost as much as the value's.
    const double before = r.valueText.size().width();
    r.value = value;
    r.valueText.setText(value);
    r.valueText.prepare(QTransform(), font());
    const int room = width() - static_cast<int>(r.nameText.size().width()) - kNameGap;
    const int wide = std::min(room, static_cast<int>(std::ceil(std::max(before, r.valueText.size().width()))) + 1);
    const QRect line = rowRect(row);
    update(wide < room ? line.adjusted(line.width() - wide, 0, 0, 0) : line);
    if (QAccessible::isActive()) {
        if (QAccessibleInterface* table = QAccessible::queryAccessibleInterface(this)) {
            QAccessibleEvent changed(table->child(row), QAccessible::DescriptionChanged);
            QAccessible::updateAccessibility(&changed);
        }
    }
}

void ValueTable::setMinimumValueWidth(int px)
{
    m_minValueWidth = px;
    updateGeometry();
}

int ValueTable::rowHeight() const
{
    return fontMetrics().height() + kRowPadding;
}

QSize ValueTable::sizeHint() const
{
    int nameWidth = 0;
    for (const Row& r : m_rows)
        nameWidth = std::max(nameWidth, fontMetrics().horizontalAdvance(r.name));
    return {nameWidth + m_minValueWidth, rowHeight() * static_cast<int>(m_rows.size())};
}

void ValueTable::paintEvent(QPaintEvent* event)
{
    QPainter p(this);
    const int h = rowHeight();
    const QColor muted = palette().color(QPalette::Disabled, QPalette::WindowText);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const QRect row(0, static_cast<int>(i) * h, width(), h);
        if (!event->region().intersects(row))
            continue;
        const Row& r = m_rows[i];
        const double y = row.top() + (h - r.nameText.size().height()) / 2.0;
        if (event->region().intersects(QRect(0, row.top(), static_cast<int>(std::ceil(r.nameText.size().width())), h))) {
            p.setPen(muted);
            p.drawStaticText(QPointF(0, y), r.nameText);
        }
        p.setPen(palette().color(QPalette::WindowText));
        // A value wider than the room beside its name is cut short with "…", never drawn over the name.
        const double room = width() - r.nameText.size().width() - kNameGap;
        if (r.valueText.size().width() <= room) {
            p.drawStaticText(QPointF(row.right() - r.valueText.size().width(), y), r.valueText);
        } else {
            const QString shown = fontMetrics().elidedText(r.value, Qt::ElideRight, std::max(0, static_cast<int>(room)));
            p.drawText(row.adjusted(static_cast<int>(width() - room), 0, 0, 0), Qt::AlignRight | Qt::AlignVCenter, shown);
        }
    }
}

bool ValueTable::event(QEvent* event)
{
    if (event->type() == QEvent::FontChange) {
        for (Row& r : m_rows) {
            r.nameText.prepare(QTransform(), font());
            r.valueText.prepare(QTransform(), font());
        }
    }
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int row = help->pos().y() / rowHeight();
        QString tip;
        if (row >= 0 && row < rowCount()) {
            const Row& r = m_rows[static_cast<std::size_t>(row)];
            tip = r.toolTip;
            // A value cut short shows whole in its tooltip.
            if (r.valueText.size().width() > width() - r.nameText.size().width() - kNameGap)
                tip = tip.isEmpty() ? r.value : r.value + QLatin1Char('\n') + tip;
        }
        if (!tip.isEmpty())
            QToolTip::showText(help->globalPos(), tip, this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

}  // namespace levlab::ui
