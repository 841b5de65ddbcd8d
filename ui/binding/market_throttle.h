#pragma once

#include "core/model/plan/plan_inputs.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

namespace levlab::model {
class RiskModel;
}

namespace levlab::ui {

/// Runs a view's refresh at most `hz` times a second, however often asked, and
/// always once after the last request (within one interval and a frame); `now()` runs
/// it at once.
class RateLimiter final : public QObject {
    Q_OBJECT
public:
    RateLimiter(std::function<void()> refresh, double hz, QObject* parent);
    void request();
    void now();

private:
    std::function<void()> m_refresh;
    QElapsedTimer m_since;
    QTimer m_pending;
    qint64 m_intervalMs;
};

/// Calls a view's refresh on every model change the trader made, at once, but
/// at most `hz` times a second for changes the market made: text readouts
/// redrawn sixty times a second cannot be read and cost a frame's time.
class MarketThrottle final : public QObject {
    Q_OBJECT
public:
    MarketThrottle(model::RiskModel& model, std::function<void()> refresh, double hz, QObject* parent);

private:
    void onChanged();

    model::RiskModel& m_model;
    model::PlanInputs m_seen;
    model::MarketState m_seenMarket;
    RateLimiter m_limiter;
};

}  // namespace levlab::ui
