#include "core/model/live/live_source.h"

#include "core/model/market/instrument.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace levlab::model {

namespace {

MarketState noPrice(qint64 timeMs)
{
    MarketState s;
    s.timeMs = timeMs;
    return s;
}

constexpr std::size_t kCapacity1m = 8192;  // the live market keeps three days; room to spare
constexpr qint64 kRecentMs = 3600000;      // the plan's recent range: the last hour
constexpr int kFrameMs = 17;               // at most 60 notices a second, as the simulated market

Candle toCandle(const LiveCandle& c)
{
    return Candle{c.openMs, c.open, c.high, c.low, c.close, c.close};
}

bool sameCandle(const LiveCandle& a, const LiveCandle& b)
{
    return a.openMs == b.openMs && a.open == b.open && a.high == b.high && a.low == b.low && a.close == b.close;
}

}  // namespace

LiveSource::LiveSource(LiveVenue venue, const QString& symbol, QObject* parent)
    : MarketSource(parent), m_symbol(symbol), m_live(venue, symbol), m_now([] { return QDateTime::currentMSecsSinceEpoch(); }),
      m_candles(kCapacity1m)
{
    m_live.setEndpoints(endpoints(venue));
    connect(&m_live, &LiveMarket::changed, this, &LiveSource::onChanged);
    connect(&m_live, &LiveMarket::candlesChanged, this, &LiveSource::onCandles);
    m_frame.setSingleShot(true);
    m_frame.setTimerType(Qt::PreciseTimer);
    m_frame.setInterval(kFrameMs);
    connect(&m_frame, &QTimer::timeout, this, &LiveSource::onFrame);
}

LiveEndpoints LiveSource::endpoints(LiveVenue venue)
{
    const QByteArray stream = qgetenv("LEVLAB_LIVE_STREAM_URL");
    const QByteArray rest = qgetenv("LEVLAB_LIVE_REST_URL");
    if (!stream.isEmpty() && !rest.isEmpty())
        return {QUrl(QString::fromUtf8(stream)), QUrl(QString::fromUtf8(rest))};
    return LiveEndpoints::publicServers(venue);
}

void LiveSource::setClock(std::function<qint64()> nowMs)
{
    m_now = nowMs;
    m_live.setClock(std::move(nowMs));
}

int LiveSource::fundingIntervalHours() const
{
    if (const auto& h = snapshot().quote.fundingIntervalHours; h && *h > 0)
        return *h;
    return venue() == LiveVenue::Hyperliquid ? 1 : 8;
}

MarketState LiveSource::state() const
{
    const LiveQuote& q = snapshot().quote;
    MarketState s;
    s.timeMs = m_now();
    const double fallback = m_forming ? m_forming->close : (m_closed.empty() ? 0.0 : m_closed.back().close);
    s.last = q.last.value_or(q.mark.value_or(fallback));
    s.mark = q.mark.value_or(s.last);
    s.index = q.index.value_or(s.mark);
    s.fundingRate = q.fundingRate.value_or(0.0) * 8.0 / fundingIntervalHours();
    // The last hour's range of last prices, wicks included, and the price now.
    s.recentLow = s.last;
    s.recentHigh = s.last;
    const CandleSeries& m1 = m_candles.series(Timeframe::M1);
    for (std::size_t i = m1.lowerBound(s.timeMs - kRecentMs); i < m1.size(); ++i) {
        s.recentLow = s.recentLow > 0.0 ? std::min(s.recentLow, m1.at(i).low) : m1.at(i).low;
        s.recentHigh = std::max(s.recentHigh, m1.at(i).high);
    }
    if (!(s.mark > 0.0) || !std::isfinite(s.mark))
        return noPrice(s.timeMs);
    return s;
}

MarketState LiveSource::state(const QString& symbol) const
{
    if (!sameAsset(symbol, m_symbol))
        return noPrice(m_now());
    return state();
}

void LiveSource::setSpeed(double speed)
{
    // Real time only: a faster speed asked for shows as 1× again.
    const bool run = speed > 0.0;
    if (run != m_running) {
        m_running = run;
        if (run)
            m_live.start();
        else
            m_live.stop();
    }
    emit controlsChanged();
}

QString LiveSource::name() const
{
    return QStringLiteral("Live · %1 %2").arg(liveVenueName(venue()), m_symbol);
}

void LiveSource::onChanged()
{
    // As state() reads them: a trade before the first mark stands in for the mark.
    const LiveQuote& q = snapshot().quote;
    const double last = q.last.value_or(q.mark.value_or(0.0));
    const double mark = q.mark.value_or(last);
    if (mark != m_lastMark || last != m_lastLast) {
        m_lastMark = mark;
        m_lastLast = last;
        if (last > 0.0 && mark > 0.0)
            m_candles.addTick(m_now(), last, mark);
        notify(true);
        return;
    }
    notify(false);
}

void LiveSource::notify(bool moved)
{
    m_pendingMove = m_pendingMove || moved;
    m_pending = true;
    if (!m_frame.isActive())
        onFrame();
}

void LiveSource::onFrame()
{
    if (!m_pending)
        return;  // a quiet interval: the next notice goes out at once
    const bool moved = m_pendingMove;
    m_pending = m_pendingMove = false;
    m_frame.start();
    if (moved)
        emit advanced();
    emit statusChanged();
}

void LiveSource::onCandles()
{
    const std::vector<LiveCandle> all = m_live.candles();
    std::vector<LiveCandle> closed;
    closed.reserve(all.size());
    std::optional<LiveCandle> forming;
    for (const LiveCandle& c : all) {
        if (c.closed)
            closed.push_back(c);
        else
            forming = c;  // the newest unfinished minute
    }
    const bool prefix = closed.size() >= m_closed.size()
                        && std::equal(m_closed.begin(), m_closed.end(), closed.begin(), sameCandle);
    if (!prefix || m_closed.empty() || closed.size() > m_closed.size()) {
        // New finished minutes (or a gap filled, or a revision): the series whole, exact.
        // The first backfill is history; later, each minute newer than those held finished.
        const bool first = m_closed.empty();
        const qint64 lastOpen = first ? 0 : m_closed.back().openMs;
        m_closed = std::move(closed);
        m_forming = forming;
        rebuild(all);
        emit seriesReset();
        for (const LiveCandle& c : m_closed)
            if (!first && c.openMs > lastOpen)
                emit barFinished(toCandle(c));
        emit advanced();
        return;
    }
    // Only the current minute moved.
    m_forming = forming;
    if (forming) {
        m_candles.addBar(toCandle(*forming));
        notify(true);
    }
}

void LiveSource::rebuild(const std::vector<LiveCandle>& all)
{
    m_candles = CandleStore(kCapacity1m);
    for (const LiveCandle& c : all)
        m_candles.addBar(toCandle(c));
}

}  // namespace levlab::model
