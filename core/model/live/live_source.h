#pragma once

#include "core/model/live/live_market.h"
#include "core/model/market/market_source.h"

#include <QTimer>

#include <functional>
#include <optional>
#include <vector>

namespace levlab::model {

/// A venue followed live, as a market source: the chart, the market bar and the plan
/// follow it exactly as they follow the simulated market or a replay. The candles are
/// the venue's one-minute candles (the REST backfill first, then the stream; a gap
/// backfilled after a reconnect redraws the series whole), with the current minute
/// moved by each mark and trade. Prices are the venue's; until the first mark arrives
/// the last candle's close stands in. Speed is real time only: 0 disconnects.
///
/// A venue may send a thousand frames a second; the plan, the chart and the status
/// line need at most one change a frame. The candles take every frame at once, and
/// advanced() and statusChanged() come at most once every frame interval (the first
/// at once, the rest folded into one at the interval's end, so the last word always
/// arrives).
class LiveSource final : public MarketSource {
    Q_OBJECT
public:
    LiveSource(LiveVenue venue, const QString& symbol, QObject* parent = nullptr);

    /// The venue's public servers, unless LEVLAB_LIVE_STREAM_URL and LEVLAB_LIVE_REST_URL
    /// are set (both): then those, for whichever venue is chosen — a test hook for a
    /// local stand-in server, documented in the README.
    [[nodiscard]] static LiveEndpoints endpoints(LiveVenue venue);

    [[nodiscard]] LiveMarket& live() { return m_live; }
    /// The clock of the source and its connection (UTC ms), for tests.
    void setClock(std::function<qint64()> nowMs);
    void start() { m_live.start(); }
    void stop() { m_live.stop(); }

    [[nodiscard]] LiveVenue venue() const { return m_live.snapshot().venue; }
    [[nodiscard]] const QString& symbol() const { return m_symbol; }
    [[nodiscard]] const LiveSnapshot& snapshot() const { return m_live.snapshot(); }
    /// "Live", "No data for 5 s", "Reconnecting in 8 s", "Connecting to BitMEX…".
    [[nodiscard]] QString statusText() const { return m_live.statusText(); }
    /// True unless fresh market data is flowing: figures from these prices must say so.
    [[nodiscard]] bool stale() const { return snapshot().stale(); }
    /// When market data last arrived (0: never).
    [[nodiscard]] qint64 lastDataMs() const { return snapshot().lastDataMs; }
    [[nodiscard]] std::optional<qint64> nextFundingMs() const { return snapshot().quote.nextFundingMs; }
    /// The venue's funding interval: its own word when it sends one, else 1 h on
    /// Hyperliquid and 8 h elsewhere.
    [[nodiscard]] int fundingIntervalHours() const;

    [[nodiscard]] const CandleStore& candles() const override { return m_candles; }
    [[nodiscard]] const CandleStore& candles(const QString&) const override { return m_candles; }
    /// Mark, last and index as the venue sent them; funding as a rate per 8 h.
    [[nodiscard]] MarketState state() const override;
    /// The same for a symbol of the same asset; no price (all zero) for another asset.
    [[nodiscard]] MarketState state(const QString& symbol) const override;
    [[nodiscard]] qint64 nowMs() const override { return m_now(); }
    void setFocus(const QString&) override {}
    [[nodiscard]] double speed() const override { return m_running ? 1.0 : 0.0; }
    /// Any speed above 0 connects and runs in real time (speed() stays 1); 0 disconnects.
    void setSpeed(double speed) override;
    /// "Live · Binance USDⓈ-M BTCUSDT".
    [[nodiscard]] QString name() const override;

signals:
    /// The connection's state or status text changed (at least once a second while stale).
    void statusChanged();

private:
    void onChanged();
    void onCandles();
    void rebuild(const std::vector<LiveCandle>& all);
    /// Asks for advanced() (when `moved`) and statusChanged(), at most once a frame.
    void notify(bool moved);
    void onFrame();

    QString m_symbol;
    LiveMarket m_live;
    std::function<qint64()> m_now;
    CandleStore m_candles;
    std::vector<LiveCandle> m_closed;  ///< the closed candles the store holds, oldest first
    std::optional<LiveCandle> m_forming;
    double m_lastMark = 0.0;
    double m_lastLast = 0.0;
    bool m_running = false;
    QTimer m_frame;  ///< runs for one frame interval after each notice
    bool m_pending = false;      ///< a notice is owed (statusChanged(), and advanced() when…)
    bool m_pendingMove = false;  ///< …the prices moved
};

}  // namespace levlab::model
