// What the chart's view paints beneath its items.
#include "ui/chart/candle_layer.h"
#include "ui/chart/price_chart_view.h"

#include <QPainter>
#include <QRegion>

#include <cmath>

namespace levlab::ui {

void PriceChartView::drawBackground(QPainter* painter, const QRectF& rect)
{
    // Lines move over the plot sixty times a second, and the candle layer paints the plot
    // whole where they were: filling it first would only be painted over. Around the plot
    // (the axes, the tags) the view's own brush fills as before.
    const QTransform toScene = m_candles->sceneTransform();
    const bool wholePixels = toScene.type() <= QTransform::TxTranslate && toScene.dx() == std::round(toScene.dx())
                             && toScene.dy() == std::round(toScene.dy());
    const QRect plot = m_candles->coveredPlot().translated(static_cast<int>(toScene.dx()), static_cast<int>(toScene.dy()));
    if (!wholePixels || plot.isEmpty() || !rect.intersects(plot)) {
        QChartView::drawBackground(painter, rect);
        return;
    }
    const QRegion around = QRegion(rect.toAlignedRect()).subtracted(plot);
    for (const QRect& r : around)
        painter->fillRect(r, backgroundBrush());
}

}  // namespace levlab::ui
