#include "ui/risk/value_table_accessible.h"

#include "ui/risk/value_table.h"

#include <mutex>

namespace levlab::ui {

namespace {

/// One row: its label is the name, its formatted value the value and description.
class RowAccessible final : public QAccessibleInterface {
public:
    RowAccessible(ValueTableAccessible* table, int row) : m_table(table), m_row(row) {}

    bool isValid() const override { return m_table->isValid() && m_row < m_table->table()->rowCount(); }
    QObject* object() const override { return nullptr; }
    QWindow* window() const override { return m_table->window(); }
    QAccessibleInterface* childAt(int, int) const override { return nullptr; }
    QAccessibleInterface* parent() const override { return m_table; }
    QAccessibleInterface* child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface*) const override { return -1; }
    QString text(QAccessible::Text t) const override
    {
        if (!isValid())
            return {};
        const ValueTable* table = m_table->table();
        switch (t) {
        case QAccessible::Name: return table->name(m_row);
        case QAccessible::Value:
        case QAccessible::Description: return table->value(m_row);
        case QAccessible::Help: return table->toolTip(m_row);
        default: return {};
        }
    }
    void setText(QAccessible::Text, const QString&) override {}
    QRect rect() const override
    {
        if (!isValid())
            return {};
        const ValueTable* table = m_table->table();
        const QRect local = table->rowRect(m_row);
        return {table->mapToGlobal(local.topLeft()), local.size()};
    }
    QAccessible::Role role() const override { return QAccessible::ListItem; }
    QAccessible::State state() const override
    {
        QAccessible::State s;
        s.readOnly = true;
        s.invisible = !m_table->table()->isVisible();
        return s;
    }

private:
    ValueTableAccessible* m_table;
    int m_row;
};

QAccessibleInterface* factory(const QString& className, QObject* object)
{
    if (className == QLatin1String(ValueTable::staticMetaObject.className()) && object != nullptr && object->isWidgetType())
        return new ValueTableAccessible(static_cast<ValueTable*>(object));
    return nullptr;
}

}  // namespace

ValueTableAccessible::ValueTableAccessible(ValueTable* table) : QAccessibleWidget(table, QAccessible::List) {}

ValueTableAccessible::~ValueTableAccessible()
{
    for (QAccessible::Id id : m_rows) {
        if (id != 0)
            QAccessible::deleteAccessibleInterface(id);
    }
}

void ValueTableAccessible::installFactory()
{
    static std::once_flag once;
    std::call_once(once, [] { QAccessible::installFactory(factory); });
}

ValueTable* ValueTableAccessible::table() const
{
    return static_cast<ValueTable*>(widget());
}

int ValueTableAccessible::childCount() const
{
    return table()->rowCount();
}

QAccessibleInterface* ValueTableAccessible::child(int index) const
{
    if (index < 0 || index >= childCount())
        return nullptr;
    if (m_rows.size() < static_cast<std::size_t>(childCount()))
        m_rows.resize(static_cast<std::size_t>(childCount()), 0);
    QAccessible::Id& id = m_rows[static_cast<std::size_t>(index)];
    if (id == 0)
        id = QAccessible::registerAccessibleInterface(new RowAccessible(const_cast<ValueTableAccessible*>(this), index));
    return QAccessible::accessibleInterface(id);
}

int ValueTableAccessible::indexOfChild(const QAccessibleInterface* child) const
{
    for (int i = 0; i < static_cast<int>(m_rows.size()); ++i) {
        if (m_rows[static_cast<std::size_t>(i)] != 0 && QAccessible::accessibleInterface(m_rows[static_cast<std::size_t>(i)]) == child)
            return i;
    }
    return -1;
}

QAccessibleInterface* ValueTableAccessible::childAt(int x, int y) const
{
    const QPoint local = table()->mapFromGlobal(QPoint(x, y));
    for (int i = 0; i < childCount(); ++i) {
        if (table()->rowRect(i).contains(local))
            return child(i);
    }
    return nullptr;
}

}  // namespace levlab::ui
