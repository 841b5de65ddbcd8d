#include "ui/chart/price_chart_view.h"

#include "core/model/feeds/market_feed.h"
#include "core/model/plan/risk_model.h"
#include "core/model/tiers/tier_library.h"
#include "ui/chart/event_layer.h"
#include "ui/chart/price_scale.h"
#include "ui/chart/time_scale.h"

#include <gtest/gtest.h>

#include <QTest>

#include <algorithm>
#include <functional>
#include <cmath>

namespace levlab::ui {
namespace {

using Kind = LevelLine::Kind;

/// The chart on its own, bound to a model and a seeded market, as the window builds it.
class PriceChart : public ::testing::Test {
protected:
    void SetUp() override
    {
        feed.generateHistory(3000);
        QObject::connect(&feed, &model::MarketFeed::advanced, &riskModel, [this] { riskModel.setMarket(feed.state()); });
        riskModel.setMarket(feed.state());
        mark = feed.state().mark;
        model::PlanInputs in;
        in.size = 0.5;
        in.leverage = 10.0;
        in.wallet = 10000.0;
        in.stopLoss = riskModel.snapToTick(mark * 0.98);
        in.takeProfit = riskModel.snapToTick(mark * 1.04);
        ASSERT_FALSE(riskModel.setInputs(in));
        chart = std::make_unique<PriceChartView>(riskModel, feed, Theme::darkTheme());
        chart->resize(1000, 600);
        chart->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(chart.get()));
        chart->flushFrame();
    }

    const LevelLine& line(Kind k) const { return chart->line(k); }
    QRectF plot() const { return chart->candles().window().plot; }

    /// Every drawn tag: none overlaps another, and a higher price is never below a lower one.
    void expectTagsApartInPriceOrder(bool pinned) const
    {
        std::vector<const LevelLine*> shown;
        for (int k = 0; k <= static_cast<int>(Kind::Last); ++k) {
            const LevelLine& l = line(static_cast<Kind>(k));
            if (l.tagShown() && l.pinned() == pinned)
                shown.push_back(&l);
        }
        for (const LevelLine* a : shown) {
            for (const LevelLine* b : shown) {
                if (a == b)
                    continue;
                EXPECT_FALSE(a->tagRect().intersects(b->tagRect()))
                    << a->labelText().toStdString() << " overlaps " << b->labelText().toStdString();
                if (*a->level() > *b->level() && a->outside() == b->outside()) {
                    EXPECT_LT(a->tagRect().top(), b->tagRect().top())
                        << a->labelText().toStdString() << " is drawn below " << b->labelText().toStdString();
                }
            }
        }
    }

    model::TierLibrary tiers = model::TierLibrary::loadShipped();
    model::MarketFeed feed{20240101, 42000.0, 1704067200000};
    model::RiskModel riskModel{tiers};
    double mark = 0.0;
    std::unique_ptr<PriceChartView> chart;
};

TEST_F(PriceChart, LiquidationAndBankruptcyAFewPixelsApartBothShowInPriceOrder)
{
    // A target 20% up widens the axis, so the 10x long's liquidation and bankruptcy
    // (about 0.4% of entry apart) land a few pixels from each other.
    ASSERT_FALSE(riskModel.setTakeProfit(riskModel.snapToTick(mark * 1.20)));
    chart->flushFrame();
    const LevelLine& liq = line(Kind::Liquidation);
    const LevelLine& bankr = line(Kind::Bankruptcy);
    ASSERT_FALSE(liq.pinned());
    ASSERT_FALSE(bankr.pinned());
    ASSERT_GT(*liq.level(), *bankr.level());
    ASSERT_LT(std::abs(liq.lineY() - bankr.lineY()), 10.0) << "the lines must crowd for this test";

    EXPECT_TRUE(liq.tagShown());
    EXPECT_TRUE(bankr.tagShown());
    EXPECT_FALSE(liq.tagRect().intersects(bankr.tagRect()));
    EXPECT_LT(liq.tagRect().bottom(), bankr.tagRect().top() + 0.001);
    EXPECT_TRUE(liq.labelText().startsWith(QStringLiteral("Liq ")));
    EXPECT_TRUE(bankr.labelText().startsWith(QStringLiteral("Bankr ")));
    // The trader's change shows at once, not at the market's pace: the target's tag gives its new price.
    EXPECT_TRUE(line(Kind::TakeProfit).tagText().contains(QStringLiteral("+20.")))
        << line(Kind::TakeProfit).tagText().toStdString();
    // Each tag stays near its line: together they move apart by one tag's height at most.
    EXPECT_LT(std::abs(liq.tagRect().center().y() - liq.lineY()), LevelLine::kTagHeight);
    EXPECT_LT(std::abs(bankr.tagRect().center().y() - bankr.lineY()), LevelLine::kTagHeight);
    expectTagsApartInPriceOrder(false);
}

TEST_F(PriceChart, WithoutRoomLiquidationSpeaksForBankruptcy)
{
    // A chart so short that its plot holds only a few tags: the crowded ones merge.
    ASSERT_FALSE(riskModel.setTakeProfit(riskModel.snapToTick(mark * 1.20)));
    chart->resize(1000, 110);
    QApplication::processEvents();
    chart->flushFrame();
    const LevelLine& liq = line(Kind::Liquidation);
    const LevelLine& bankr = line(Kind::Bankruptcy);
    ASSERT_LT(plot().height(), 6 * (LevelLine::kTagHeight + LevelLine::kTagGap));
    ASSERT_FALSE(liq.pinned());
    EXPECT_TRUE(liq.tagShown());
    EXPECT_FALSE(bankr.tagShown());
    EXPECT_TRUE(liq.labelText().startsWith(QStringLiteral("Liq ≈ Bankr")) || liq.labelText().startsWith(QStringLiteral("Liq +")))
        << liq.labelText().toStdString();
    expectTagsApartInPriceOrder(false);
}

TEST_F(PriceChart, PinnedTagsStackInPriceOrderInsideThePlot)
{
    // At 2x the liquidation lies about 50% below entry: off the axis, pinned to the bottom with bankruptcy.
    ASSERT_FALSE(riskModel.setSize(0.1));
    ASSERT_FALSE(riskModel.setLeverage(2.0));
    chart->flushFrame();
    const LevelLine& liq = line(Kind::Liquidation);
    const LevelLine& bankr = line(Kind::Bankruptcy);
    ASSERT_TRUE(liq.pinned());
    ASSERT_TRUE(bankr.pinned());
    EXPECT_TRUE(liq.labelText().startsWith(QStringLiteral("▼ Liq ")));
    EXPECT_TRUE(liq.tagShown());
    EXPECT_TRUE(bankr.tagShown());
    // The lower price sits at the edge, the higher above it, both inside the plot: the
    // axis labels right of the plot stay clear.
    EXPECT_LT(liq.tagRect().bottom(), bankr.tagRect().top() + 0.001);
    EXPECT_DOUBLE_EQ(bankr.tagRect().bottom(), plot().bottom());
    for (const LevelLine* l : {&liq, &bankr}) {
        EXPECT_LE(l->tagRect().right(), plot().right());
        EXPECT_GE(l->tagRect().left(), plot().left());
    }
    expectTagsApartInPriceOrder(true);
    expectTagsApartInPriceOrder(false);
}

TEST_F(PriceChart, ClearedEventsLeaveTheChart)
{
    // Opened at the mark; the mark falls through the stop: one "stopped out" marker.
    ASSERT_FALSE(riskModel.openAtMarket());
    model::MarketState m = feed.state();
    m.timeMs += 1000;
    m.mark = m.last = m.index = mark * 0.97;
    riskModel.setMarket(m);
    ASSERT_EQ(riskModel.events().size(), 1u);
    chart->flushFrame();
    EXPECT_EQ(chart->events().visibleCount(), 1);

    riskModel.planAgain();  // a new trade starts with a clean chart
    EXPECT_EQ(chart->events().visibleCount(), 0);
    EXPECT_TRUE(chart->events().labelRects().empty());
}

TEST_F(PriceChart, EventTextStaysInsideThePlot)
{
    // Stopped out at the newest time: the marker is near the right edge, where the text
    // would run past the plot; it flips to the marker's left instead.
    ASSERT_FALSE(riskModel.openAtMarket());
    model::MarketState m = feed.state();
    m.mark = m.last = m.index = mark * 0.97;
    riskModel.setMarket(m);
    ASSERT_EQ(riskModel.events().size(), 1u);
    chart->flushFrame();
    const auto boxes = chart->events().labelRects();
    ASSERT_EQ(boxes.size(), 1u);
    EXPECT_TRUE(plot().contains(boxes[0])) << boxes[0].left() << ", " << boxes[0].top() << " " << boxes[0].width();
}

TEST_F(PriceChart, PriceLabelsAreRoundAndNeverUnderATag)
{
    const PriceScale& scale = chart->priceScale();
    ASSERT_GT(scale.ticks().step, 0.0);
    for (double p : scale.ticks().prices)
        EXPECT_DOUBLE_EQ(std::fmod(p, scale.ticks().step), 0.0) << p;
    ASSERT_FALSE(scale.labels().empty());
    for (const auto& [text, box] : scale.labels()) {
        for (int k = 0; k <= static_cast<int>(Kind::Last); ++k) {
            const LevelLine& l = line(static_cast<Kind>(k));
            if (l.tagShown()) {
                EXPECT_FALSE(l.tagRect().intersects(box)) << text.toStdString() << " under " << l.labelText().toStdString();
            }
        }
    }
}

TEST_F(PriceChart, TimeLabelsFallOnRoundTimes)
{
    // Six hours over about 800 pixels: room for 9 labels, so one every hour, on the hour.
    const TimeScale& scale = chart->timeScale();
    EXPECT_EQ(scale.ticks().stepMs, 3600 * 1000);
    ASSERT_GE(scale.labels().size(), 5);
    for (const QString& label : scale.labels())
        EXPECT_TRUE(label.endsWith(QStringLiteral(":00")) || !label.contains(QLatin1Char(':'))) << label.toStdString();
    for (qint64 t : scale.ticks().timesMs)
        EXPECT_EQ(QDateTime::fromMSecsSinceEpoch(t).time().minute(), 0);
}

}  // namespace
}  // namespace levlab::ui

namespace levlab::ui {
namespace {

TEST_F(PriceChart, AnotherAssetsCandlesAreDrawnWhole)
{
    // The plan moves to ETH: the chart shows ETH's candles and its prices, not BTC's.
    const double eth = feed.markOf(QStringLiteral("ETH"));
    riskModel.setMarketSource([this](const QString& symbol) { return feed.state(symbol); });
    ASSERT_FALSE(riskModel.setSymbol(QStringLiteral("ETHUSDT")));
    feed.setFocus(QStringLiteral("ETH"));  // as the dashboard does when the plan's symbol changes
    chart->flushFrame();
    EXPECT_EQ(chart->candles().window().series, &feed.candles(QStringLiteral("ETH")).series(chart->timeframe()));
    EXPECT_LT(chart->yMin(), eth);
    EXPECT_GT(chart->candles().window().yMax, eth);
    EXPECT_LT(chart->candles().window().yMax, mark / 2) << "the price axis left BTC's prices";
}

TEST_F(PriceChart, FollowsTheMarketsOwnTicksWithoutThePlan)
{
    // A source the plan does not hear from (a replay with no plan) still moves the chart.
    QObject::disconnect(&feed, &model::MarketFeed::advanced, &riskModel, nullptr);
    const qint64 modelTime = riskModel.market().timeMs;
    const qint64 endBefore = chart->candles().window().endMs;
    feed.advance(static_cast<int>(5 * 60 * model::MarketFeed::kTicksPerSecond));  // five minutes of ticks
    EXPECT_EQ(riskModel.market().timeMs, modelTime);
    // The view moved on by the five minutes and draws up to the newest bar.
    EXPECT_EQ(chart->candles().window().endMs - endBefore, 5 * 60 * 1000);
    EXPECT_EQ(chart->candles().window().end, chart->candles().window().series->size());
}

TEST_F(PriceChart, ThePlotIsPaintedWholeWithOrWithoutCandles)
{
    // The view fills only around the plot; the candle layer paints the plot itself, also
    // where no candle falls (a window in the days before the history began).
    const QColor plotColour = Theme::darkTheme().plotBackground;
    const QColor around = Theme::darkTheme().background;
    std::function<QColor(QPointF)> pixel = [&](QPointF q) { return chart->grab().toImage().pixelColor(q.toPoint()); };
    const QRectF p = plot();
    ASSERT_FALSE(p.isEmpty());
    EXPECT_EQ(pixel({p.left() + 3, p.bottom() - 3}), plotColour);
    EXPECT_EQ(pixel({p.left() + 3, p.bottom() + 3}), around) << "below the plot: the view's own fill";
    // A market with no candles yet (a live venue before its backfill): the same plot.
    model::MarketFeed bare{7, 42000.0, 1704067200000};
    PriceChartView emptyChart(riskModel, bare, Theme::darkTheme());
    emptyChart.resize(1000, 600);
    emptyChart.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&emptyChart));
    emptyChart.flushFrame();
    ASSERT_EQ(emptyChart.candles().drawnCount(), 0);
    const QRectF empty = emptyChart.candles().window().plot;
    ASSERT_FALSE(empty.isEmpty());
    pixel = [&](QPointF q) { return emptyChart.grab().toImage().pixelColor(q.toPoint()); };
    EXPECT_EQ(pixel({empty.left() + 3, empty.bottom() - 3}), plotColour);
    EXPECT_EQ(pixel(empty.center()), plotColour);
    EXPECT_EQ(pixel({empty.left() + 3, empty.bottom() + 3}), around);
}

}  // namespace
}  // namespace levlab::ui
