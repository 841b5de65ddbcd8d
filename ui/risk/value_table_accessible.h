#pragma once

#include <QAccessibleWidget>

#include <vector>

namespace levlab::ui {

class ValueTable;

/// What assistive technology sees of a ValueTable: a list whose items are the
/// rows, each named by its label, with the formatted value as its value and
/// description (screen readers on Linux read the description through AT-SPI).
class ValueTableAccessible final : public QAccessibleWidget {
public:
    explicit ValueTableAccessible(ValueTable* table);
    ~ValueTableAccessible() override;

    /// Makes QAccessible::queryAccessibleInterface answer for every ValueTable.
    static void installFactory();

    int childCount() const override;
    QAccessibleInterface* child(int index) const override;
    int indexOfChild(const QAccessibleInterface* child) const override;
    QAccessibleInterface* childAt(int x, int y) const override;

    [[nodiscard]] ValueTable* table() const;

private:
    mutable std::vector<QAccessible::Id> m_rows;  ///< registered row interfaces, created on demand
};

}  // namespace levlab::ui
