#include "ui/chart/event_layer.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace levlab::ui {

namespace {

constexpr double kMarkerHeight = 12.0;
constexpr double kLabelOffsetX = 10.0;
constexpr double kLabelOffsetY = 2.0;
constexpr double kLabelPadX = 4.0;
constexpr double kLabelPadY = 2.0;

}  // namespace

EventLayer::EventLayer(const Theme& theme, QGraphicsItem* parent) : QGraphicsObject(parent), m_theme(theme)
{
    setZValue(40);
    setAcceptedMouseButtons(Qt::NoButton);
}

void EventLayer::setTheme(const Theme& theme)
{
    m_theme = theme;
    m_cache.invalidate();
    update();
}

void EventLayer::setEvents(const std::vector<model::PositionEvent>& events, const CandleWindow& window, int decimals)
{
    const bool sameEvents = events.size() == m_events.size()
                            && (events.empty() || (events.back().timeMs == m_events.back().timeMs && events.back().price == m_events.back().price));
    const bool same = window == m_window && decimals == m_decimals && sameEvents;
    if (same)
        return;
    if (window.plot != m_window.plot)
        prepareGeometryChange();
    m_events = events;
    m_window = window;
    m_decimals = decimals;
    m_visible = 0;
    for (const auto& e : m_events)
        m_visible += e.timeMs >= window.startMs && e.timeMs <= window.endMs ? 1 : 0;
    // Without markers in view the layer leaves the scene's paint: its cached image
    // would otherwise be blended under every moving line.
    setVisible(m_visible > 0);
    m_cache.invalidate();
    update();
}

QRectF EventLayer::boundingRect() const
{
    return m_window.plot;
}

bool EventLayer::inView(const model::PositionEvent& e) const
{
    return e.timeMs >= m_window.startMs && e.timeMs <= m_window.endMs;
}

QPointF EventLayer::markerPoint(const model::PositionEvent& e) const
{
    const CandleWindow& w = m_window;
    const double span = static_cast<double>(w.endMs - w.startMs);
    return {w.plot.left() + static_cast<double>(e.timeMs - w.startMs) / span * w.plot.width(),
            w.plot.top() + (w.yMax - e.price) / (w.yMax - w.yMin) * w.plot.height()};
}

QString EventLayer::labelText(const model::PositionEvent& e) const
{
    // The result as signed money: a take-profit or a close in profit is a gain.
    const double result = -e.loss;
    const QString money = (result >= 0 ? QStringLiteral("+") : QStringLiteral("−")) + QLocale().toString(std::abs(result), 'f', m_decimals);
    switch (e.kind) {
    case model::PositionEvent::Kind::Liquidated: return tr("LIQUIDATED  %1").arg(money);
    case model::PositionEvent::Kind::StoppedOut: return tr("Stopped out  %1").arg(money);
    case model::PositionEvent::Kind::TookProfit: return tr("Take-profit  %1").arg(money);
    case model::PositionEvent::Kind::ClosedByHand: return tr("Closed  %1").arg(money);
    }
    return money;
}

QFont EventLayer::labelFont()
{
    QFont f;
    f.setBold(true);
    return f;
}

QRectF EventLayer::labelRect(const model::PositionEvent& e) const
{
    // Below and right of the marker; flipped left or above where the plot ends, and
    // kept inside it, so the text is never cut at an edge.
    const QPointF p = markerPoint(e);
    const QRectF text = QFontMetricsF(labelFont()).boundingRect(labelText(e)).adjusted(-kLabelPadX, -kLabelPadY, kLabelPadX, kLabelPadY);
    const QRectF& plot = m_window.plot;
    double left = p.x() + kLabelOffsetX;
    if (left + text.width() > plot.right())
        left = p.x() - kLabelOffsetX - text.width();
    double top = p.y() + kMarkerHeight + kLabelOffsetY;
    if (top + text.height() > plot.bottom())
        top = p.y() - kLabelOffsetY - text.height();
    left = std::clamp(left, plot.left(), std::max(plot.left(), plot.right() - text.width()));
    top = std::clamp(top, plot.top(), std::max(plot.top(), plot.bottom() - text.height()));
    return {left, top, text.width(), text.height()};
}

std::vector<QRectF> EventLayer::labelRects() const
{
    std::vector<QRectF> out;
    if (m_window.plot.isEmpty() || m_window.yMax <= m_window.yMin)
        return out;
    for (const auto& e : m_events) {
        if (inView(e))
            out.push_back(labelRect(e));
    }
    return out;
}

void EventLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    // Markers change when an event happens or the window moves, not when a line moves over them.
    m_cache.paint(painter, boundingRect(), [this](QPainter* p) { render(p); });
}

void EventLayer::render(QPainter* painter)
{
    const CandleWindow& w = m_window;
    if (w.plot.isEmpty() || w.yMax <= w.yMin)
        return;
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setClipRect(w.plot);
    painter->setFont(labelFont());
    for (const auto& e : m_events) {
        if (!inView(e))
            continue;
        const QPointF p = markerPoint(e);
        const QColor c = e.kind == model::PositionEvent::Kind::Liquidated   ? m_theme.liquidation
                         : e.kind == model::PositionEvent::Kind::TookProfit ? m_theme.takeProfit
                         : e.kind == model::PositionEvent::Kind::ClosedByHand ? m_theme.entry
                                                                              : m_theme.stopLoss;
        QPainterPath marker;
        marker.moveTo(p);
        marker.lineTo(p.x() - kMarkerHeight / 2 - 1, p.y() + kMarkerHeight);
        marker.lineTo(p.x() + kMarkerHeight / 2 + 1, p.y() + kMarkerHeight);
        marker.closeSubpath();
        painter->setPen(QPen(m_theme.text, 1));
        painter->setBrush(c);
        painter->drawPath(marker);
        const QRectF box = labelRect(e);
        painter->setPen(Qt::NoPen);
        painter->drawRoundedRect(box, 3, 3);
        painter->setPen(m_theme.labelText);
        painter->drawText(box, Qt::AlignCenter, labelText(e));
    }
}

}  // namespace levlab::ui
