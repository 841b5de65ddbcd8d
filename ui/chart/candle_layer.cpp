#include "ui/chart/candle_layer.h"

#include <QPainter>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>
#include <limits>

namespace levlab::ui {

CandleLayer::CandleLayer(Part part, const Theme& theme, QGraphicsItem* parent)
    : QGraphicsObject(parent), m_part(part), m_theme(theme)
{
    setZValue(5);
    setAcceptedMouseButtons(Qt::NoButton);
}

void CandleLayer::setTheme(const Theme& theme)
{
    m_theme = theme;
    redraw();
}

void CandleLayer::setWindow(const CandleWindow& window, bool liveBarChanged)
{
    const bool changed = !(window == m_window) || (m_part == Part::Live && liveBarChanged);
    if (!changed)
        return;
    prepareGeometryChange();
    m_window = window;
    m_bounds = m_part == Part::Live ? liveBounds() : m_window.plot;
    redraw();
}

void CandleLayer::forget()
{
    m_window = CandleWindow{};
    redraw();
}

QRectF CandleLayer::liveBounds() const
{
    // The forming candle's column and the mark segment leading to it, from the
    // highest to the lowest price they reach: a tick repaints that much, not a
    // column the plot's height.
    const CandleWindow& w = m_window;
    if (!w.series || w.end == 0 || w.end <= w.first || w.yMax <= w.yMin)
        return {};
    const double span = static_cast<double>(w.endMs - w.startMs);
    const double barPx = w.plot.width() * static_cast<double>(w.series->spanMs() * w.group) / span;
    const auto g = static_cast<std::size_t>(w.group);
    const std::size_t lastGroup = w.first + (w.end - 1 - w.first) / g * g;
    double hi = -INFINITY;
    double lo = INFINITY;
    for (std::size_t i = lastGroup >= w.first + g ? lastGroup - 1 : lastGroup; i < w.end; ++i) {
        const model::Candle& c = w.series->at(i);
        hi = std::max({hi, c.high, c.open, c.close, c.markClose});
        lo = std::min({lo, c.low, c.open, c.close, c.markClose});
    }
    auto y = [&](double p) { return w.plot.top() + (w.yMax - p) / (w.yMax - w.yMin) * w.plot.height(); };
    const qint64 open = w.series->at(lastGroup).openMs;
    const double x = w.plot.left() + static_cast<double>(open - w.startMs) / span * w.plot.width();
    return QRectF(x - barPx - 2, y(hi) - 2, 2 * barPx + 4, y(lo) - y(hi) + 4).intersected(w.plot);
}

QRectF CandleLayer::boundingRect() const
{
    return m_bounds;
}

QRect CandleLayer::coveredPlot() const
{
    if (m_part != Part::Finished || m_window.plot.isEmpty() || !isVisible())
        return {};
    // Whole pixels only: a pixel the plot's edge cuts is left to the view's own fill.
    const QRectF& p = m_window.plot;
    const int left = static_cast<int>(std::ceil(p.left()));
    const int top = static_cast<int>(std::ceil(p.top()));
    return {QPoint(left, top), QPoint(static_cast<int>(std::floor(p.right())) - 1, static_cast<int>(std::floor(p.bottom())) - 1)};
}

void CandleLayer::redraw()
{
    m_cache.invalidate();
    update();
}

void CandleLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    // The forming bar changes with every tick: drawn directly. The finished ones
    // change when a bar closes or the window moves: drawn once, then copied.
    if (m_part == Part::Live)
        render(painter);
    else
        m_cache.paint(painter, m_bounds, [this](QPainter* p) { render(p); });
}

void CandleLayer::render(QPainter* painter)
{
    m_drawn = 0;
    const CandleWindow& w = m_window;
    // The plot's background is the finished part's, candles or none (see coveredPlot()).
    if (m_part == Part::Finished && !w.plot.isEmpty())
        painter->fillRect(w.plot, m_theme.plotBackground);
    if (!w.series || w.first >= w.end || w.yMax <= w.yMin || w.plot.isEmpty())
        return;
    painter->setClipRect(w.plot);
    painter->setRenderHint(QPainter::Antialiasing, false);
    if (m_part == Part::Finished) {
        // The grid lives in the cached layer too, so moving a level line never redraws it.
        QPen grid(m_theme.grid, 1);
        grid.setCosmetic(true);
        painter->setPen(grid);
        QVarLengthArray<QLineF, 32> lines;
        for (double p : w.priceGrid) {
            const double y = std::round(w.plot.top() + (w.yMax - p) / (w.yMax - w.yMin) * w.plot.height());
            lines.append(QLineF(w.plot.left(), y, w.plot.right(), y));
        }
        for (qint64 t : w.timeGridMs) {
            const double x = std::round(w.plot.left() + static_cast<double>(t - w.startMs) / static_cast<double>(w.endMs - w.startMs) * w.plot.width());
            lines.append(QLineF(x, w.plot.top(), x, w.plot.bottom()));
        }
        painter->drawLines(lines.constData(), static_cast<int>(lines.size()));
    }
    const double span = static_cast<double>(w.endMs - w.startMs);
    const double barMs = static_cast<double>(w.series->spanMs() * w.group);
    const double barPx = w.plot.width() * barMs / span;
    const double bodyPx = std::max(1.0, barPx * 0.7);
    auto x = [&](qint64 t) { return w.plot.left() + static_cast<double>(t - w.startMs) / span * w.plot.width(); };
    auto y = [&](double p) { return w.plot.top() + (w.yMax - p) / (w.yMax - w.yMin) * w.plot.height(); };

    // Groups are aligned to w.first; the last group holds the forming bar.
    const auto g = static_cast<std::size_t>(w.group);
    const std::size_t lastGroup = w.first + (w.end - 1 - w.first) / g * g;
    const std::size_t from = m_part == Part::Live ? lastGroup : w.first;
    const std::size_t to = m_part == Part::Live ? w.end : lastGroup;
    QPointF previousMark;
    bool havePrevious = false;
    if (m_part == Part::Live && lastGroup >= w.first + g) {
        // The mark segment from the last finished candle to the forming one.
        const std::size_t previous = lastGroup - g;
        previousMark = QPointF(x(w.series->at(previous).openMs) + barPx / 2.0, y(w.series->at(lastGroup - 1).markClose));
        havePrevious = true;
    }
    QPen markPen(m_theme.mark, 1.5);
    markPen.setCosmetic(true);
    for (std::size_t i = from; i < to; i += g) {
        const std::size_t last = std::min(w.end, i + g) - 1;
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
        painter->fillRect(QRectF(std::floor(cx), y(high), 1.0, std::max(1.0, y(low) - y(high))), c);
        const double top = y(std::max(open, close));
        const double bottom = y(std::min(open, close));
        painter->fillRect(QRectF(cx - bodyPx / 2.0, top, bodyPx, std::max(1.0, bottom - top)), c);
        ++m_drawn;
        const QPointF mark(cx, y(w.series->at(last).markClose));
        if (havePrevious) {
            painter->setPen(markPen);
            painter->drawLine(previousMark, mark);
        }
        previousMark = mark;
        havePrevious = true;
    }
}

}  // namespace levlab::ui
