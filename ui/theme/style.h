#pragma once

#include "ui/theme/theme.h"

#include <QProxyStyle>
#include <QStyleOptionSlider>

namespace levlab::ui {

/// Fusion, drawn from the theme's palette, with the parts Fusion leaves faint
/// made plain: buttons with an outline (checked segments filled with the
/// accent), check boxes and radio buttons with a visible border, and a solid
/// focus ring on whatever has the keyboard focus. Buttons take the width of
/// their text rather than Fusion's 80-pixel minimum, so chips and segments sit
/// in a narrow column. Scroll bars are flat: a solid handle in the outline
/// colour on the window colour (Fusion's gradients cost a tall bar several
/// milliseconds to repaint, and a scroll range changes as warnings come and go).
class Style final : public QProxyStyle {
    Q_OBJECT
public:
    Style();

    void setTheme(const Theme& theme) { m_theme = theme; }
    [[nodiscard]] const Theme& theme() const { return m_theme; }

    /// The application's style, installed on first use, with the theme's palette
    /// applied to every widget, menu, dialog and tooltip.
    static Style* apply(const Theme& theme);

    void drawPrimitive(PrimitiveElement element, const QStyleOption* option, QPainter* painter,
                       const QWidget* widget = nullptr) const override;
    void drawControl(ControlElement element, const QStyleOption* option, QPainter* painter,
                     const QWidget* widget = nullptr) const override;
    void drawComplexControl(ComplexControl control, const QStyleOptionComplex* option, QPainter* painter,
                            const QWidget* widget = nullptr) const override;
    QSize sizeFromContents(ContentsType type, const QStyleOption* option, const QSize& size,
                           const QWidget* widget) const override;

private:
    void drawButtonPanel(const QStyleOption* option, QPainter* painter) const;
    void drawIndicator(bool radio, const QStyleOption* option, QPainter* painter) const;
    void drawScrollBar(const QStyleOptionSlider* option, QPainter* painter, const QWidget* widget) const;

    Theme m_theme = Theme::darkTheme();
};

}  // namespace levlab::ui
