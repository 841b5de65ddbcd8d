#pragma once

#include <QStaticText>
#include <QString>
#include <QWidget>

#include <vector>

namespace levlab::ui {

/// Rows of "name … value", painted in one pass. Changing a value repaints the
/// table without relaying out the window, which keeps a slider step or a
/// market frame from reflowing the side panel. Assistive technology sees each
/// row as an item named by its label, with the value as its description
/// (ValueTableAccessible).
class ValueTable final : public QWidget {
    Q_OBJECT
public:
    explicit ValueTable(QWidget* parent = nullptr);

    /// Adds a row and returns its index.
    int addRow(const QString& name, const QString& toolTip = {});
    void setValue(int row, const QString& value);
    /// Drops every row (a list whose rows come and go: the exit plan's steps).
    void clear();
    [[nodiscard]] const QString& value(int row) const { return m_rows[static_cast<std::size_t>(row)].value; }
    [[nodiscard]] const QString& name(int row) const { return m_rows[static_cast<std::size_t>(row)].name; }
    [[nodiscard]] const QString& toolTip(int row) const { return m_rows[static_cast<std::size_t>(row)].toolTip; }
    [[nodiscard]] int rowCount() const { return static_cast<int>(m_rows.size()); }
    [[nodiscard]] QRect rowRect(int row) const { return {0, row * rowHeight(), width(), rowHeight()}; }
    /// The room kept for values beside the widest name.
    void setMinimumValueWidth(int px);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Row {
        QString name;
        QString value;
        QString toolTip;
        QStaticText nameText;   ///< laid out once, drawn many times
        QStaticText valueText;
    };
    [[nodiscard]] int rowHeight() const;

    std::vector<Row> m_rows;
    int m_minValueWidth = 0;
};

}  // namespace levlab::ui
