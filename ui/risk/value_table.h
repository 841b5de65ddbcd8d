#pragma once

#include <QStaticText>
#include <QString>
#include <QWidget>

#include <vector>

namespace levlab::ui {

/// Rows of "name … value", painted in one pass. Changing a value repaints the
/// table without relaying out the window, which keeps a slider step or a
/// market frame from reflowing the side panel.
class ValueTable final : public QWidget {
    Q_OBJECT
public:
    explicit ValueTable(QWidget* parent = nullptr);

    /// Adds a row and returns its index.
    int addRow(const QString& name, const QString& toolTip = {});
    void setValue(int row, const QString& value);
    [[nodiscard]] const QString& value(int row) const { return m_rows[static_cast<std::size_t>(row)].value; }
    [[nodiscard]] int rowCount() const { return static_cast<int>(m_rows.size()); }

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
};

}  // namespace levlab::ui
