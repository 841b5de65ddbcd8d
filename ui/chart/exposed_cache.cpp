#include "ui/chart/exposed_cache.h"

#include <QPaintEngine>
#include <QPainter>
#include <QRegion>

#include <cmath>

namespace levlab::ui {

void ExposedCache::paint(QPainter* painter, const QRectF& bounds, const std::function<void(QPainter*)>& render)
{
    const QTransform device = painter->deviceTransform();
    const bool wholePixels = device.type() <= QTransform::TxTranslate && device.dx() == std::round(device.dx())
                             && device.dy() == std::round(device.dy());
    QPaintEngine* engine = painter->paintEngine();
    if (!wholePixels || bounds.isEmpty() || !engine || painter->device()->devicePixelRatio() != 1.0) {
        render(painter);
        return;
    }
    const QRect area = bounds.toAlignedRect();
    if (!m_valid || area != m_area) {
        m_area = area;
        m_pixmap = QPixmap(area.size());
        m_pixmap.fill(Qt::transparent);
        QPainter p(&m_pixmap);
        p.translate(-area.topLeft());
        render(&p);
        m_valid = true;
    }
    // The region the view repaints, in device pixels; empty when the painter draws
    // everything (a grab of the widget, say).
    const QRegion system = engine->systemClip();
    if (system.isEmpty()) {
        painter->drawPixmap(area.topLeft(), m_pixmap);
        return;
    }
    const QRegion exposed = device.inverted().map(system).intersected(area);
    for (const QRect& r : exposed)
        painter->drawPixmap(r.topLeft(), m_pixmap, r.translated(-area.topLeft()));
}

}  // namespace levlab::ui
