#pragma once

#include <QColor>
#include <QPalette>
#include <QPen>

namespace levlab::ui {

/// Every colour, pen and padding the views use, in one place. Lines differ by
/// dash pattern and label as well as hue, so colour is never the only cue.
/// Text colours meet WCAG AA (4.5:1) on the backgrounds they are drawn on.
struct Theme final {
    bool dark = true;
    QColor background;
    QColor plotBackground;
    QColor inputBackground;  ///< fields, lists, radio and check indicators
    QColor button;
    QColor border;           ///< outlines of buttons and indicators (3:1 on the window)
    QColor grid;
    QColor text;
    QColor mutedText;
    QColor accent;           ///< checked segments, selections
    QColor accentText;       ///< text on the accent
    QColor focus;            ///< the keyboard focus ring
    QColor link;
    QColor candleUp;
    QColor candleDown;
    QColor entry;
    QColor liquidation;
    QColor bankruptcy;
    QColor stopLoss;
    QColor takeProfit;
    QColor mark;
    QColor last;
    QColor warningBackground;
    QColor warningText;
    QColor labelText;  ///< text on a coloured level tag

    static constexpr int kLabelPadding = 4;
    static constexpr int kLineWidth = 2;
    static constexpr int kGrabTolerancePx = 6;
    static constexpr int kMinCandlePx = 4;  ///< zoomed out, candles aggregate so none is thinner
    static constexpr double kReadoutHz = 10.0;  ///< market-driven updates of the text readouts

    static Theme darkTheme();
    static Theme lightTheme();
    /// Dark or light to match the palette the system gives the application.
    static Theme forPalette(const QPalette& palette);

    /// The palette that goes with the theme, for every widget, menu, dialog and tooltip.
    [[nodiscard]] QPalette palette() const;
};

}  // namespace levlab::ui
