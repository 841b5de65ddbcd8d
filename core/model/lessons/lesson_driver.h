#pragma once

#include "core/model/feeds/price_process.h"
#include "core/model/lessons/quiz.h"
#include "core/model/plan/plan_inputs.h"

#include <QJsonObject>

#include <optional>

namespace levlab::model {

class MarketFeed;
class PortfolioModel;
class RiskModel;
class TierLibrary;

/// Turns lesson content into dashboard state: a worked example or a question's
/// scenario loads the plan (and portfolio) into the models and sets the
/// simulated market playing; an action question is checked against the model.
class LessonDriver final {
public:
    LessonDriver(RiskModel& plan, PortfolioModel& portfolio, MarketFeed& feed);

    /// Loads an example's inputs at the current mark (entry fixed there).
    std::optional<Refusal> tryExample(const QJsonObject& inputs);
    /// Loads the question's scenario and plays its seeded market at 60× from the current price.
    std::optional<Refusal> play(const AskedQuestion& asked);
    /// For an action question: does the dashboard now show what was asked?
    [[nodiscard]] bool check(const AskedQuestion& asked) const;

    /// A scenario's plan as the risk model's inputs, entered at `mark`.
    static engine::Result<PlanInputs> planFrom(const QJsonObject& plan, double mark);

private:
    std::optional<Refusal> loadPortfolio(const QJsonObject& scenario);

    RiskModel& m_plan;
    PortfolioModel& m_portfolio;
    MarketFeed& m_feed;
};

/// Plays a scenario's seeded market headless from a fixed start and returns
/// the simulated time (ms after the start) at which the plan's position is
/// liquidated, if it is within the scenario's minutes. Same seed, same time.
engine::Result<std::optional<qint64>> liquidationTime(const QJsonObject& scenario, const TierLibrary& tiers);

/// The named market scenario of a scenario's "market" object.
Scenario scenarioNamed(const QString& name);

}  // namespace levlab::model
