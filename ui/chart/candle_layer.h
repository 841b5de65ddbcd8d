#pragma once

#include "core/model/feeds/candle_store.h"
#include "ui/theme/theme.h"

#include <QGraphicsObject>

namespace levlab::ui {

/// What the candle layer shows: a run of one series, grouped `group` bars at a
/// time, over a time and price window.
struct CandleWindow final {
    const model::CandleSeries* series = nullptr;
    std::size_t first = 0;  ///< index of the first bar drawn
    std::size_t end = 0;    ///< one past the last
    int group = 1;          ///< bars folded into one candle when zoomed far out
    qint64 startMs = 0;
    qint64 endMs = 1;
    double yMin = 0.0;
    double yMax = 1.0;
    QRectF plot;
    friend bool operator==(const CandleWindow&, const CandleWindow&) = default;
};

/// The candles, painted by hand and cached as a pixmap: moving a level line
/// over them repaints only the line's band from the cache, never the candles.
class CandleLayer final : public QGraphicsObject {
    Q_OBJECT
public:
    explicit CandleLayer(const Theme& theme, QGraphicsItem* parent = nullptr);

    void setTheme(const Theme& theme);
    /// Repaints only when the window (or the bars in it) changed.
    void setWindow(const CandleWindow& window, bool barsChanged);
    [[nodiscard]] const CandleWindow& window() const { return m_window; }
    /// Candles drawn in the last paint (after grouping).
    [[nodiscard]] int drawnCount() const { return m_drawn; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    Theme m_theme;
    CandleWindow m_window;
    int m_drawn = 0;
};

}  // namespace levlab::ui
