#include "ui/theme/theme.h"

namespace levlab::ui {

Theme Theme::darkTheme()
{
    Theme t;
    t.dark = true;
    t.background = QColor(0x16, 0x1a, 0x21);
    t.plotBackground = QColor(0x11, 0x14, 0x1a);
    t.grid = QColor(0x2a, 0x30, 0x3a);
    t.text = QColor(0xe6, 0xea, 0xf0);
    t.mutedText = QColor(0x9a, 0xa4, 0xb2);
    t.candleUp = QColor(0x26, 0xa6, 0x9a);
    t.candleDown = QColor(0xef, 0x53, 0x50);
    t.entry = QColor(0x4d, 0x9b, 0xff);
    t.liquidation = QColor(0xff, 0x9f, 0x1a);
    t.bankruptcy = QColor(0xc0, 0x6b, 0xff);
    t.stopLoss = QColor(0xff, 0x4d, 0x5e);
    t.takeProfit = QColor(0x3d, 0xd6, 0x8c);
    t.mark = QColor(0xf5, 0xd7, 0x6e);
    t.last = QColor(0xb0, 0xb8, 0xc4);
    t.warningBackground = QColor(0x4a, 0x33, 0x0c);
    t.warningText = QColor(0xff, 0xd5, 0x8a);
    t.labelText = QColor(0x10, 0x12, 0x16);
    return t;
}

Theme Theme::lightTheme()
{
    Theme t;
    t.dark = false;
    t.background = QColor(0xf6, 0xf7, 0xf9);
    t.plotBackground = QColor(0xff, 0xff, 0xff);
    t.grid = QColor(0xe3, 0xe6, 0xeb);
    t.text = QColor(0x1b, 0x1f, 0x26);
    t.mutedText = QColor(0x5d, 0x67, 0x75);
    t.candleUp = QColor(0x0f, 0x8a, 0x7e);
    t.candleDown = QColor(0xd3, 0x2f, 0x2f);
    t.entry = QColor(0x1f, 0x6f, 0xeb);
    t.liquidation = QColor(0xd9, 0x7a, 0x00);
    t.bankruptcy = QColor(0x8e, 0x3f, 0xd6);
    t.stopLoss = QColor(0xd6, 0x1f, 0x35);
    t.takeProfit = QColor(0x12, 0x94, 0x52);
    t.mark = QColor(0xa6, 0x7c, 0x00);
    t.last = QColor(0x55, 0x5f, 0x6d);
    t.warningBackground = QColor(0xff, 0xf1, 0xd6);
    t.warningText = QColor(0x6b, 0x45, 0x00);
    t.labelText = QColor(0xff, 0xff, 0xff);
    return t;
}

Theme Theme::forPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? darkTheme() : lightTheme();
}

QPalette Theme::palette() const
{
    QPalette p;
    p.setColor(QPalette::Window, background);
    p.setColor(QPalette::WindowText, text);
    // Inputs (and radio and check indicators) a step lighter than the window in the dark theme.
    p.setColor(QPalette::Base, dark ? QColor(0x23, 0x29, 0x33) : plotBackground);
    p.setColor(QPalette::AlternateBase, background);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, dark ? QColor(0x24, 0x2a, 0x33) : QColor(0xe9, 0xec, 0xf0));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, entry);
    p.setColor(QPalette::HighlightedText, QColor(Qt::white));
    p.setColor(QPalette::ToolTipBase, plotBackground);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, mutedText);
    p.setColor(QPalette::Link, entry);
    p.setColor(QPalette::LinkVisited, entry);
    p.setColor(QPalette::Disabled, QPalette::Text, mutedText);
    p.setColor(QPalette::Disabled, QPalette::WindowText, mutedText);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, mutedText);
    return p;
}

}  // namespace levlab::ui
