#pragma once

#include "core/model/live/backoff.h"
#include "core/model/live/live_snapshot.h"
#include "core/model/live/venue_protocol.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;
class QWebSocket;

namespace levlab::model {

/// Timings of a live source; the defaults are the product's, tests shorten them.
struct LiveSettings final {
    Backoff::Settings backoff;           ///< 1 s doubling to 60 s, ±20 %
    int staleAfterMs = 5000;             ///< no data this long: stale
    int silentDropMs = 20000;            ///< no data this long: drop the connection and reconnect
    int goodConnectionMs = 30000;        ///< a connection with data that lasted this long resets the back-off
    int connectTimeoutMs = 10000;        ///< a handshake not done by then is abandoned
    int watchdogMs = 1000;               ///< how often staleness is checked and the status text renewed
    int pingIntervalMs = 0;              ///< 0: the venue's own interval
    int backfillMinutes = 240;           ///< one-minute candles loaded on the first connection
    int maxCandles = 4320;               ///< candles kept (three days)
    int restRetries = 4;                 ///< further attempts of a failed backfill request
};

/// A venue's public market data, followed live: one websocket, REST backfill of
/// one-minute candles on connect and after every reconnect, heartbeats, back-off
/// with jitter, staleness. Opt-in; nothing here needs an account or a key, and
/// nothing is ever sent but subscriptions, pings and candle requests. Never
/// blocks: every network step is a signal on the thread's event loop.
class LiveMarket final : public QObject {
    Q_OBJECT
public:
    LiveMarket(LiveVenue venue, const QString& symbol, QObject* parent = nullptr);
    ~LiveMarket() override;

    void setEndpoints(const LiveEndpoints& endpoints) { m_endpoints = endpoints; }
    void setSettings(const LiveSettings& settings);
    /// The clock (UTC ms) and the jitter's random source, for tests.
    void setClock(std::function<qint64()> nowMs) { m_now = std::move(nowMs); }
    void setRandom(std::function<double()> random01) { m_random = std::move(random01); }

    void start();
    void stop();

    [[nodiscard]] const LiveSnapshot& snapshot() const { return m_snapshot; }
    [[nodiscard]] QString statusText() const { return liveStatusText(m_snapshot, m_now()); }
    /// The one-minute candles held, oldest first.
    [[nodiscard]] std::vector<LiveCandle> candles() const;

signals:
    /// The snapshot changed: a price, the state or the status text.
    void changed();
    void tradesArrived(const std::vector<levlab::model::LiveTrade>& trades);
    /// Candles were added or updated (by the stream or a backfill).
    void candlesChanged();
    /// The next attempt waits `delayMs`.
    void reconnectScheduled(qint64 delayMs);
    /// A backfill ended: `candles` received, or `error` in words.
    void backfillFinished(int candles, const QString& error);

private:
    void connectNow();
    void onConnected();
    void onText(const QString& text);
    void onDropped(quint64 generation);
    void onWatchdog();
    void scheduleReconnect();
    void requestCandles(qint64 fromMs, qint64 toMs, int attempt);
    void onCandles(QNetworkReply* reply, qint64 fromMs, qint64 toMs, int attempt, quint64 generation);
    void mergeCandle(const LiveCandle& c, bool fromRest);
    void setState(LiveState s);

    std::unique_ptr<VenueProtocol> m_protocol;
    LiveEndpoints m_endpoints;
    LiveSettings m_settings;
    Backoff m_backoff;
    std::function<qint64()> m_now;
    std::function<double()> m_random;
    LiveSnapshot m_snapshot;
    std::map<qint64, LiveCandle> m_candles;

    QWebSocket* m_socket = nullptr;
    QNetworkAccessManager* m_network = nullptr;
    QTimer m_reconnectTimer;
    QTimer m_pingTimer;
    QTimer m_watchdog;
    quint64 m_generation = 0;  ///< the connection replies belong to
    bool m_running = false;
    bool m_connected = false;
    qint64 m_connectStartedMs = 0;
    qint64 m_connectedAtMs = 0;
    bool m_gotData = false;
};

}  // namespace levlab::model
