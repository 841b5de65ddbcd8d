#pragma once

#include "core/model/portfolio/portfolio_model.h"

#include <memory>
#include <optional>

namespace levlab::model {

class MarketFeed;

/// The marks the portfolio follows: BTC and the assets that follow it.
QHash<QString, double> portfolioMarks(const MarketFeed& feed);
class RiskModel;

/// The learner's own work, kept aside while a lesson uses the dashboard.
///
/// enter() saves the plan, the portfolio and the market the first time a lesson
/// loads something; later loads work on the same models without saving again.
/// leave() puts all three back exactly as they were saved (trade state, events,
/// trade log, holdings, the market's path and speed). Nothing else saves or
/// overwrites what was kept.
class LessonSandbox final {
public:
    LessonSandbox(RiskModel& plan, PortfolioModel& portfolio, MarketFeed& feed);

    /// Saves the learner's work unless it is already saved.
    void enter();
    /// Restores what enter() saved; nothing when no lesson is loaded.
    void leave();
    [[nodiscard]] bool active() const { return m_saved.has_value(); }

    /// Hands the market's current prices to the plan and the portfolio, as the
    /// dashboard does on every tick (so a load or a restore is complete at once).
    void syncMarket();

private:
    struct Saved;
    RiskModel& m_plan;
    PortfolioModel& m_portfolio;
    MarketFeed& m_feed;
    std::optional<std::shared_ptr<const Saved>> m_saved;
};

}  // namespace levlab::model
