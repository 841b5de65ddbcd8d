#pragma once

#include <QPixmap>
#include <QRect>

#include <functional>

class QPainter;

namespace levlab::ui {

/// A chart layer's drawing kept as a pixmap and copied back only where the view
/// repaints, one repainted rectangle at a time.
///
/// Qt's own DeviceCoordinateCache draws the whole cached image clipped to the
/// repainted region. For a layer the plot's height, the raster engine then hands
/// each such draw to its thread pool in slices, every frame, and waking the pool
/// costs more than the pixels: lines moving over the candles sixty times a second
/// repaint a few thin bands, which copy in a few microseconds each.
class ExposedCache final {
public:
    /// The drawing changed: the next paint renders it again.
    void invalidate() { m_valid = false; }
    /// Paints `render`'s drawing of `bounds` (item coordinates) from the cache.
    /// Where the painter is not a plain translation to device pixels (a scaled
    /// view, an export at another size) it renders directly instead.
    void paint(QPainter* painter, const QRectF& bounds, const std::function<void(QPainter*)>& render);

private:
    QPixmap m_pixmap;
    QRect m_area;  ///< item coordinates the pixmap covers
    bool m_valid = false;
};

}  // namespace levlab::ui
