#include "ui/lessons/option_button.h"

#include <QPainter>
#include <QStyleOptionButton>
#include <QStylePainter>

namespace levlab::ui {

namespace {

constexpr int kPad = 4;          ///< around the text, room for the focus frame
constexpr int kFocusWidth = 2;
constexpr int kHintChars = 28;   ///< the preferred width in characters; the layout gives more

}  // namespace

OptionButton::OptionButton(const QString& text, QWidget* parent) : QRadioButton(text, parent)
{
    setFocusPolicy(Qt::StrongFocus);
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

int OptionButton::textLeft() const
{
    return kPad + style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth, nullptr, this)
           + style()->pixelMetric(QStyle::PM_RadioButtonLabelSpacing, nullptr, this);
}

QRect OptionButton::textRect(int width) const
{
    const int left = textLeft();
    const int w = std::max(1, width - left - kPad);
    const QRect bound = fontMetrics().boundingRect(QRect(0, 0, w, 100000), Qt::TextWordWrap | Qt::AlignLeft, text());
    return {left, kPad, w, bound.height()};
}

int OptionButton::heightForWidth(int width) const
{
    const int indicator = style()->pixelMetric(QStyle::PM_ExclusiveIndicatorHeight, nullptr, this);
    return std::max(textRect(width).height(), indicator) + 2 * kPad;
}

QSize OptionButton::sizeHint() const
{
    const int width = textLeft() + kPad + fontMetrics().averageCharWidth() * kHintChars;
    return {width, heightForWidth(width)};
}

QSize OptionButton::minimumSizeHint() const
{
    const int width = textLeft() + kPad + fontMetrics().averageCharWidth() * 10;
    return {width, heightForWidth(width)};
}

void OptionButton::paintEvent(QPaintEvent*)
{
    QStylePainter p(this);
    QStyleOptionButton opt;
    initStyleOption(&opt);
    const int indicatorW = style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth, nullptr, this);
    const int indicatorH = style()->pixelMetric(QStyle::PM_ExclusiveIndicatorHeight, nullptr, this);
    // The indicator sits beside the first line of text.
    opt.rect = QRect(kPad, kPad + std::max(0, (fontMetrics().height() - indicatorH) / 2), indicatorW, indicatorH);
    opt.state &= ~QStyle::State_HasFocus;
    p.drawPrimitive(QStyle::PE_IndicatorRadioButton, opt);
    p.setPen(palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, QPalette::WindowText));
    p.drawText(textRect(width()), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text());
    if (hasFocus()) {
        // Plain to see in both themes: the highlight colour, two pixels wide.
        QPen pen(palette().color(QPalette::Highlight), kFocusWidth);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.setRenderHint(QPainter::Antialiasing);
        p.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 4, 4);
    }
}

}  // namespace levlab::ui
