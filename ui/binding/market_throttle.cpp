#include "ui/binding/market_throttle.h"

#include "core/model/plan/risk_model.h"

namespace levlab::ui {

namespace {

constexpr qint64 kFrameGraceMs = 20;  ///< a little more than one frame at 60 a second

}  // namespace

RateLimiter::RateLimiter(std::function<void()> refresh, double hz, QObject* parent)
    : QObject(parent), m_refresh(std::move(refresh)), m_intervalMs(static_cast<qint64>(1000.0 / hz))
{
    m_since.start();
    m_pending.setSingleShot(true);
    connect(&m_pending, &QTimer::timeout, this, &RateLimiter::now);
}

void RateLimiter::request()
{
    if (m_since.elapsed() >= m_intervalMs)
        now();
    else if (!m_pending.isActive())
        // Asked again and again (a market's frames ask sixty times a second), the first
        // request past the interval runs it, inside that frame and painted with it; the
        // timer, set a frame later, only brings the last request's refresh when none follows.
        m_pending.start(static_cast<int>(m_intervalMs - m_since.elapsed() + kFrameGraceMs));
}

void RateLimiter::now()
{
    m_pending.stop();
    m_since.restart();
    m_refresh();
}

MarketThrottle::MarketThrottle(model::RiskModel& model, std::function<void()> refresh, double hz, QObject* parent)
    : QObject(parent), m_model(model), m_seen(model.inputs()), m_seenMarket(model.market()), m_limiter(std::move(refresh), hz, this)
{
    connect(&m_model, &model::RiskModel::changed, this, &MarketThrottle::onChanged);
}

void MarketThrottle::onChanged()
{
    // The trader's change: the inputs moved while the market stood still. An
    // at-market plan's stop and target follow the mark, so inputs that move with
    // the market are the market's change, and wait their turn.
    const bool marketMoved = !(m_model.market() == m_seenMarket);
    const bool inputsMoved = !(m_model.inputs() == m_seen);
    m_seenMarket = m_model.market();
    m_seen = m_model.inputs();
    if (inputsMoved && !marketMoved)
        m_limiter.now();
    else
        m_limiter.request();
}

}  // namespace levlab::ui
