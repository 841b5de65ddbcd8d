#include "ui/risk/warning_text.h"

#include <QEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace levlab::ui {

namespace {

constexpr int kMargin = 6;

}  // namespace

WarningText::WarningText(QWidget* parent) : QWidget(parent)
{
    forgetLayouts();
    setAutoFillBackground(true);
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setAccessibleName(tr("Warnings"));
}

void WarningText::setText(const QString& text)
{
    if (text == m_text)
        return;
    const int before = width() > 0 ? heightForWidth(width()) : -1;
    m_text = text;
    forgetLayouts();
    setAccessibleDescription(text);
    if (width() <= 0 || heightForWidth(width()) != before)
        updateGeometry();
    update();
}

int WarningText::layOut(int width) const
{
    if (width != m_laidOutWidth) {
        m_laidOutWidth = width;
        // A static text lays plain text out as one paragraph: each line break the
        // text asks for becomes a line separator, which it does honour.
        QString shown = m_text;
        shown.replace(QLatin1Char('\n'), QChar::LineSeparator);
        m_layout = QStaticText(shown);
        m_layout.setTextFormat(Qt::PlainText);
        m_layout.setTextWidth(std::max(1, width - 2 * kMargin));
        m_layout.prepare(QTransform(), font());
    }
    const int reserved = m_reservedLines > 0 ? fontMetrics().lineSpacing() * m_reservedLines : 0;
    return std::max(static_cast<int>(std::ceil(m_layout.size().height())), reserved) + 2 * kMargin;
}

void WarningText::setReservedLines(int lines)
{
    if (lines == m_reservedLines)
        return;
    m_reservedLines = lines;
    forgetLayouts();
    updateGeometry();
}

int WarningText::heightForWidth(int width) const
{
    for (const auto& [w, h] : m_heights) {
        if (w == width)
            return h;
    }
    const int h = layOut(width);
    m_heights[m_nextHeight] = {width, h};
    m_nextHeight = (m_nextHeight + 1) % m_heights.size();
    return h;
}

void WarningText::forgetLayouts()
{
    m_laidOutWidth = -1;
    m_heights.fill({-1, 0});
    m_nextHeight = 0;
}

QSize WarningText::sizeHint() const
{
    // As wide as a short sentence; the layout gives the real width and asks for the height.
    const int w = fontMetrics().averageCharWidth() * 40 + 2 * kMargin;
    return {w, fontMetrics().height() * 2 + 2 * kMargin};
}

QSize WarningText::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 12 + 2 * kMargin, fontMetrics().height() + 2 * kMargin};
}

void WarningText::paintEvent(QPaintEvent*)
{
    layOut(width());
    QPainter p(this);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawStaticText(QPointF(kMargin, kMargin), m_layout);
}

void WarningText::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        forgetLayouts();
        updateGeometry();
    }
    QWidget::changeEvent(event);
}

}  // namespace levlab::ui
