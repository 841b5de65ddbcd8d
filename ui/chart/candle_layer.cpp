#include "ui/chart/candle_layer.h"

#include <QPainter>

#include <algorithm>

namespace levlab::ui {

CandleLayer::CandleLayer(const Theme& theme, QGraphicsItem* parent) : QGraphicsObject(parent), m_theme(theme)
{
    setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    setZValue(5);
    setAcceptedMouseButtons(Qt::NoButton);
}

void CandleLayer::setTheme(const Theme& theme)
{
    m_theme = theme;
    update();
}

void CandleLayer::setWindow(const CandleWindow& window, bool barsChanged)
{
    if (window == m_window && !barsChanged)
        return;
    if (window.plot != m_window.plot)
        prepareGeometryChange();
    m_window = window;
    update();
}

QRectF CandleLayer::boundingRect() const
{
    return m_window.plot;
}

void CandleLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    m_drawn = 0;
    const CandleWindow& w = m_window;
    if (!w.series || w.first >= w.end || w.yMax <= w.yMin || w.plot.isEmpty())
        return;
    painter->setClipRect(w.plot);
    painter->setRenderHint(QPainter::Antialiasing, false);
    const double span = static_cast<double>(w.endMs - w.startMs);
    const double barMs = static_cast<double>(w.series->spanMs() * w.group);
    const double barPx = w.plot.width() * barMs / span;
    const double bodyPx = std::max(1.0, barPx * 0.7);
    auto x = [&](qint64 t) { return w.plot.left() + static_cast<double>(t - w.startMs) / span * w.plot.width(); };
    auto y = [&](double p) { return w.plot.top() + (w.yMax - p) / (w.yMax - w.yMin) * w.plot.height(); };

    for (std::size_t i = w.first; i < w.end; i += static_cast<std::size_t>(w.group)) {
        const std::size_t last = std::min(w.end, i + static_cast<std::size_t>(w.group)) - 1;
        const model::Candle& a = w.series->at(i);
        double high = a.high;
        double low = a.low;
        for (std::size_t j = i + 1; j <= last; ++j) {
            high = std::max(high, w.series->at(j).high);
            low = std::min(low, w.series->at(j).low);
        }
        const double open = a.open;
        const double close = w.series->at(last).close;
        // Bars whose open lies outside the traded range (open = previous close) still read as candles.
        high = std::max({high, open, close});
        low = std::min({low, open, close});
        const QColor c = close >= open ? m_theme.candleUp : m_theme.candleDown;
        const double cx = x(a.openMs) + barPx / 2.0;
        painter->setPen(QPen(c, 1));
        painter->drawLine(QPointF(cx, y(high)), QPointF(cx, y(low)));
        const double top = y(std::max(open, close));
        const double bottom = y(std::min(open, close));
        painter->fillRect(QRectF(cx - bodyPx / 2.0, top, bodyPx, std::max(1.0, bottom - top)), c);
        ++m_drawn;
    }
}

}  // namespace levlab::ui
