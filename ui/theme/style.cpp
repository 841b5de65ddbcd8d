#include "ui/theme/style.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QStyleFactory>
#include <QStyleOption>
#include <QToolTip>

#include <utility>

namespace levlab::ui {

namespace {

constexpr int kButtonPaddingX = 9;
constexpr int kButtonMinWidth = 34;
constexpr double kRadius = 3.0;
constexpr double kFocusWidth = 2.0;

}  // namespace

Style::Style() : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion")))
{
    setObjectName(QStringLiteral("levlab"));
}

Style* Style::apply(const Theme& theme)
{
    auto* style = qobject_cast<Style*>(QApplication::style());
    if (style == nullptr) {
        style = new Style;  // QApplication takes ownership
        QApplication::setStyle(style);
    }
    style->setTheme(theme);
    const QPalette palette = theme.palette();
    QApplication::setPalette(palette);
    QToolTip::setPalette(palette);
    return style;
}

void Style::drawComplexControl(ComplexControl control, const QStyleOptionComplex* option, QPainter* painter,
                               const QWidget* widget) const
{
    if (control == CC_ScrollBar) {
        if (const auto* bar = qstyleoption_cast<const QStyleOptionSlider*>(option)) {
            drawScrollBar(bar, painter, widget);
            return;
        }
    }
    QProxyStyle::drawComplexControl(control, option, painter, widget);
}

void Style::drawScrollBar(const QStyleOptionSlider* option, QPainter* painter, const QWidget* widget) const
{
    // Solid fills only: the raster engine fills them directly, where a gradient is
    // blended span by span (and split across threads for a tall bar).
    const bool enabled = option->state & State_Enabled;
    painter->fillRect(option->rect, m_theme.background);
    const QRect slider = subControlRect(CC_ScrollBar, option, SC_ScrollBarSlider, widget);
    if (enabled && slider.isValid() && option->maximum > option->minimum) {
        const bool active = option->activeSubControls & SC_ScrollBarSlider;
        const QColor handle = active && (option->state & (State_MouseOver | State_Sunken)) ? m_theme.mutedText : m_theme.border;
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->setPen(Qt::NoPen);
        painter->setBrush(handle);
        const bool vertical = option->orientation == Qt::Vertical;
        painter->drawRoundedRect(QRectF(slider).adjusted(vertical ? 2 : 1, vertical ? 1 : 2, vertical ? -2 : -1, vertical ? -1 : -2),
                                 kRadius, kRadius);
        painter->restore();
    }
    // The step arrows, where the base style has them.
    for (const auto& [part, arrow] : {std::pair{SC_ScrollBarSubLine, option->orientation == Qt::Vertical ? PE_IndicatorArrowUp : PE_IndicatorArrowLeft},
                                     std::pair{SC_ScrollBarAddLine, option->orientation == Qt::Vertical ? PE_IndicatorArrowDown : PE_IndicatorArrowRight}}) {
        const QRect r = subControlRect(CC_ScrollBar, option, part, widget);
        if (!r.isValid() || r.isEmpty())
            continue;
        QStyleOption arrowOption(*option);
        arrowOption.rect = r.adjusted(2, 2, -2, -2);
        if (!(option->state & State_Enabled) || option->maximum == option->minimum)
            arrowOption.state &= ~State_Enabled;
        drawPrimitive(arrow, &arrowOption, painter, widget);
    }
}

void Style::drawPrimitive(PrimitiveElement element, const QStyleOption* option, QPainter* painter, const QWidget* widget) const
{
    switch (element) {
    case PE_PanelButtonCommand:
        if (qstyleoption_cast<const QStyleOptionButton*>(option) != nullptr) {
            drawButtonPanel(option, painter);
            return;
        }
        break;
    case PE_FrameFocusRect: {
        // A solid ring, not Fusion's faint tint, and for mouse focus too.
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->setPen(QPen(m_theme.focus, kFocusWidth));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(option->rect).adjusted(1, 1, -1, -1), kRadius, kRadius);
        painter->restore();
        return;
    }
    case PE_IndicatorCheckBox: drawIndicator(false, option, painter); return;
    case PE_IndicatorRadioButton: drawIndicator(true, option, painter); return;
    default: break;
    }
    QProxyStyle::drawPrimitive(element, option, painter, widget);
}

void Style::drawButtonPanel(const QStyleOption* option, QPainter* painter) const
{
    const bool enabled = option->state & State_Enabled;
    const bool checked = option->state & State_On;
    const bool down = option->state & State_Sunken;
    const bool hover = enabled && (option->state & State_MouseOver);
    const bool focus = option->state & State_HasFocus;
    QColor fill = checked ? m_theme.accent : m_theme.button;
    if (down)
        fill = m_theme.dark ? fill.lighter(125) : fill.darker(112);
    else if (hover)
        fill = m_theme.dark ? fill.lighter(115) : fill.darker(105);
    if (!enabled)
        fill = m_theme.dark ? m_theme.background.lighter(120) : m_theme.button;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QRectF r = QRectF(option->rect).adjusted(0.5, 0.5, -0.5, -0.5);
    painter->setBrush(fill);
    painter->setPen(QPen(checked ? m_theme.accent.lighter(m_theme.dark ? 140 : 100) : m_theme.border, 1.0));
    painter->drawRoundedRect(r, kRadius, kRadius);
    if (focus) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(checked ? m_theme.accentText : m_theme.focus, kFocusWidth));
        painter->drawRoundedRect(r.adjusted(1.5, 1.5, -1.5, -1.5), kRadius, kRadius);
    }
    painter->restore();
}

void Style::drawIndicator(bool radio, const QStyleOption* option, QPainter* painter) const
{
    const bool enabled = option->state & State_Enabled;
    const bool on = option->state & State_On;
    const bool partial = option->state & State_NoChange;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    QRectF r = QRectF(option->rect).adjusted(1, 1, -1, -1);
    const bool focus = enabled && (option->state & State_HasFocus);
    if (focus) {
        // Focus shows as a ring around the box, ticked or not, with a gap of the field's
        // colour between ring and box so it reads on a filled box too.
        painter->setBrush(m_theme.inputBackground);
        painter->setPen(QPen(m_theme.focus, kFocusWidth));
        if (radio)
            painter->drawEllipse(r);
        else
            painter->drawRoundedRect(r, 3, 3);
        r = r.adjusted(3, 3, -3, -3);
    }
    const QColor border = enabled ? (focus ? m_theme.focus : m_theme.border) : m_theme.mutedText;
    const bool filled = (on || partial) && !radio;
    painter->setBrush(filled ? (enabled ? m_theme.accent : m_theme.mutedText) : m_theme.inputBackground);
    painter->setPen(QPen(filled ? painter->brush().color() : border, 1.5));
    if (radio)
        painter->drawEllipse(r);
    else
        painter->drawRoundedRect(r, 2, 2);
    if (radio && on) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(enabled ? m_theme.accent : m_theme.mutedText);
        const double inset = r.width() * 0.27;
        painter->drawEllipse(r.adjusted(inset, inset, -inset, -inset));
    } else if (!radio && on) {
        painter->setPen(QPen(m_theme.accentText, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        QPainterPath tick;
        tick.moveTo(r.left() + r.width() * 0.22, r.top() + r.height() * 0.52);
        tick.lineTo(r.left() + r.width() * 0.43, r.top() + r.height() * 0.72);
        tick.lineTo(r.left() + r.width() * 0.78, r.top() + r.height() * 0.28);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(tick);
    } else if (partial) {
        painter->setPen(QPen(m_theme.accentText, 2.0, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(QPointF(r.left() + r.width() * 0.25, r.center().y()), QPointF(r.right() - r.width() * 0.25, r.center().y()));
    }
    painter->restore();
}

void Style::drawControl(ControlElement element, const QStyleOption* option, QPainter* painter, const QWidget* widget) const
{
    if (element == CE_PushButtonLabel && (option->state & State_On)) {
        if (const auto* button = qstyleoption_cast<const QStyleOptionButton*>(option)) {
            QStyleOptionButton copy(*button);
            copy.palette.setColor(QPalette::ButtonText, m_theme.accentText);
            QProxyStyle::drawControl(element, &copy, painter, widget);
            return;
        }
    }
    QProxyStyle::drawControl(element, option, painter, widget);
}

QSize Style::sizeFromContents(ContentsType type, const QStyleOption* option, const QSize& size, const QWidget* widget) const
{
    QSize s = QProxyStyle::sizeFromContents(type, option, size, widget);
    if (type == CT_PushButton)
        s.setWidth(std::max(kButtonMinWidth, size.width() + 2 * kButtonPaddingX));
    return s;
}

}  // namespace levlab::ui
