#include "core/model/feeds/market_feed.h"

#include "core/model/market/instrument.h"

#include <algorithm>
#include <cmath>

namespace levlab::model {

namespace {

constexpr int kFrameMs = 17;  // at most 60 batches (and so repaints) a second
/// Never catch up more than this many ticks in one frame (a stalled process
/// would otherwise burst).
constexpr double kMaxTicksPerFrame = 20000.0;
constexpr std::size_t kRecentMinutes = 60;

}  // namespace

MarketFeed::MarketFeed(std::uint64_t seed, double startPrice, qint64 startMs, QObject* parent)
    : MarketSource(parent), m_process(seed, startPrice, startMs, 1.0 / kTicksPerSecond), m_seed(seed), m_candles(kHistoryCapacity)
{
    // ETH and SOL follow BTC: betas and own volatilities of the order seen in 2021–2024 data.
    m_followers.emplace_back(QStringLiteral("ETH"), startPrice / 18.0, 1.15, 0.45, seed ^ 0xE7u);
    m_followers.emplace_back(QStringLiteral("SOL"), startPrice / 420.0, 1.45, 0.75, seed ^ 0x501u);
    for (std::size_t i = 0; i < m_followers.size(); ++i)
        m_followerCandles.emplace_back(kHistoryCapacity);
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(kFrameMs);
    connect(&m_timer, &QTimer::timeout, this, &MarketFeed::onTimer);
}

void MarketFeed::generateHistory(std::size_t minutes)
{
    m_historyMinutes += minutes;
    m_candles.reserveMinutes(minutes);
    for (CandleStore& store : m_followerCandles)
        store.reserveMinutes(minutes);
    for (std::size_t i = 0; i < minutes; ++i) {
        const double before = m_process.current().index;
        const Candle bar = m_process.minuteBar();
        m_candles.addBar(bar);
        const double r = std::log(m_process.current().index / before);
        for (std::size_t k = 0; k < m_followers.size(); ++k) {
            Follower& f = m_followers[k];
            const double open = f.price();
            f.step(r, 60.0);
            const double close = f.price();
            m_followerCandles[k].addBar({bar.openMs, open, std::max(open, close), std::min(open, close), close, close});
        }
    }
}

struct MarketFeed::Memento final {
    PriceProcess process;
    std::uint64_t seed = 0;
    std::size_t historyMinutes = 0;
    CandleStore candles;
    std::vector<Follower> followers;
    std::vector<CandleStore> followerCandles;
    int focus = -1;
    double speed = 0.0;
};

std::shared_ptr<const MarketFeed::Memento> MarketFeed::save() const
{
    return std::make_shared<const Memento>(Memento{m_process, m_seed, m_historyMinutes, m_candles, m_followers, m_followerCandles, m_focus, m_speed});
}

void MarketFeed::restore(const Memento& m)
{
    m_process = m.process;
    m_seed = m.seed;
    m_historyMinutes = m.historyMinutes;
    m_candles = m.candles;
    m_followers = m.followers;
    m_followerCandles = m.followerCandles;
    m_focus = m.focus;
    emit seriesReset();
    setSpeed(m.speed);
    emit advanced();
}

void MarketFeed::restart(std::uint64_t seed, double price, std::size_t historyMinutes)
{
    const qint64 now = m_process.current().timeMs;
    const qint64 start = now - static_cast<qint64>(historyMinutes) * 60000;
    const double leader = markOf(QStringLiteral("BTC"));
    m_process = PriceProcess(seed, price, start, 1.0 / kTicksPerSecond);
    m_seed = seed;
    m_historyMinutes = 0;
    m_candles = CandleStore(kHistoryCapacity);
    for (std::size_t k = 0; k < m_followers.size(); ++k) {
        const Follower f = m_followers[k];
        // Followers keep their price relative to the leader and take their own path of the seed.
        m_followers[k] = Follower(f.symbol(), price * f.price() / leader, f.beta(), f.ownVol(), seed ^ (0xE7u + k));
        m_followerCandles[k] = CandleStore(kHistoryCapacity);
    }
    generateHistory(historyMinutes);
    // The path is scale-free: move it so that the mark is the stated price.
    const double factor = price / m_process.current().mark;
    m_process.rescale(factor);
    m_candles.scale(factor);
    emit seriesReset();
    emit controlsChanged();
    emit advanced();
}

MarketPoint MarketFeed::point() const
{
    const Tick& t = m_process.current();
    MarketPoint p{m_seed,       t.timeMs, std::min(m_historyMinutes, kPointHistoryMinutes), {{QStringLiteral("BTC"), t.mark}},
                  t.fundingRate, m_process.scenario(), m_speed};
    for (const Follower& f : m_followers)
        p.marks.emplace_back(f.symbol(), f.price());
    return p;
}

void MarketFeed::restartAt(const MarketPoint& point)
{
    auto markOfAsset = [&point](const QString& asset) {
        for (const auto& [name, mark] : point.marks) {
            if (name == asset)
                return mark;
        }
        return 0.0;
    };
    const double leader = markOfAsset(QStringLiteral("BTC"));
    const double leaderBefore = markOf(QStringLiteral("BTC"));
    const qint64 start = point.timeMs - static_cast<qint64>(point.historyMinutes) * 60000;
    m_process = PriceProcess(point.seed, leader, start, 1.0 / kTicksPerSecond);
    m_seed = point.seed;
    m_historyMinutes = 0;
    m_candles = CandleStore(kHistoryCapacity);
    for (std::size_t k = 0; k < m_followers.size(); ++k) {
        const Follower f = m_followers[k];
        const double own = markOfAsset(f.symbol());
        // A follower without a mark of its own keeps its price relative to the leader.
        m_followers[k] = Follower(f.symbol(), own > 0.0 ? own : leader * f.price() / leaderBefore, f.beta(), f.ownVol(),
                                  point.seed ^ (0xE7u + k));
        m_followerCandles[k] = CandleStore(kHistoryCapacity);
    }
    generateHistory(point.historyMinutes);
    // The paths are scale-free: move each so its mark is exactly the one given.
    const double factor = leader / m_process.current().mark;
    m_process.moveTo(leader, point.fundingRate);
    m_candles.scale(factor);
    for (std::size_t k = 0; k < m_followers.size(); ++k) {
        const double own = markOfAsset(m_followers[k].symbol());
        if (!(own > 0.0))
            continue;
        m_followerCandles[k].scale(own / m_followers[k].price());
        m_followers[k].moveTo(own);
    }
    m_process.setScenario(point.scenario);
    emit seriesReset();
    setSpeed(point.speed);
    emit advanced();
}

void MarketFeed::setSpeed(double speed)
{
    m_speed = std::max(0.0, speed);
    m_tickDebt = 0.0;
    if (m_speed > 0.0) {
        m_clock.start();
        m_lastWallMs = 0;
        m_timer.start();
    } else {
        m_timer.stop();
    }
    emit controlsChanged();
}

void MarketFeed::reseed(std::uint64_t seed)
{
    const Tick now = m_process.current();
    m_process = PriceProcess(seed, now.index, now.timeMs, 1.0 / kTicksPerSecond);
    m_seed = seed;
    emit controlsChanged();
}

void MarketFeed::setScenario(Scenario s)
{
    m_process.setScenario(s);
    emit controlsChanged();
}

void MarketFeed::advance(int ticks)
{
    if (ticks <= 0)
        return;
    const CandleSeries& m1 = candles().series(Timeframe::M1);
    const std::size_t barsBefore = m1.size();
    const qint64 lastOpenBefore = m1.empty() ? 0 : m1.back().openMs;
    for (int i = 0; i < ticks; ++i) {
        const double before = m_process.current().index;
        const Tick& t = m_process.step();
        m_candles.addTick(t.timeMs, t.last, t.mark);
        const double r = std::log(t.index / before);
        for (std::size_t k = 0; k < m_followers.size(); ++k) {
            m_followers[k].step(r, m_process.tickSeconds());
            m_followerCandles[k].addTick(t.timeMs, m_followers[k].price(), m_followers[k].price());
        }
    }
    // The bars of the asset in focus that this batch finished (all but the one forming).
    if (!m1.empty() && m1.back().openMs != lastOpenBefore) {
        std::size_t first = m1.lowerBound(lastOpenBefore);
        if (barsBefore == 0)
            first = 0;
        for (std::size_t k = first; k + 1 < m1.size(); ++k)
            emit barFinished(m1.at(k));
    }
    emit advanced();
}

void MarketFeed::onTimer()
{
    const qint64 now = m_clock.elapsed();
    const double elapsedSeconds = static_cast<double>(now - m_lastWallMs) / 1000.0;
    m_lastWallMs = now;
    m_tickDebt = std::min(m_tickDebt + elapsedSeconds * m_speed * kTicksPerSecond, kMaxTicksPerFrame);
    const int due = static_cast<int>(m_tickDebt);
    m_tickDebt -= due;
    advance(due);
}

void MarketFeed::setBeta(const QString& symbol, double beta)
{
    for (Follower& f : m_followers) {
        if (baseAsset(symbol) == f.symbol())
            f.setBeta(beta);
    }
}

int MarketFeed::indexOf(const QString& symbol) const
{
    const QString base = baseAsset(symbol);
    if (base == QLatin1String("BTC"))
        return -1;
    for (std::size_t i = 0; i < m_followers.size(); ++i) {
        if (base == m_followers[i].symbol())
            return static_cast<int>(i);
    }
    return -2;
}

double MarketFeed::markOf(const QString& symbol) const
{
    const int i = indexOf(symbol);
    if (i == -1)
        return m_process.current().mark;
    return i >= 0 ? m_followers[static_cast<std::size_t>(i)].price() : 0.0;
}

const CandleStore& MarketFeed::candles() const
{
    return m_focus >= 0 ? m_followerCandles[static_cast<std::size_t>(m_focus)] : m_candles;
}

const CandleStore& MarketFeed::candles(const QString& symbol) const
{
    const int i = indexOf(symbol);
    return i >= 0 ? m_followerCandles[static_cast<std::size_t>(i)] : m_candles;
}

void MarketFeed::setFocus(const QString& symbol)
{
    const int i = std::max(-1, indexOf(symbol));
    if (i == m_focus)
        return;
    m_focus = i;
    emit seriesReset();
}

QString MarketFeed::focus() const
{
    return m_focus >= 0 ? m_followers[static_cast<std::size_t>(m_focus)].symbol() : QStringLiteral("BTC");
}

MarketState MarketFeed::state() const
{
    return m_focus >= 0 ? state(m_followers[static_cast<std::size_t>(m_focus)].symbol()) : state(QStringLiteral("BTC"));
}

MarketState MarketFeed::state(const QString& symbol) const
{
    const Tick& t = m_process.current();
    MarketState s;
    s.timeMs = t.timeMs;
    s.mark = t.mark;
    s.last = t.last;
    s.index = t.index;
    s.fundingRate = t.fundingRate;
    const int i = indexOf(symbol);
    if (i >= 0)
        s.mark = s.last = s.index = m_followers[static_cast<std::size_t>(i)].price();
    const CandleSeries& m1 = candles(symbol).series(Timeframe::M1);
    const std::size_t n = std::min(kRecentMinutes, m1.size());
    s.recentLow = s.last;
    s.recentHigh = s.last;
    for (std::size_t k = m1.size() - n; k < m1.size(); ++k) {
        s.recentLow = std::min(s.recentLow, m1.at(k).low);
        s.recentHigh = std::max(s.recentHigh, m1.at(k).high);
    }
    return s;
}

}  // namespace levlab::model
