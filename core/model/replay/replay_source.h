#pragma once

#include "core/engine/history/bar.h"
#include "core/engine/history/funding_series.h"
#include "core/model/market/market_source.h"

#include <QElapsedTimer>
#include <QTimer>

#include <vector>

namespace levlab::model {

/// A market that replays imported bars, as TradingView's bar replay does: pick a start
/// time (later bars stay hidden), then play, pause, step one bar, change the speed or
/// jump to a date.
///
/// Trade files carry last prices only, so the replay's price stands in for the mark
/// (mark = last = index). Each bar is revealed whole on the chart, then walked along
/// engine::intraBarPath (bullish: open → low → high → close; bearish: open → high → low
/// → close), one tick per point, each stamped with the bar's END time — the time an
/// exchange's bucketed bar carries, and the time an exit in that bar is reported at.
/// A bar without trades (flat at the previous close) moves nothing. Funding settlements
/// whose time falls inside a bar (after its start, up to its end) settle after its path,
/// oldest first.
class ReplaySource final : public MarketSource {
    Q_OBJECT
public:
    /// `bars` oldest first, stamped with their open times (as the importer gives them),
    /// of the instrument `symbol` ("XBTUSD").
    ReplaySource(QString name, QString symbol, std::vector<engine::Bar> bars, QObject* parent = nullptr);

    void setFunding(std::vector<engine::FundingSettlement> settlements);
    [[nodiscard]] const std::vector<engine::FundingSettlement>& funding() const { return m_funding; }
    [[nodiscard]] const std::vector<engine::Bar>& bars() const { return m_bars; }
    [[nodiscard]] const QString& symbol() const { return m_symbol; }
    /// The usual spacing of the bars, seconds.
    [[nodiscard]] qint64 intervalSeconds() const { return m_interval; }

    /// Starts over at `timeSeconds`: bars opening before it are history, the rest hidden;
    /// the price is the open of the first hidden bar. A time before the data starts at
    /// the first bar, one after it at the last.
    void start(qint64 timeSeconds);
    /// Reveals the next bar along its path. False (and nothing happens) at the end.
    bool step();
    /// Forward: reveals bar after bar up to the one holding `timeSeconds`, through its
    /// path (exits and funding happen on the way). Backward: start(timeSeconds).
    void jumpTo(qint64 timeSeconds);
    /// The index of the next bar to reveal (bars().size() at the end).
    [[nodiscard]] std::size_t position() const { return m_next; }
    [[nodiscard]] bool atEnd() const { return m_next >= m_bars.size(); }
    [[nodiscard]] qint64 startSeconds() const { return m_startSeconds; }

    [[nodiscard]] const CandleStore& candles() const override { return m_candles; }
    [[nodiscard]] const CandleStore& candles(const QString&) const override { return m_candles; }
    [[nodiscard]] MarketState state() const override;
    /// The replay's state for a symbol of the same asset ("BTCUSDT" on an XBTUSD replay);
    /// no price (all zero) for another asset.
    [[nodiscard]] MarketState state(const QString& symbol) const override;
    [[nodiscard]] qint64 nowMs() const override { return m_nowMs; }
    void setFocus(const QString&) override {}
    /// A multiple of real time, as the simulated market's: at 60× one-minute bars come one
    /// a second. 0 pauses; playing stops by itself at the end.
    [[nodiscard]] double speed() const override { return m_speed; }
    void setSpeed(double speed) override;
    [[nodiscard]] QString name() const override { return m_name; }

signals:
    /// A settlement of the loaded funding history came due.
    void fundingSettled(const levlab::engine::FundingSettlement& settlement);
    /// start() began the replay afresh (a plan against it starts over too).
    void restarted();

private:
    void emitTick(double price);
    void onTimer();

    QString m_name;
    QString m_symbol;
    std::vector<engine::Bar> m_bars;
    std::vector<engine::FundingSettlement> m_funding;
    qint64 m_interval = 60;
    CandleStore m_candles;
    std::size_t m_next = 0;
    std::size_t m_nextFunding = 0;
    qint64 m_startSeconds = 0;
    qint64 m_nowMs = 0;
    double m_price = 0.0;
    double m_speed = 0.0;
    double m_barDebt = 0.0;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastWallMs = 0;
};

}  // namespace levlab::model
