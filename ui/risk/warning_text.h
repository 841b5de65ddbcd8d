#pragma once

#include <QStaticText>
#include <QString>
#include <QWidget>

#include <array>
#include <cstddef>
#include <utility>

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
    /// Keeps room for at least `lines` lines, so a short text that comes and goes
    /// never moves what lies below it.
    void setReservedLines(int lines);

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
    /// Forgets every height and layout: the text or the font changed.
    void forgetLayouts();

    QString m_text;
    int m_reservedLines = 0;
    mutable QStaticText m_layout;  ///< the text laid out at m_laidOutWidth: painted without laying out again
    mutable int m_laidOutWidth = -1;
    /// Heights already worked out for this text, by width. A layout pass asks at
    /// several widths (with and without the scroll bar, the least and the given
    /// width), several times over; each new width costs a text layout.
    mutable std::array<std::pair<int, int>, 6> m_heights{};
    mutable std::size_t m_nextHeight = 0;
};

}  // namespace levlab::ui
