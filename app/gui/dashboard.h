#pragma once

#include "core/model/feeds/market_feed.h"
#include "core/model/history/odds_model.h"
#include "core/model/lessons/lesson.h"
#include "core/model/lessons/lesson_driver.h"
#include "core/model/market/market.h"
#include "core/model/plan/risk_model.h"
#include "core/model/portfolio/portfolio_model.h"
#include "core/model/settings/app_settings.h"
#include "core/model/tiers/tier_library.h"
#include "core/model/tiers/tier_updates.h"
#include "ui/document/document_controller.h"
#include "ui/export/export_actions.h"
#include "ui/history/odds_heatmap.h"
#include "ui/lessons/lessons_panel.h"
#include "ui/market/replay_panel.h"
#include "ui/market/tier_actions.h"
#include "ui/main_window.h"

#include <QString>

#include <cstdint>
#include <memory>

namespace levlab::app {

/// How to start the dashboard.
struct DashboardOptions final {
    std::uint64_t seed = 20240101;
    double startPrice = 42000.0;
    qint64 startMs = 1704067200000;  ///< 2024-01-01T00:00Z, where the generated history begins
    std::size_t historyMinutes = 100'000;
    QString settingsPath;            ///< empty: the platform's settings
    QString progressPath;            ///< quiz progress; empty: beside the platform's settings
    QString dataPath;                ///< the session and its autosave; empty: none kept
    QString tiersPath;               ///< the user's risk-limit tables; empty: model::userTierDirectory()
    int autosaveMs = 30'000;         ///< how often unsaved changes are autosaved
};

/// The object graph of the application: shipped tables, the simulated market,
/// the risk model and the window, wired together. The GUI, its tests and its
/// benchmark all build the app this one way.
class Dashboard final {
public:
    explicit Dashboard(const DashboardOptions& options = {});

    /// The first plan a beginner can read and a first portfolio to compare, at the
    /// current market (the start, and File › New).
    void startFresh();
    ~Dashboard();
    Dashboard(const Dashboard&) = delete;
    Dashboard& operator=(const Dashboard&) = delete;

    model::TierLibrary tiers;
    /// Refreshes and imports of today's risk-limit tables, laid over `tiers`.
    std::unique_ptr<model::TierUpdates> tierUpdates;
    std::unique_ptr<model::AppSettings> settings;
    model::MarketFeed feed;
    /// The market the plan and the views follow: the simulated feed, or a replay.
    model::Market market;
    model::RiskModel model;
    model::PortfolioModel portfolio;
    model::LessonLibrary lessons;
    model::LessonDriver driver;
    /// The historical odds of liquidation of the plan on the history being replayed (it
    /// outlives the window, whose heatmap shows it).
    std::unique_ptr<model::OddsModel> odds;
    std::unique_ptr<ui::MainWindow> window;
    ui::LessonsPanel* lessonsPanel = nullptr;
    ui::ExportActions* exports = nullptr;
    ui::DocumentController* documents = nullptr;
    ui::ReplayPanel* replayPanel = nullptr;
    ui::OddsHeatmap* oddsPanel = nullptr;
    ui::TierActions* tierActions = nullptr;

private:
    QMetaObject::Connection lessonsDockClosed;
};

}  // namespace levlab::app
