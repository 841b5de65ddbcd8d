#include "ui/binding/market_throttle.h"

#include "core/model/plan/risk_model.h"

namespace levlab::ui {

MarketThrottle::MarketThrottle(model::RiskModel& model, std::function<void()> refresh, double hz, QObject* parent)
    : QObject(parent), m_model(model), m_refresh(std::move(refresh)), m_seen(model.inputs()),
      m_intervalMs(static_cast<qint64>(1000.0 / hz))
{
    m_since.start();
    m_pending.setSingleShot(true);
    connect(&m_pending, &QTimer::timeout, this, &MarketThrottle::fire);
    connect(&m_model, &model::RiskModel::changed, this, &MarketThrottle::onChanged);
}

void MarketThrottle::onChanged()
{
    const bool byTrader = !(m_model.inputs() == m_seen);
    if (byTrader || m_since.elapsed() >= m_intervalMs) {
        fire();
        return;
    }
    if (!m_pending.isActive())
        m_pending.start(static_cast<int>(m_intervalMs - m_since.elapsed()));
}

void MarketThrottle::fire()
{
    m_pending.stop();
    m_seen = m_model.inputs();
    m_since.restart();
    m_refresh();
}

}  // namespace levlab::ui
