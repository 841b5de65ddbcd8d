#include "ui/chart/event_layer.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace levlab::ui {

EventLayer::EventLayer(const Theme& theme, QGraphicsItem* parent) : QGraphicsObject(parent), m_theme(theme)
{
    setZValue(40);
    setAcceptedMouseButtons(Qt::NoButton);
}

void EventLayer::setTheme(const Theme& theme)
{
    m_theme = theme;
    update();
}

void EventLayer::setEvents(const std::vector<model::PositionEvent>& events, const CandleWindow& window, int decimals)
{
    const bool same = window == m_window && decimals == m_decimals && events.size() == m_events.size();
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
    update();
}

QRectF EventLayer::boundingRect() const
{
    return m_window.plot;
}

void EventLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    const CandleWindow& w = m_window;
    if (w.plot.isEmpty() || w.yMax <= w.yMin)
        return;
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setClipRect(w.plot);
    const double span = static_cast<double>(w.endMs - w.startMs);
    for (const auto& e : m_events) {
        if (e.timeMs < w.startMs || e.timeMs > w.endMs)
            continue;
        const double x = w.plot.left() + static_cast<double>(e.timeMs - w.startMs) / span * w.plot.width();
        const double y = w.plot.top() + (w.yMax - e.price) / (w.yMax - w.yMin) * w.plot.height();
        const bool liquidated = e.kind == model::PositionEvent::Kind::Liquidated;
        const QColor c = liquidated ? m_theme.liquidation : m_theme.stopLoss;
        QPainterPath marker;
        marker.moveTo(x, y);
        marker.lineTo(x - 7, y + 12);
        marker.lineTo(x + 7, y + 12);
        marker.closeSubpath();
        painter->setPen(QPen(m_theme.text, 1));
        painter->setBrush(c);
        painter->drawPath(marker);
        const QString text = (liquidated ? tr("LIQUIDATED  −%1") : tr("Stopped out  −%1"))
                                 .arg(QLocale().toString(e.loss, 'f', m_decimals));
        QFont f = painter->font();
        f.setBold(true);
        painter->setFont(f);
        const QRectF box = QRectF(painter->fontMetrics().boundingRect(text)).adjusted(-4, -2, 4, 2).translated(x + 10, y + 24);
        painter->setPen(Qt::NoPen);
        painter->setBrush(c);
        painter->drawRoundedRect(box, 3, 3);
        painter->setPen(m_theme.labelText);
        painter->drawText(box, Qt::AlignCenter, text);
    }
}

}  // namespace levlab::ui
