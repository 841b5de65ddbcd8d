#pragma once

#include "core/model/feeds/candle_store.h"
#include "ui/chart/candle_layer.h"
#include "ui/chart/level_line.h"
#include "ui/theme/theme.h"

#include <QChartView>

#include <array>
#include <vector>

#include "core/model/plan/risk_model.h"

class QChart;

namespace levlab::model {
class MarketSource;
class PortfolioModel;
class RiskModel;
}  // namespace levlab::model

namespace levlab::ui {

class EventLayer;
class LadderLines;
class PriceScale;
class TimeScale;

/// The live price chart: candles of last prices, the mark price, and the
/// planned position's levels, which follow every model change at once. Market
/// ticks arrive in the feed's batches (at most 60 a second); the axes move only
/// when a new bar opens or prices leave the visible range. Scroll with the wheel or
/// arrow keys, zoom with Ctrl+wheel or +/−, drag empty space to pan, End to
/// follow the latest price. Stop, target, entry and liquidation can be dragged.
class PriceChartView final : public QChartView {
    Q_OBJECT
public:
    PriceChartView(model::RiskModel& model, model::MarketSource& feed, const Theme& theme, QWidget* parent = nullptr);

    void setTheme(const Theme& theme);

    /// Visible span, in ms, and whether the view follows the newest bar.
    [[nodiscard]] qint64 spanMs() const { return m_spanMs; }
    [[nodiscard]] bool following() const { return m_follow; }
    void zoom(double factor);
    void pan(double fractionOfSpan);
    void followLatest();
    /// The right edge of the visible span (market time, ms).
    [[nodiscard]] qint64 endMs() const { return m_endMs; }
    /// Shows `spanMs` (clamped as a zoom is) ending at `endMs`, or at the newest bar when `follow`.
    void setView(qint64 spanMs, bool follow, qint64 endMs);

    [[nodiscard]] const LevelLine& line(LevelLine::Kind kind) const { return *m_lines[static_cast<std::size_t>(kind)]; }
    [[nodiscard]] const CandleLayer& candles() const { return *m_candles; }
    [[nodiscard]] const CandleLayer& liveCandle() const { return *m_live; }
    [[nodiscard]] const EventLayer& events() const { return *m_events; }
    [[nodiscard]] const TimeScale& timeScale() const { return *m_timeScale; }
    [[nodiscard]] const PriceScale& priceScale() const { return *m_priceScale; }
    [[nodiscard]] model::Timeframe timeframe() const { return m_timeframe; }
    [[nodiscard]] int group() const { return m_group; }
    /// Viewport coordinates of a price at the right edge of the plot (for tests and drags).
    [[nodiscard]] QPoint viewportPointFor(double price) const;
    [[nodiscard]] double yMin() const { return m_window.yMin; }
    [[nodiscard]] double yMax() const { return m_window.yMax; }

    /// Re-reads the market and lays the chart out again now.
    void flushFrame();

    /// Shows every portfolio position's liquidation level for the chart's asset,
    /// and marks the portfolio's liquidations.
    void setPortfolio(model::PortfolioModel* portfolio);
    void setShowPortfolioLevels(bool show);
    /// The portfolio row whose entry and liquidation the chart shows (−1: none).
    void setSelectedPortfolioPosition(int row);
    [[nodiscard]] const std::vector<LevelLine*>& portfolioLines() const { return m_portfolioLines; }
    /// The exit ladder's take-profits and the margin ladder.
    [[nodiscard]] const LadderLines& ladderLines() const { return *m_ladder; }

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    /// The theme's background around the plot; the plot itself is the candle layer's.
    void drawBackground(QPainter* painter, const QRectF& rect) override;

private:
    void onModelChanged();
    /// Recomputes the window (time span, timeframe, price range) and everything drawn in it.
    void relayout(bool barsChanged);
    /// Moves the level lines to the model's prices; cheap, no candle repaint.
    void placeLines();
    /// Stacks every visible tag (the plan's and the portfolio's) so none hides another.
    void arrangeTags();
    /// Rebuilds the event markers when the model's events changed (a new one, or a new trade's clean slate).
    void refreshEvents();
    void connectDrag(LevelLine::Kind kind);
    [[nodiscard]] int decimals() const;
    /// The widest span a zoom may show: the whole history (chart_navigation.cpp).
    [[nodiscard]] qint64 maxSpanMs() const;

    model::RiskModel& m_model;
    model::MarketSource& m_feed;
    Theme m_theme;
    QChart* m_chart = nullptr;
    PriceScale* m_priceScale = nullptr;
    TimeScale* m_timeScale = nullptr;
    CandleLayer* m_candles = nullptr;
    CandleLayer* m_live = nullptr;
    EventLayer* m_events = nullptr;
    std::array<LevelLine*, 7> m_lines{};
    model::PortfolioModel* m_portfolio = nullptr;
    bool m_showPortfolio = false;
    int m_selectedRow = -1;
    std::vector<LevelLine*> m_portfolioLines;
    LadderLines* m_ladder = nullptr;
    void placePortfolioLines();
    void placePortfolioLevels();
    [[nodiscard]] std::vector<model::PositionEvent> chartEvents() const;
    CandleWindow m_window;
    model::Timeframe m_timeframe = model::Timeframe::M1;
    int m_group = 1;
    qint64 m_spanMs = 6LL * 3600 * 1000;
    qint64 m_endMs = 0;
    bool m_follow = true;
    qint64 m_marketTimeMs = 0;  ///< the market time the layout last saw
    qint64 m_offsetHour = -1;   ///< the hour (since the epoch) m_utcOffsetMs was looked up for
    qint64 m_utcOffsetMs = 0;   ///< local time minus UTC then
    std::size_t m_eventsSeen = 0;   ///< the model's event count and last event time the markers show
    qint64 m_lastEventMs = 0;
    bool m_draggingLevel = false;
    bool m_panning = false;
    QPoint m_panFrom;
    qint64 m_panEndMs = 0;
};

}  // namespace levlab::ui
