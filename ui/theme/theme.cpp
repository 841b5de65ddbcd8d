#include "ui/theme/theme.h"

namespace levlab::ui {

Theme Theme::darkTheme()
{
    Theme t;
    t.dark = true;
    t.background = QColor(0x16, 0x1a, 0x21);
    t.plotBackground = QColor(0x11, 0x14, 0x1a);
    t.inputBackground = QColor(0x23, 0x29, 0x33);
    t.button = QColor(0x2a, 0x31, 0x3c);
    t.border = QColor(0x6e, 0x79, 0x89);
    t.grid = QColor(0x2a, 0x30, 0x3a);
    t.text = QColor(0xe6, 0xea, 0xf0);
    t.mutedText = QColor(0x9a, 0xa4, 0xb2);
    t.accent = QColor(0x25, 0x63, 0xc9);
    t.accentText = QColor(Qt::white);
    t.focus = QColor(0x6c, 0xb0, 0xff);
    t.link = QColor(0x6c, 0xb0, 0xff);
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
    t.inputBackground = QColor(0xff, 0xff, 0xff);
    t.button = QColor(0xe6, 0xe9, 0xee);
    t.border = QColor(0x7a, 0x84, 0x93);
    t.grid = QColor(0xe3, 0xe6, 0xeb);
    t.text = QColor(0x1b, 0x1f, 0x26);
    t.mutedText = QColor(0x5d, 0x67, 0x75);
    t.accent = QColor(0x1a, 0x5f, 0xd0);
    t.accentText = QColor(Qt::white);
    t.focus = QColor(0x1a, 0x5f, 0xd0);
    t.link = QColor(0x1a, 0x5f, 0xd0);
    t.candleUp = QColor(0x0f, 0x8a, 0x7e);
    t.candleDown = QColor(0xd3, 0x2f, 0x2f);
    // Level colours carry white tag text: each is dark enough for 4.5:1.
    t.entry = QColor(0x1f, 0x6f, 0xeb);
    t.liquidation = QColor(0xa8, 0x55, 0x00);
    t.bankruptcy = QColor(0x8e, 0x3f, 0xd6);
    t.stopLoss = QColor(0xd6, 0x1f, 0x35);
    t.takeProfit = QColor(0x0d, 0x7a, 0x43);
    t.mark = QColor(0x8a, 0x65, 0x00);
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
    for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        p.setColor(g, QPalette::Window, background);
        p.setColor(g, QPalette::WindowText, text);
        p.setColor(g, QPalette::Base, inputBackground);
        p.setColor(g, QPalette::AlternateBase, dark ? background.lighter(115) : background.darker(103));
        p.setColor(g, QPalette::Text, text);
        p.setColor(g, QPalette::Button, button);
        p.setColor(g, QPalette::ButtonText, text);
        p.setColor(g, QPalette::BrightText, dark ? QColor(Qt::white) : QColor(Qt::black));
        // Bevels: Fusion draws frames and handles from these.
        p.setColor(g, QPalette::Light, button.lighter(dark ? 130 : 110));
        p.setColor(g, QPalette::Midlight, button.lighter(dark ? 115 : 105));
        p.setColor(g, QPalette::Mid, border);
        p.setColor(g, QPalette::Dark, dark ? background.darker(140) : button.darker(140));
        p.setColor(g, QPalette::Shadow, dark ? QColor(0x05, 0x06, 0x08) : QColor(0x90, 0x96, 0xa0));
        p.setColor(g, QPalette::Highlight, accent);
        p.setColor(g, QPalette::HighlightedText, accentText);
        p.setColor(g, QPalette::ToolTipBase, inputBackground);
        p.setColor(g, QPalette::ToolTipText, text);
        p.setColor(g, QPalette::PlaceholderText, mutedText);
        p.setColor(g, QPalette::Link, link);
        p.setColor(g, QPalette::LinkVisited, link);
    }
    // Disabled text stays readable (4.5:1): muted, not faded out.
    for (QPalette::ColorRole r : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, r, mutedText);
    p.setColor(QPalette::Disabled, QPalette::Base, background);
    p.setColor(QPalette::Disabled, QPalette::Highlight, dark ? button.lighter(130) : button.darker(115));
    p.setColor(QPalette::Disabled, QPalette::HighlightedText, text);
    return p;
}

}  // namespace levlab::ui
