#pragma once

#include "core/model/feeds/candle_store.h"
#include "core/model/plan/plan_inputs.h"

#include <QObject>
#include <QString>

namespace levlab::model {

/// Where the market comes from: the simulated market, a replay of imported bars, and
/// later a live exchange. A source publishes its ticks (advanced(): the mark and last
/// moved) and its finished one-minute bars (barFinished()); views and models follow
/// these signals, never the plan model's, so a source drives the chart and the market
/// bar whatever the plan does.
class MarketSource : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// Candles of the asset in focus.
    [[nodiscard]] virtual const CandleStore& candles() const = 0;
    /// Candles of an asset by symbol or base ("BTCUSDT", "XBTUSD", "ETH").
    [[nodiscard]] virtual const CandleStore& candles(const QString& symbol) const = 0;
    /// Mark, last, index, funding and the last hour's range, of the asset in focus.
    [[nodiscard]] virtual MarketState state() const = 0;
    /// The same for an asset by symbol or base.
    [[nodiscard]] virtual MarketState state(const QString& symbol) const = 0;
    /// The source's clock: the time of its latest tick, ms since 1970 UTC.
    [[nodiscard]] virtual qint64 nowMs() const = 0;
    /// Chooses the asset candles() and state() describe (the plan's symbol).
    virtual void setFocus(const QString& symbol) = 0;
    /// 0: paused. What a speed means is the source's own (a multiple of real time).
    [[nodiscard]] virtual double speed() const = 0;
    virtual void setSpeed(double speed) = 0;
    /// A short name for the market bar ("Simulated", "Replay of Black Thursday").
    [[nodiscard]] virtual QString name() const = 0;

signals:
    /// One batch of ticks: the mark and last moved.
    void advanced();
    /// A one-minute bar finished.
    void barFinished(const levlab::model::Candle& bar);
    /// Speed or another control changed.
    void controlsChanged();
    /// candles() now holds other candles: views redraw them whole.
    void seriesReset();
};

}  // namespace levlab::model
