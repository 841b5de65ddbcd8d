#pragma once

#include "core/model/feeds/candle_store.h"
#include "ui/chart/candle_layer.h"
#include "ui/chart/level_line.h"
#include "ui/theme/theme.h"

#include <QChartView>
#include <QTimer>

#include <array>

class QChart;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace levlab::model {
class MarketFeed;
class RiskModel;
}  // namespace levlab::model

namespace levlab::ui {

class EventLayer;

/// The live price chart: candles of last prices, the mark price, and the
/// planned position's levels, which follow every model change at once. Market
/// ticks are folded in at most 60 times a second. Scroll with the wheel or
/// arrow keys, zoom with Ctrl+wheel or +/−, drag empty space to pan, End to
/// follow the latest price. Stop, target, entry and liquidation can be dragged.
class PriceChartView final : public QChartView {
    Q_OBJECT
public:
    PriceChartView(model::RiskModel& model, model::MarketFeed& feed, const Theme& theme, QWidget* parent = nullptr);

    void setTheme(const Theme& theme);

    /// Visible span, in ms, and whether the view follows the newest bar.
    [[nodiscard]] qint64 spanMs() const { return m_spanMs; }
    [[nodiscard]] bool following() const { return m_follow; }
    void zoom(double factor);
    void pan(double fractionOfSpan);
    void followLatest();

    [[nodiscard]] const LevelLine& line(LevelLine::Kind kind) const { return *m_lines[static_cast<std::size_t>(kind)]; }
    [[nodiscard]] const CandleLayer& candles() const { return *m_candles; }
    [[nodiscard]] const EventLayer& events() const { return *m_events; }
    [[nodiscard]] model::Timeframe timeframe() const { return m_timeframe; }
    [[nodiscard]] int group() const { return m_group; }
    /// Viewport coordinates of a price at the right edge of the plot (for tests and drags).
    [[nodiscard]] QPoint viewportPointFor(double price) const;
    [[nodiscard]] double yMin() const { return m_window.yMin; }
    [[nodiscard]] double yMax() const { return m_window.yMax; }

    /// Applies pending market changes now (the frame timer does this at 60 Hz).
    void flushFrame();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void onModelChanged();
    void onMarketAdvanced();
    /// Recomputes the window (time span, timeframe, price range) and everything drawn in it.
    void relayout(bool barsChanged);
    /// Moves the level lines to the model's prices; cheap, no candle repaint.
    void placeLines();
    void connectDrag(LevelLine::Kind kind);
    [[nodiscard]] int decimals() const;

    model::RiskModel& m_model;
    model::MarketFeed& m_feed;
    Theme m_theme;
    QChart* m_chart = nullptr;
    QDateTimeAxis* m_timeAxis = nullptr;
    QValueAxis* m_priceAxis = nullptr;
    QLineSeries* m_markSeries = nullptr;
    CandleLayer* m_candles = nullptr;
    EventLayer* m_events = nullptr;
    std::array<LevelLine*, 7> m_lines{};
    CandleWindow m_window;
    model::Timeframe m_timeframe = model::Timeframe::M1;
    int m_group = 1;
    qint64 m_spanMs = 6LL * 3600 * 1000;
    qint64 m_endMs = 0;
    bool m_follow = true;
    bool m_marketDirty = false;
    bool m_draggingLevel = false;
    bool m_panning = false;
    QPoint m_panFrom;
    qint64 m_panEndMs = 0;
    QTimer m_frame;
};

}  // namespace levlab::ui
