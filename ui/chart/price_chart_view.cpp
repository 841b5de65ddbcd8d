#include "ui/chart/price_chart_view.h"

#include "core/model/market/instrument.h"
#include "core/model/market/market_source.h"
#include "core/model/plan/risk_model.h"
#include "core/model/portfolio/portfolio_model.h"
#include "ui/chart/event_layer.h"
#include "ui/chart/price_scale.h"
#include "ui/chart/ladder_lines.h"
#include "ui/chart/level_tags.h"
#include "ui/chart/time_scale.h"

#include <QDateTime>
#include <QGraphicsScene>

#include <algorithm>
#include <cmath>

namespace levlab::ui {

namespace {

constexpr double kRightPadding = 0.06;   // share of the span left empty after the newest bar
constexpr double kPricePadding = 0.08;   // share of the price range added above and below
constexpr double kTagWidth = 150.0;
constexpr double kLiquidationInRange = 0.25;  // share of entry within which liquidation widens the price axis
constexpr double kTimeLabelPx = 90.0;  // room a time label needs, with space either side
constexpr double kPriceLabelPx = 40.0;  // room a price label needs, with space above and below
constexpr double kRangeSlack = 1.6;  // the price axis keeps its range while the needed range fills at least 1/slack of it

}  // namespace

PriceChartView::PriceChartView(model::RiskModel& model, model::MarketSource& feed, const Theme& theme, QWidget* parent)
    : QChartView(new QChart, parent), m_model(model), m_feed(feed), m_theme(theme)
{
    m_chart = chart();
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->hide();
    m_chart->setBackgroundRoundness(0);
    // The view paints the background with one fill; the chart's own background item
    // (a stroked, rounded path) would be redrawn under every moving line.
    m_chart->setBackgroundVisible(false);
    // Its lines move with every tick: a scene this small (a few dozen items) finds them
    // faster by walking them than by keeping a BSP tree that every move must mend.
    scene()->setItemIndexMethod(QGraphicsScene::NoIndex);

    // Both axes are drawn by hand: labels fall on round prices and times, are laid
    // out once per change, and a price label never peeks out from under a tag.
    m_priceScale = new PriceScale(m_theme, m_chart);
    m_priceScale->setFont(QFont());
    m_timeScale = new TimeScale(m_theme, m_chart);
    m_timeScale->setFont(QFont());
    m_chart->setMargins(QMargins(4, 10, static_cast<int>(kTagWidth) + 2, static_cast<int>(std::ceil(m_timeScale->labelHeight()))));
    m_candles = new CandleLayer(CandleLayer::Part::Finished, m_theme, m_chart);
    m_live = new CandleLayer(CandleLayer::Part::Live, m_theme, m_chart);
    m_events = new EventLayer(m_theme, m_chart);
    for (std::size_t i = 0; i < m_lines.size(); ++i)
        m_lines[i] = new LevelLine(static_cast<LevelLine::Kind>(i), m_theme, m_chart);
    for (auto kind : {LevelLine::Kind::Entry, LevelLine::Kind::StopLoss, LevelLine::Kind::TakeProfit, LevelLine::Kind::Liquidation})
        connectDrag(kind);
    m_ladder = new LadderLines(m_model, m_theme, m_chart, this);
    connect(m_ladder, &LadderLines::dragging, this, [this](bool on) {
        m_draggingLevel = on;
        if (!on)
            relayout(false);
    });

    setRenderHint(QPainter::Antialiasing, false);
    // The view's own background brush (the theme's, solid) covers every pixel it repaints:
    // the viewport need not be filled with its palette first, sixty times a second.
    viewport()->setAutoFillBackground(false);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setRubberBand(QChartView::NoRubberBand);
    setToolTip(tr("Wheel: zoom · Shift+wheel or ←/→: scroll · End: follow the latest price\n"
                  "Drag the entry, stop, target or liquidation line to move it."));
    setTheme(theme);

    connect(&m_model, &model::RiskModel::changed, this, &PriceChartView::onModelChanged);
    connect(m_chart, &QChart::plotAreaChanged, this, [this] { relayout(false); });
    // The chart follows the market's own clock: a source the plan model does not
    // hear from (a replay with no plan) still moves it.
    connect(&m_feed, &model::MarketSource::advanced, this, [this] {
        if (m_feed.nowMs() != m_marketTimeMs)
            relayout(true);
    });
    connect(&m_feed, &model::MarketSource::seriesReset, this, [this] {
        m_candles->forget();
        m_live->forget();
        followLatest();
    });
}

void PriceChartView::setTheme(const Theme& theme)
{
    m_theme = theme;
    // The plot's background is painted by the cached candle layer, once, not under every moving line.
    m_chart->setPlotAreaBackgroundVisible(false);
    m_priceScale->setTheme(theme);
    m_timeScale->setTheme(theme);
    m_candles->setTheme(theme);
    m_live->setTheme(theme);
    m_events->setTheme(theme);
    for (auto* line : m_lines)
        line->setTheme(theme);
    for (auto* line : m_portfolioLines)
        line->setTheme(theme);
    if (m_ladder)
        m_ladder->setTheme(theme);
    setBackgroundBrush(theme.background);
}

int PriceChartView::decimals() const
{
    const double tick = m_model.tickSize();
    return std::clamp(static_cast<int>(std::ceil(-std::log10(tick) - 1e-9)), 0, 8);
}

void PriceChartView::connectDrag(LevelLine::Kind kind)
{
    LevelLine* line = m_lines[static_cast<std::size_t>(kind)];
    line->setDraggable(true);
    connect(line, &LevelLine::dragged, this, [this, kind](double price) {
        m_draggingLevel = true;
        const double snapped = m_model.snapToTick(price);
        switch (kind) {
        case LevelLine::Kind::Entry: m_model.setEntryPrice(snapped); break;
        case LevelLine::Kind::StopLoss: m_model.setStopLoss(snapped); break;
        case LevelLine::Kind::TakeProfit: m_model.setTakeProfit(snapped); break;
        case LevelLine::Kind::Liquidation: m_model.setLiquidationTarget(price); break;
        default: break;
        }
    });
    connect(line, &LevelLine::dragFinished, this, [this] {
        m_draggingLevel = false;
        relayout(false);
    });
}

void PriceChartView::onModelChanged()
{
    refreshEvents();
    if (m_feed.nowMs() != m_marketTimeMs) {
        // The market moved (one batch of ticks): fold it in.
        relayout(true);
        return;
    }
    // A level the axis does not show yet widens it (unless a drag holds the axis still).
    const auto& in = m_model.inputs();
    const double entry = m_model.snapshot().entry;
    bool outside = false;
    for (std::optional<double> p : {std::optional<double>(entry), in.stopLoss, in.takeProfit}) {
        if (p && *p > 0.0 && (*p < m_window.yMin || *p > m_window.yMax))
            outside = true;
    }
    for (const auto& t : in.ladder.targets)
        outside = outside || t.price < m_window.yMin || t.price > m_window.yMax;
    if (outside && !m_draggingLevel)
        relayout(false);
    else
        placeLines();
    // The trader changed something: tags say so at once (the market's moves reach
    // the tags' text at most Theme::kReadoutHz times a second).
    for (LevelLine* line : m_lines)
        line->refreshText();
}

void PriceChartView::flushFrame()
{
    relayout(true);
}

void PriceChartView::relayout(bool barsChanged)
{
    const QRectF plot = m_chart->plotArea();
    if (plot.width() < 10 || plot.height() < 10)
        return;
    const qint64 newest = m_feed.nowMs();
    m_marketTimeMs = m_feed.nowMs();
    // The finest timeframe whose candles are at least kMinCandlePx wide; beyond
    // hourly bars, group several into one.
    const double maxCandles = std::max(10.0, plot.width() / Theme::kMinCandlePx);
    m_timeframe = model::Timeframe::H1;
    m_group = 1;
    for (model::Timeframe tf : model::kTimeframes) {
        if (static_cast<double>(m_spanMs) / static_cast<double>(model::timeframeMs(tf)) <= maxCandles) {
            m_timeframe = tf;
            break;
        }
    }
    const qint64 tfMs = model::timeframeMs(m_timeframe);
    if (static_cast<double>(m_spanMs) / static_cast<double>(tfMs) > maxCandles)
        m_group = static_cast<int>(std::ceil(static_cast<double>(m_spanMs) / static_cast<double>(tfMs) / maxCandles));

    // Following, the right edge moves a whole bar at a time, so the time axis
    // changes when a bar opens, not on every tick.
    const qint64 barMs = tfMs * m_group;
    if (m_follow) {
        const qint64 padded = newest + static_cast<qint64>(kRightPadding * static_cast<double>(m_spanMs));
        m_endMs = (padded / barMs + 1) * barMs;
    }
    const qint64 end = m_endMs;
    const qint64 start = end - m_spanMs;

    const model::CandleSeries& series = m_feed.candles().series(m_timeframe);
    CandleWindow w;
    w.series = &series;
    w.group = m_group;
    w.startMs = start;
    w.endMs = end;
    w.plot = plot;
    // The local time's offset, looked up once per hour of the window's start: it changes
    // only at a daylight-saving switch, and each lookup reads the system's time-zone file.
    const qint64 hour = start / 3'600'000;
    if (hour != m_offsetHour) {
        m_offsetHour = hour;
        m_utcOffsetMs = static_cast<qint64>(QDateTime::fromMSecsSinceEpoch(start).offsetFromUtc()) * 1000;
    }
    const qint64 utcOffsetMs = m_utcOffsetMs;
    const TimeTicks ticks = timeTicks(start, end, std::max(2, static_cast<int>(plot.width() / kTimeLabelPx)), utcOffsetMs);
    w.timeGridMs = ticks.timesMs;
    w.first = series.lowerBound(start - tfMs * m_group);
    w.first -= w.first % static_cast<std::size_t>(m_group);
    w.end = series.lowerBound(end);

    if (m_draggingLevel) {
        w.yMin = m_window.yMin;
        w.yMax = m_window.yMax;
    } else {
        double lo = INFINITY;
        double hi = -INFINITY;
        for (std::size_t i = w.first; i < w.end; ++i) {
            const model::Candle& c = series.at(i);
            lo = std::min({lo, c.low, c.open});
            hi = std::max({hi, c.high, c.open});
        }
        const auto& in = m_model.inputs();
        const double entry = m_model.snapshot().entry;
        // Liquidation joins the range when it is near enough to read beside the candles;
        // otherwise its tag is pinned to the edge.
        std::optional<double> liq = m_model.snapshot().valid ? m_model.snapshot().position.liquidationPrice : std::nullopt;
        if (liq && std::abs(*liq - entry) > kLiquidationInRange * entry)
            liq.reset();
        for (std::optional<double> p : {std::optional<double>(entry), in.stopLoss, in.takeProfit,
                                        std::optional<double>(m_model.market().mark), liq}) {
            if (p && *p > 0.0) {
                lo = std::min(lo, *p);
                hi = std::max(hi, *p);
            }
        }
        for (const auto& t : in.ladder.targets) {
            lo = std::min(lo, t.price);
            hi = std::max(hi, t.price);
        }
        if (!std::isfinite(lo) || !std::isfinite(hi)) {
            lo = 0.0;
            hi = 1.0;
        }
        // Keep the current range while what must show still fills it well: the
        // axis (and so every candle) stays put as prices wander inside it.
        const bool fits = lo >= m_window.yMin && hi <= m_window.yMax
                          && (m_window.yMax - m_window.yMin) <= kRangeSlack * std::max(hi - lo, hi * 1e-4) * (1 + 2 * kPricePadding);
        if (fits && m_window.plot == plot) {
            w.yMin = m_window.yMin;
            w.yMax = m_window.yMax;
        } else {
            const double pad = std::max((hi - lo) * kPricePadding, hi * 1e-4);
            w.yMin = lo - pad;
            w.yMax = hi + pad;
        }
    }
    const PriceTicks prices = priceTicks(w.yMin, w.yMax, std::max(2, static_cast<int>(plot.height() / kPriceLabelPx)));
    w.priceGrid = prices.prices;
    const bool windowChanged = !(w == m_window);
    m_window = w;

    if (windowChanged) {
        m_timeScale->setTicks(plot, start, end, ticks, utcOffsetMs);
        m_priceScale->setTicks(plot, w.yMin, w.yMax, prices);
    }
    m_candles->setWindow(w, false);
    m_live->setWindow(w, barsChanged);
    m_events->setEvents(chartEvents(), w, decimals());
    m_eventsSeen = m_model.events().size();
    m_lastEventMs = m_model.events().empty() ? 0 : m_model.events().back().timeMs;
    placeLines();
}

void PriceChartView::refreshEvents()
{
    // Cheap: the markers are rebuilt only when the count or the newest event differ
    // (a new trade clears the model's events; a stop-out or liquidation adds one).
    const auto& events = m_model.events();
    const qint64 lastMs = events.empty() ? 0 : events.back().timeMs;
    if (events.size() == m_eventsSeen && lastMs == m_lastEventMs)
        return;
    m_eventsSeen = events.size();
    m_lastEventMs = lastMs;
    m_events->setEvents(chartEvents(), m_window, decimals());
}

std::vector<model::PositionEvent> PriceChartView::chartEvents() const
{
    std::vector<model::PositionEvent> events = m_model.events();
    if (m_portfolio) {
        // The portfolio's liquidations of this asset, marked where its mark stood.
        for (const auto& e : m_portfolio->events()) {
            if (model::sameAsset(e.symbol, m_model.inputs().symbol))
                events.push_back({model::PositionEvent::Kind::Liquidated, e.timeMs, e.price, e.loss});
        }
    }
    return events;
}

void PriceChartView::setPortfolio(model::PortfolioModel* portfolio)
{
    m_portfolio = portfolio;
    if (!portfolio)
        return;
    connect(portfolio, &model::PortfolioModel::changed, this, &PriceChartView::placePortfolioLines);
    connect(portfolio, &model::PortfolioModel::marksChanged, this, &PriceChartView::placePortfolioLines);
    connect(portfolio, &model::PortfolioModel::liquidated, this, [this] { m_events->setEvents(chartEvents(), m_window, decimals()); });
    placePortfolioLines();
}

void PriceChartView::setShowPortfolioLevels(bool show)
{
    m_showPortfolio = show;
    placePortfolioLines();
}

void PriceChartView::setSelectedPortfolioPosition(int row)
{
    m_selectedRow = row;
    placePortfolioLines();
}

void PriceChartView::placePortfolioLines()
{
    placePortfolioLevels();
    arrangeTags();
}

void PriceChartView::placePortfolioLevels()
{
    struct Level {
        LevelLine::Kind kind;
        QString name;
        double price;
    };
    std::vector<Level> levels;
    if (m_portfolio && m_portfolio->snapshot().valid) {
        const auto& holdings = m_portfolio->holdings();
        const auto& results = m_portfolio->snapshot().account.positions;
        for (std::size_t i = 0; i < holdings.size() && i < results.size(); ++i) {
            if (!model::sameAsset(holdings[i].symbol, m_model.inputs().symbol))
                continue;
            const bool selected = static_cast<int>(i) == m_selectedRow;
            if (selected)
                levels.push_back({LevelLine::Kind::Entry, tr("Entry %1").arg(holdings[i].id), holdings[i].entry});
            if ((selected || m_showPortfolio) && results[i].liquidationPrice)
                levels.push_back({LevelLine::Kind::Liquidation, tr("Liq %1").arg(holdings[i].id), *results[i].liquidationPrice});
        }
    }
    // Lines are made per kind and reused; a kind change replaces the item.
    while (m_portfolioLines.size() < levels.size())
        m_portfolioLines.push_back(nullptr);
    for (std::size_t i = 0; i < levels.size(); ++i) {
        if (!m_portfolioLines[i] || m_portfolioLines[i]->kind() != levels[i].kind) {
            delete m_portfolioLines[i];
            m_portfolioLines[i] = new LevelLine(levels[i].kind, m_theme, m_chart);
            m_portfolioLines[i]->setOpacity(0.8);
        }
    }
    const double reference = m_model.market().mark;
    for (std::size_t i = 0; i < m_portfolioLines.size(); ++i) {
        LevelLine* line = m_portfolioLines[i];
        if (i >= levels.size()) {
            line->setLevel(std::nullopt, reference, decimals());
            continue;
        }
        line->setName(levels[i].name);
        line->setFrame(m_window.plot, m_window.yMin, m_window.yMax, kTagWidth);
        line->setLevel(levels[i].price, reference, decimals());
    }
}

void PriceChartView::placeLines()
{
    const auto& s = m_model.snapshot();
    const auto& in = m_model.inputs();
    const auto& mk = m_model.market();
    const int d = decimals();
    const double entry = s.entry;
    auto level = [&](LevelLine::Kind kind) -> std::optional<double> {
        switch (kind) {
        case LevelLine::Kind::Entry: return s.valid ? std::optional(entry) : std::nullopt;
        case LevelLine::Kind::Liquidation: return s.valid ? s.position.liquidationPrice : std::nullopt;
        case LevelLine::Kind::Bankruptcy: return s.valid ? s.position.bankruptcyPrice : std::nullopt;
        case LevelLine::Kind::StopLoss: return s.stopNow ? s.stopNow : in.stopLoss;  // an open ladder's stop moves
        case LevelLine::Kind::TakeProfit: return in.takeProfit;
        case LevelLine::Kind::Mark:
            // At market the entry is the mark: one line says it.
            return mk.mark > 0 && !in.entryAtMarket ? std::optional(mk.mark) : std::nullopt;
        case LevelLine::Kind::Last: return mk.last > 0 ? std::optional(mk.last) : std::nullopt;
        }
        return std::nullopt;
    };
    for (LevelLine* line : m_lines) {
        line->setFrame(m_window.plot, m_window.yMin, m_window.yMax, kTagWidth);
        line->setLevel(level(line->kind()), entry, d);
    }
    placePortfolioLevels();
    m_ladder->place(m_window.plot, m_window.yMin, m_window.yMax, kTagWidth, d);
    arrangeTags();
}

void PriceChartView::arrangeTags()
{
    std::vector<LevelLine*> others = m_portfolioLines;
    others.insert(others.end(), m_ladder->lines().begin(), m_ladder->lines().end());
    m_priceScale->setCovered(arrangeLevelTags(m_window.plot, m_lines, others));
}

QPoint PriceChartView::viewportPointFor(double price) const
{
    const QRectF plot = m_window.plot;
    const double y = plot.top() + (m_window.yMax - price) / (m_window.yMax - m_window.yMin) * plot.height();
    return mapFromScene(m_chart->mapToScene(QPointF(plot.center().x(), y)));
}

void PriceChartView::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    relayout(false);
}

}  // namespace levlab::ui
