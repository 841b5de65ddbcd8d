#pragma once

#include "core/model/feeds/candle_store.h"
#include "ui/chart/exposed_cache.h"
#include "ui/theme/theme.h"

#include <QGraphicsObject>

#include <vector>

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
    std::vector<double> priceGrid;    ///< grid lines across, at the price axis's labelled prices
    std::vector<qint64> timeGridMs;   ///< grid lines down, at the time axis's labelled times
    friend bool operator==(const CandleWindow&, const CandleWindow&) = default;
};

/// The candles and the mark-price line, painted by hand. The finished bars are
/// cached as a pixmap: moving a level line over them repaints only the line's
/// band from the cache. The bar still forming is a separate live layer, so a
/// market tick repaints one candle, not the chart.
class CandleLayer final : public QGraphicsObject {
    Q_OBJECT
public:
    enum class Part { Finished, Live };

    CandleLayer(Part part, const Theme& theme, QGraphicsItem* parent = nullptr);

    void setTheme(const Theme& theme);
    /// Repaints only when the window changed, or (for the live part) when the forming bar did.
    void setWindow(const CandleWindow& window, bool liveBarChanged);
    /// The candles under the window were replaced (another asset, a restarted or
    /// restored market): the next setWindow() draws them afresh.
    void forget();
    [[nodiscard]] const CandleWindow& window() const { return m_window; }
    /// Candles drawn in the last paint (after grouping).
    [[nodiscard]] int drawnCount() const { return m_drawn; }

    /// The finished part covers the plot whole (its background, then grid and candles):
    /// the view need not fill beneath it. Empty for the live part or without a plot.
    [[nodiscard]] QRect coveredPlot() const;

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    [[nodiscard]] QRectF liveBounds() const;
    void render(QPainter* painter);
    /// Something drawn changed: the finished bars' cache is drawn again.
    void redraw();

    Part m_part;
    Theme m_theme;
    CandleWindow m_window;
    int m_drawn = 0;
    QRectF m_bounds;  ///< what the last setWindow covers; the live part's is only its candle's prices
    ExposedCache m_cache;  ///< the finished bars, copied back where lines move over them
};

}  // namespace levlab::ui
