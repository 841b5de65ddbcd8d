#include "core/model/live/live_market.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QWebSocket>

#include <cmath>

namespace levlab::model {

namespace {
constexpr qint64 kMinuteMs = 60 * 1000;
qint64 floorMinute(qint64 ms) { return ms - ms % kMinuteMs; }
}  // namespace

LiveMarket::LiveMarket(LiveVenue venue, const QString& symbol, QObject* parent)
    : QObject(parent),
      m_protocol(VenueProtocol::create(venue, symbol)),
      m_endpoints(LiveEndpoints::publicServers(venue)),
      m_backoff(m_settings.backoff),
      m_now([] { return QDateTime::currentMSecsSinceEpoch(); }),
      m_random([] { return QRandomGenerator::global()->generateDouble(); }),
      m_network(new QNetworkAccessManager(this))
{
    m_snapshot.venue = venue;
    m_snapshot.symbol = symbol;
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &LiveMarket::connectNow);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        if (m_socket && m_connected)
            m_socket->sendTextMessage(QString::fromLatin1(m_protocol->pingFrame()));
    });
    connect(&m_watchdog, &QTimer::timeout, this, &LiveMarket::onWatchdog);
}

LiveMarket::~LiveMarket()
{
    // No signals from a market being destroyed: just close the socket (a child, deleted with us).
    m_running = false;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void LiveMarket::setSettings(const LiveSettings& settings)
{
    m_settings = settings;
    m_backoff = Backoff(settings.backoff);
}

void LiveMarket::start()
{
    if (m_running)
        return;
    m_running = true;
    m_backoff.reset();
    m_watchdog.start(m_settings.watchdogMs);
    connectNow();
}

void LiveMarket::stop()
{
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    m_reconnectTimer.stop();
    m_pingTimer.stop();
    m_watchdog.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    m_connected = false;
    m_snapshot.backfilling = false;
    setState(LiveState::Off);
}

std::vector<LiveCandle> LiveMarket::candles() const
{
    std::vector<LiveCandle> out;
    out.reserve(m_candles.size());
    for (const auto& [openMs, c] : m_candles)
        out.push_back(c);
    return out;
}

void LiveMarket::connectNow()
{
    if (!m_running)
        return;
    const quint64 generation = ++m_generation;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    // Whatever the old connection was in the middle of is forgotten.
    m_protocol->reset();
    m_connected = false;
    m_gotData = false;
    m_snapshot.backfilling = false;
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &LiveMarket::onConnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &LiveMarket::onText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this] {
        m_snapshot.counts.count(FrameKind::Malformed);
    });
    connect(m_socket, &QWebSocket::disconnected, this, [this, generation] { onDropped(generation); });
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this, generation] { onDropped(generation); });
    m_connectStartedMs = m_now();
    setState(LiveState::Connecting);
    m_socket->open(m_protocol->streamUrl(m_endpoints));
}

void LiveMarket::onConnected()
{
    m_connected = true;
    m_connectedAtMs = m_now();
    for (const QByteArray& frame : m_protocol->subscribeFrames())
        m_socket->sendTextMessage(QString::fromLatin1(frame));
    const int ping = m_settings.pingIntervalMs > 0 ? m_settings.pingIntervalMs : m_protocol->pingIntervalMs();
    if (!m_protocol->pingFrame().isEmpty() && ping > 0)
        m_pingTimer.start(ping);
    // Backfill from the last candle held (it may have been unfinished), or the chart's span.
    const qint64 to = floorMinute(m_connectedAtMs);
    const qint64 from = m_candles.empty() ? to - qint64(m_settings.backfillMinutes) * kMinuteMs
                                          : std::max(m_candles.rbegin()->first, to - qint64(m_settings.maxCandles) * kMinuteMs);
    m_snapshot.backfilling = true;
    requestCandles(from, to, 0);
    emit changed();
}

void LiveMarket::onText(const QString& text)
{
    const qint64 now = m_now();
    const QByteArray bytes = text.toUtf8();
    FrameResult r = m_protocol->parse(bytes, now);
    m_snapshot.counts.count(r.kind);
    if (!r.reply.isEmpty() && m_socket)
        m_socket->sendTextMessage(QString::fromLatin1(r.reply));
    if (r.kind != FrameKind::Data)
        return;
    m_gotData = true;
    m_snapshot.lastDataMs = now;
    m_snapshot.quote.merge(r.quote);
    for (const LiveCandle& c : r.candles)
        mergeCandle(c, false);
    if (m_snapshot.state != LiveState::Live)
        setState(LiveState::Live);
    else
        emit changed();
    if (!r.trades.empty())
        emit tradesArrived(r.trades);
    if (!r.candles.empty())
        emit candlesChanged();
}

void LiveMarket::onDropped(quint64 generation)
{
    if (!m_running || generation != m_generation)
        return;
    ++m_generation;  // replies of this connection's requests are ignored from now on
    const qint64 now = m_now();
    if (m_connected && m_gotData && now - m_connectedAtMs >= m_settings.goodConnectionMs)
        m_backoff.reset();
    m_connected = false;
    m_pingTimer.stop();
    m_snapshot.backfilling = false;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    scheduleReconnect();
}

void LiveMarket::scheduleReconnect()
{
    const qint64 delay = m_backoff.next(m_random());
    m_snapshot.reconnectAtMs = m_now() + delay;
    ++m_snapshot.reconnects;
    setState(LiveState::Reconnecting);
    m_reconnectTimer.start(int(delay));
    emit reconnectScheduled(delay);
}

void LiveMarket::onWatchdog()
{
    const qint64 now = m_now();
    switch (m_snapshot.state) {
    case LiveState::Connecting:
        if (!m_connected && now - m_connectStartedMs >= m_settings.connectTimeoutMs)
            onDropped(m_generation);
        else if (m_connected && now - m_connectedAtMs >= m_settings.silentDropMs)
            onDropped(m_generation);  // accepted but never spoke
        return;
    case LiveState::Live:
    case LiveState::Stale: {
        const qint64 quiet = now - std::max(m_snapshot.lastDataMs, m_connectedAtMs);
        if (quiet >= m_settings.silentDropMs) {
            onDropped(m_generation);
        } else if (quiet >= m_settings.staleAfterMs) {
            if (m_snapshot.state != LiveState::Stale)
                setState(LiveState::Stale);
            else
                emit changed();  // "No data for 7 s" counts up
        }
        return;
    }
    case LiveState::Reconnecting:
        emit changed();  // "Reconnecting in 8 s" counts down
        return;
    case LiveState::Off:
        return;
    }
}

void LiveMarket::requestCandles(qint64 fromMs, qint64 toMs, int attempt)
{
    const RestRequest r = m_protocol->candleRequest(m_endpoints, fromMs, toMs);
    QNetworkRequest request(r.url);
    request.setTransferTimeout(m_settings.connectTimeoutMs);
    QNetworkReply* reply = nullptr;
    if (r.body.isEmpty()) {
        reply = m_network->get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = m_network->post(request, r.body);
    }
    const quint64 generation = m_generation;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, fromMs, toMs, attempt, generation] { onCandles(reply, fromMs, toMs, attempt, generation); });
}

void LiveMarket::onCandles(QNetworkReply* reply, qint64 fromMs, qint64 toMs, int attempt, quint64 generation)
{
    reply->deleteLater();
    if (!m_running || generation != m_generation)
        return;  // a reply for a connection that is gone
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QString error;
    std::vector<LiveCandle> got;
    if (reply->error() != QNetworkReply::NoError || status >= 400) {
        error = status >= 400 ? QStringLiteral("the server answered %1").arg(status) : reply->errorString();
    } else {
        auto parsed = m_protocol->parseCandles(reply->readAll());
        if (parsed)
            got = std::move(parsed).value();
        else
            error = QString::fromStdString(parsed.error().message());
    }
    if (!error.isEmpty()) {
        if (attempt < m_settings.restRetries) {
            Backoff retry(m_settings.backoff);
            qint64 delay = 0;
            for (int i = 0; i <= attempt; ++i)
                delay = retry.next(m_random());
            QTimer::singleShot(int(delay), this, [this, fromMs, toMs, attempt, generation] {
                if (m_running && generation == m_generation)
                    requestCandles(fromMs, toMs, attempt + 1);
            });
            return;
        }
        m_snapshot.backfilling = false;
        emit changed();
        emit backfillFinished(0, error);
        return;
    }
    for (const LiveCandle& c : got)
        if (c.openMs >= fromMs && c.openMs <= toMs)
            mergeCandle(c, true);
    // A full page: the rest of the span comes in the next one.
    if (int(got.size()) >= m_protocol->candleLimit() && got.back().openMs < toMs) {
        emit candlesChanged();
        requestCandles(got.back().openMs + kMinuteMs, toMs, 0);
        return;
    }
    m_snapshot.backfilling = false;
    emit candlesChanged();
    emit changed();
    emit backfillFinished(int(got.size()), QString());
}

void LiveMarket::mergeCandle(const LiveCandle& c, bool fromRest)
{
    auto it = m_candles.find(c.openMs);
    LiveCandle candle = c;
    if (fromRest && candle.openMs + kMinuteMs > m_now())
        candle.closed = false;  // the minute is still running
    if (it == m_candles.end())
        m_candles.emplace(candle.openMs, candle);
    else if (!fromRest || !it->second.closed)
        it->second = candle;  // the stream is newer than a backfill of the same minute
    while (m_candles.size() > std::size_t(std::max(1, m_settings.maxCandles)))
        m_candles.erase(m_candles.begin());
}

void LiveMarket::setState(LiveState s)
{
    m_snapshot.state = s;
    emit changed();
}

}  // namespace levlab::model
