// How a person moves the chart's window: zoom, pan, follow the newest bar.
#include "ui/chart/price_chart_view.h"

#include "core/model/market/market_source.h"

#include <QGraphicsScene>
#include <QKeyEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace levlab::ui {

namespace {

constexpr qint64 kMinSpanMs = 30LL * 60 * 1000;  ///< the closest zoom: half an hour

}  // namespace

qint64 PriceChartView::maxSpanMs() const
{
    // The farthest zoom shows all the history there is.
    const auto& h1 = m_feed.candles().series(model::Timeframe::H1);
    return h1.empty() ? kMinSpanMs : std::max(kMinSpanMs, m_feed.nowMs() - h1.at(0).openMs);
}

void PriceChartView::zoom(double factor)
{
    const auto span = static_cast<qint64>(static_cast<double>(m_spanMs) * factor);
    m_spanMs = std::clamp(span, kMinSpanMs, maxSpanMs());
    relayout(false);
}

void PriceChartView::pan(double fractionOfSpan)
{
    const qint64 newest = m_feed.nowMs();
    m_endMs += static_cast<qint64>(fractionOfSpan * static_cast<double>(m_spanMs));
    m_follow = m_endMs >= newest;
    relayout(false);
}

void PriceChartView::setView(qint64 spanMs, bool follow, qint64 endMs)
{
    m_spanMs = std::clamp(spanMs, kMinSpanMs, maxSpanMs());
    m_follow = follow || endMs >= m_feed.nowMs();
    if (!m_follow)
        m_endMs = endMs;
    relayout(false);
}

void PriceChartView::followLatest()
{
    m_follow = true;
    relayout(false);
}

void PriceChartView::wheelEvent(QWheelEvent* event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (event->modifiers() & Qt::ShiftModifier)
        pan(-0.1 * notches);
    else
        zoom(std::pow(0.85, notches));
    event->accept();
}

void PriceChartView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Left: pan(-0.1); break;
    case Qt::Key_Right: pan(0.1); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoom(0.8); break;
    case Qt::Key_Minus: zoom(1.25); break;
    case Qt::Key_End: followLatest(); break;
    default: QChartView::keyPressEvent(event); return;
    }
    event->accept();
}

void PriceChartView::mousePressEvent(QMouseEvent* event)
{
    QChartView::mousePressEvent(event);
    if (event->button() == Qt::LeftButton && !scene()->mouseGrabberItem()) {
        m_panning = true;
        m_panFrom = event->position().toPoint();
        m_panEndMs = m_endMs;
        setCursor(Qt::ClosedHandCursor);
    }
}

void PriceChartView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_panning) {
        const double dx = event->position().x() - m_panFrom.x();
        m_endMs = m_panEndMs - static_cast<qint64>(dx / m_window.plot.width() * static_cast<double>(m_spanMs));
        m_follow = m_endMs >= m_feed.nowMs();
        relayout(false);
        return;
    }
    QChartView::mouseMoveEvent(event);
}

void PriceChartView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_panning) {
        m_panning = false;
        unsetCursor();
    }
    QChartView::mouseReleaseEvent(event);
}

}  // namespace levlab::ui
