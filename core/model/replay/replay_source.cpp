#include "core/model/replay/replay_source.h"

#include "core/engine/history/bar_path.h"
#include "core/model/market/instrument.h"

#include <algorithm>

namespace levlab::model {

namespace {

constexpr int kFrameMs = 17;                ///< at most 60 batches a second, as the simulated market
constexpr double kMaxBarsPerFrame = 2000.0; ///< a stalled event loop does not burst through the file
constexpr qint64 kRecentSeconds = 3600;     ///< the "last hour" of wicks

/// The most common spacing of the bars (60 s for one-minute bars), 60 when there is one bar.
qint64 usualInterval(const std::vector<engine::Bar>& bars)
{
    std::vector<qint64> gaps;
    gaps.reserve(bars.size());
    for (std::size_t i = 1; i < bars.size(); ++i) {
        if (bars[i].time > bars[i - 1].time)
            gaps.push_back(bars[i].time - bars[i - 1].time);
    }
    if (gaps.empty())
        return 60;
    std::sort(gaps.begin(), gaps.end());
    qint64 best = gaps.front();
    std::size_t bestRun = 0;
    for (std::size_t i = 0; i < gaps.size();) {
        std::size_t j = i;
        while (j < gaps.size() && gaps[j] == gaps[i])
            ++j;
        if (j - i > bestRun) {
            bestRun = j - i;
            best = gaps[i];
        }
        i = j;
    }
    return best;
}

Candle candleOf(const engine::Bar& b)
{
    // Wicks include the open: a BitMEX open is the previous close, outside the bar's own trades.
    return Candle{b.time * 1000, b.open, std::max(b.high, b.open), std::min(b.low, b.open), b.close, b.close};
}

}  // namespace

ReplaySource::ReplaySource(QString name, QString symbol, std::vector<engine::Bar> bars, QObject* parent)
    : MarketSource(parent), m_name(std::move(name)), m_symbol(std::move(symbol)), m_bars(std::move(bars)),
      m_interval(usualInterval(m_bars)), m_candles(std::max<std::size_t>(1, m_bars.size()))
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(kFrameMs);
    connect(&m_timer, &QTimer::timeout, this, &ReplaySource::onTimer);
    start(m_bars.empty() ? 0 : m_bars.front().time);
}

void ReplaySource::setFunding(std::vector<engine::FundingSettlement> settlements)
{
    m_funding = std::move(settlements);
    const qint64 now = m_nowMs / 1000;
    m_nextFunding = static_cast<std::size_t>(
        std::upper_bound(m_funding.begin(), m_funding.end(), now,
                         [](qint64 t, const engine::FundingSettlement& s) { return t < s.time; })
        - m_funding.begin());
    emit advanced();
}

void ReplaySource::start(qint64 timeSeconds)
{
    setSpeed(0.0);
    m_candles = CandleStore(std::max<std::size_t>(1, m_bars.size()));
    m_next = static_cast<std::size_t>(
        std::lower_bound(m_bars.begin(), m_bars.end(), timeSeconds, [](const engine::Bar& b, qint64 t) { return b.time < t; })
        - m_bars.begin());
    if (m_next >= m_bars.size() && !m_bars.empty())
        m_next = m_bars.size() - 1;
    for (std::size_t i = 0; i < m_next; ++i)
        m_candles.addBar(candleOf(m_bars[i]));
    m_startSeconds = m_bars.empty() ? timeSeconds : m_bars[m_next].time;
    m_nowMs = m_startSeconds * 1000;
    m_price = m_bars.empty() ? 0.0 : m_bars[m_next].open;
    m_nextFunding = static_cast<std::size_t>(
        std::upper_bound(m_funding.begin(), m_funding.end(), m_startSeconds,
                         [](qint64 t, const engine::FundingSettlement& s) { return t < s.time; })
        - m_funding.begin());
    emit restarted();
    emit seriesReset();
    emit advanced();
}

void ReplaySource::emitTick(double price)
{
    m_price = price;
    emit advanced();
}

bool ReplaySource::step()
{
    if (atEnd())
        return false;
    const engine::Bar& bar = m_bars[m_next++];
    const Candle candle = candleOf(bar);
    m_candles.addBar(candle);
    const qint64 endSeconds = bar.time + m_interval;
    m_nowMs = endSeconds * 1000;
    const auto path = engine::intraBarPath(bar);
    // The open is where the last bar closed; walk the rest, skipping points that repeat.
    double at = m_price;
    for (std::size_t k = 1; k < path.size(); ++k) {
        if (path[k] != at || k + 1 == path.size()) {
            at = path[k];
            emitTick(at);
        }
    }
    while (m_nextFunding < m_funding.size() && m_funding[m_nextFunding].time <= endSeconds)
        emit fundingSettled(m_funding[m_nextFunding++]);
    emit barFinished(candle);
    if (atEnd() && m_speed > 0.0)
        setSpeed(0.0);
    return true;
}

void ReplaySource::jumpTo(qint64 timeSeconds)
{
    if (timeSeconds < m_nowMs / 1000) {
        start(timeSeconds);
        return;
    }
    while (!atEnd() && m_bars[m_next].time < timeSeconds)
        step();
}

MarketState ReplaySource::state() const
{
    MarketState s;
    s.timeMs = m_nowMs;
    s.mark = s.last = s.index = m_price;
    if (m_nextFunding > 0)
        s.fundingRate = m_funding[m_nextFunding - 1].rate;
    s.recentLow = s.recentHigh = m_price;
    const qint64 since = m_nowMs / 1000 - kRecentSeconds;
    for (std::size_t i = m_next; i > 0 && m_bars[i - 1].time >= since; --i) {
        const Candle c = candleOf(m_bars[i - 1]);
        s.recentLow = std::min(s.recentLow, c.low);
        s.recentHigh = std::max(s.recentHigh, c.high);
    }
    return s;
}

MarketState ReplaySource::state(const QString& symbol) const
{
    if (!symbol.isEmpty() && !sameAsset(symbol, m_symbol)) {
        MarketState none;
        none.timeMs = m_nowMs;
        return none;
    }
    return state();
}

void ReplaySource::setSpeed(double speed)
{
    const double next = atEnd() ? 0.0 : std::max(0.0, speed);
    if (next == m_speed)
        return;
    m_speed = next;
    m_barDebt = 0.0;
    if (m_speed > 0.0) {
        m_clock.start();
        m_lastWallMs = 0;
        m_timer.start();
    } else {
        m_timer.stop();
    }
    emit controlsChanged();
}

void ReplaySource::onTimer()
{
    const qint64 now = m_clock.elapsed();
    const double seconds = static_cast<double>(now - m_lastWallMs) / 1000.0;
    m_lastWallMs = now;
    m_barDebt = std::min(m_barDebt + seconds * m_speed / static_cast<double>(m_interval), kMaxBarsPerFrame);
    while (m_barDebt >= 1.0 && step())
        m_barDebt -= 1.0;
}

}  // namespace levlab::model
