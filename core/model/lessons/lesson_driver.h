#pragma once

#include "core/model/feeds/price_process.h"
#include "core/model/lessons/lesson_sandbox.h"
#include "core/model/lessons/quiz.h"
#include "core/model/plan/plan_inputs.h"

#include <QJsonObject>
#include <QObject>

#include <optional>

namespace levlab::model {

class MarketFeed;
class PortfolioModel;
class RiskModel;

/// Turns lesson content into dashboard state, inside a sandbox: the first load
/// keeps the learner's plan, portfolio and market aside, and leave() gives them
/// back exactly.
///
/// A load starts a clean chart: the market starts afresh along the scenario's
/// seed with its mark exactly at the stated start price, paused; the plan is
/// planned there (so every number the text states is on screen) and every
/// marker of earlier scenarios is gone. play() opens the plan at that price
/// and runs the market for the scenario's minutes.
class LessonDriver final {
public:
    static constexpr double kDefaultStart = 40000.0;
    static constexpr double kPlaySpeed = 60.0;
    static constexpr std::size_t kHistoryMinutes = 180;

    LessonDriver(RiskModel& plan, PortfolioModel& portfolio, MarketFeed& feed);
    LessonDriver(const LessonDriver&) = delete;
    LessonDriver& operator=(const LessonDriver&) = delete;

    /// Loads a worked example, paused.
    std::optional<Refusal> tryExample(const LessonExample& example);
    /// Loads a question's scenario, paused.
    std::optional<Refusal> load(const AskedQuestion& asked);
    /// Opens the loaded plan at the market (its entry is the start price) and
    /// plays the loaded scenario's market for its minutes.
    std::optional<Refusal> play();
    /// Pauses the market where it is.
    void pause();
    /// For an action question: does the dashboard now show what was asked?
    [[nodiscard]] bool check(const AskedQuestion& asked) const;

    /// Gives the learner's own plan, portfolio and market back.
    void leave();
    [[nodiscard]] bool inLesson() const { return m_sandbox.active(); }
    [[nodiscard]] bool playing() const;
    /// The market the lessons play on (views follow its speed).
    [[nodiscard]] const MarketFeed& feed() const { return m_feed; }

    /// A scenario's plan as the risk model's inputs, planned at market at `mark`.
    static engine::Result<PlanInputs> planFrom(const QJsonObject& plan, double mark);
    /// The price a scenario (or an example) starts from: its market's "start".
    static double startOf(const QJsonObject& withMarket);

private:
    std::optional<Refusal> loadMarket(const QJsonObject& market);
    std::optional<Refusal> loadPlan(const QJsonObject& plan);
    std::optional<Refusal> loadPortfolio(const QJsonObject& scenario);
    void onAdvanced();

    RiskModel& m_plan;
    PortfolioModel& m_portfolio;
    MarketFeed& m_feed;
    LessonSandbox m_sandbox;
    QJsonObject m_market;    ///< the loaded scenario's market
    bool m_hasPlan = false;  ///< the loaded scenario plans a position
    bool m_started = false;  ///< the loaded scenario has been played
    qint64 m_playUntil = 0;  ///< simulated time the playing scenario ends; 0 when none plays
    QObject m_context;       ///< scopes the connection to the feed
};

/// The named market scenario of a scenario's "market" object.
Scenario scenarioNamed(const QString& name);

}  // namespace levlab::model
