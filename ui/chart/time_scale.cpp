#include "ui/chart/time_scale.h"

#include <QDateTime>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <array>

namespace levlab::ui {

namespace {

constexpr qint64 kMinute = 60LL * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr std::array<qint64, 15> kSteps{1 * kMinute, 2 * kMinute, 5 * kMinute, 10 * kMinute, 15 * kMinute,
                                        30 * kMinute, 1 * kHour,  2 * kHour,   4 * kHour,   6 * kHour,
                                        12 * kHour,   1 * kDay,   2 * kDay,    7 * kDay,    14 * kDay};
constexpr double kLabelGap = 4.0;  ///< between the plot's bottom edge and the labels

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return -floorDiv(-a, b);
}

/// Whole steps of the local clock between start and end, both included.
qint64 countTicks(qint64 startMs, qint64 endMs, qint64 step, qint64 offset)
{
    return floorDiv(endMs + offset, step) - ceilDiv(startMs + offset, step) + 1;
}

}  // namespace

TimeTicks timeTicks(qint64 startMs, qint64 endMs, int maxLabels, qint64 utcOffsetMs)
{
    TimeTicks out;
    if (endMs <= startMs)
        return out;
    const qint64 most = std::max(1, maxLabels);
    qint64 step = kSteps.back();
    for (qint64 s : kSteps) {
        if (countTicks(startMs, endMs, s, utcOffsetMs) <= most) {
            step = s;
            break;
        }
    }
    while (countTicks(startMs, endMs, step, utcOffsetMs) > most)
        step *= 2;  // beyond two weeks: four, eight, … weeks
    out.stepMs = step;
    for (qint64 t = ceilDiv(startMs + utcOffsetMs, step) * step - utcOffsetMs; t <= endMs; t += step)
        out.timesMs.push_back(t);
    return out;
}

QString timeLabel(qint64 timeMs, qint64 stepMs, qint64 utcOffsetMs)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(timeMs + utcOffsetMs, Qt::UTC);
    const bool midnight = floorDiv(timeMs + utcOffsetMs, kDay) * kDay == timeMs + utcOffsetMs;
    return QLocale().toString(local, stepMs >= kDay || midnight ? QStringLiteral("dd MMM") : QStringLiteral("HH:mm"));
}

TimeScale::TimeScale(const Theme& theme, QGraphicsItem* parent) : QGraphicsObject(parent), m_theme(theme)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(1);
}

void TimeScale::setTheme(const Theme& theme)
{
    m_theme = theme;
    update();
}

void TimeScale::setFont(const QFont& font)
{
    prepareGeometryChange();
    m_font = font;
    m_font.setStyleStrategy(QFont::PreferNoShaping);
    m_labelHeight = QFontMetricsF(m_font).height() + kLabelGap + 2;
    m_texts.clear();
    setTicks(m_plot, m_startMs, m_endMs, m_ticks, m_utcOffsetMs);
}

void TimeScale::setTicks(const QRectF& plot, qint64 startMs, qint64 endMs, const TimeTicks& ticks, qint64 utcOffsetMs)
{
    const bool sameLabels = ticks == m_ticks && utcOffsetMs == m_utcOffsetMs && m_texts.size() == ticks.timesMs.size();
    if (sameLabels && plot == m_plot && startMs == m_startMs && endMs == m_endMs)
        return;
    prepareGeometryChange();
    m_plot = plot;
    m_startMs = startMs;
    m_endMs = endMs;
    if (!sameLabels) {
        m_ticks = ticks;
        m_utcOffsetMs = utcOffsetMs;
        m_texts.clear();
        for (qint64 t : ticks.timesMs) {
            QStaticText text(timeLabel(t, ticks.stepMs, utcOffsetMs));
            text.setTextFormat(Qt::PlainText);
            text.prepare(QTransform(), m_font);
            m_texts.push_back(text);
        }
    }
    update();
}

QStringList TimeScale::labels() const
{
    QStringList out;
    for (std::size_t i = 0; i < m_texts.size(); ++i) {
        if (labelLeft(i))
            out << m_texts[i].text();
    }
    return out;
}

std::optional<double> TimeScale::labelLeft(std::size_t i) const
{
    const double span = static_cast<double>(m_endMs - m_startMs);
    if (m_plot.isEmpty() || span <= 0 || i >= m_texts.size())
        return std::nullopt;
    const double x = m_plot.left() + static_cast<double>(m_ticks.timesMs[i] - m_startMs) / span * m_plot.width();
    const double w = m_texts[i].size().width();
    // Centred under its tick; one that would stick out of the plot's width is left out.
    if (x - w / 2.0 < m_plot.left() || x + w / 2.0 > m_plot.right())
        return std::nullopt;
    return x - w / 2.0;
}

double TimeScale::labelHeight() const
{
    return m_labelHeight;
}

QRectF TimeScale::boundingRect() const
{
    return QRectF(m_plot.left(), m_plot.bottom(), m_plot.width(), labelHeight());
}

void TimeScale::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (m_plot.isEmpty() || m_endMs <= m_startMs)
        return;
    painter->setFont(m_font);
    painter->setPen(m_theme.mutedText);
    for (std::size_t i = 0; i < m_texts.size(); ++i) {
        if (const auto left = labelLeft(i))
            painter->drawStaticText(QPointF(*left, m_plot.bottom() + kLabelGap), m_texts[i]);
    }
}

}  // namespace levlab::ui
