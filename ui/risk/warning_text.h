#pragma once

#include <QStaticText>
#include <QString>
#include <QWidget>

namespace levlab::ui {

/// Word-wrapped text on its own background: the risk panel's warnings.
///
/// Unlike a word-wrapped QLabel, a new text asks for a new layout only when the
/// height it needs changes. A QLabel asks the whole window to lay itself out again
/// for every new text, and warnings that quote prices change with every readout.
class WarningText final : public QWidget {
    Q_OBJECT
public:
    explicit WarningText(QWidget* parent = nullptr);

    [[nodiscard]] const QString& text() const { return m_text; }
    void setText(const QString& text);

    [[nodiscard]] bool hasHeightForWidth() const override { return true; }
    [[nodiscard]] int heightForWidth(int width) const override;
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    /// Lays the text out for `width` (once per text, font and width) and returns its height.
    int layOut(int width) const;

    QString m_text;
    mutable QStaticText m_layout;  ///< the text laid out at m_laidOutWidth: painted without laying out again
    mutable int m_laidOutWidth = -1;
};

}  // namespace levlab::ui
