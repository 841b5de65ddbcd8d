#include "app/gui/dashboard.h"

#include "ui/controls/exits_form.h"
#include "core/model/replay/replay_source.h"
#include "core/model/tiers/user_tiers.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QGuiApplication>
#include <QMenu>
#include <QScreen>
#include <QStandardPaths>
#include <QStatusBar>

#include <cmath>

namespace levlab::app {

namespace {

constexpr double kFreshShock = -0.12;         ///< the portfolio's price shock to compare layouts at
constexpr double kFreshHoldingHours = 72.0;  ///< and its holding period for funding
constexpr int kOddsBesideWidth = 1680;       ///< from this screen width the odds stand beside the Replay dock

std::unique_ptr<model::AppSettings> makeSettings(const QString& path)
{
    return path.isEmpty() ? std::make_unique<model::AppSettings>() : std::make_unique<model::AppSettings>(path);
}

QString tiersDirectory(const DashboardOptions& options)
{
    return options.tiersPath.isEmpty() ? model::userTierDirectory() : options.tiersPath;
}

}  // namespace

Dashboard::Dashboard(const DashboardOptions& options)
    : tiers(model::TierLibrary::loadWithUserTables(tiersDirectory(options))),
      tierUpdates(std::make_unique<model::TierUpdates>(tiers, tiersDirectory(options))),
      settings(makeSettings(options.settingsPath)),
      feed(options.seed, options.startPrice, options.startMs),
      market(feed),
      model(tiers),
      portfolio(tiers),
      lessons(model::LessonLibrary::loadShipped()),
      driver(model, portfolio, feed)
{
    feed.generateHistory(options.historyMinutes);
    // The plan watches the market of its own symbol, and the chart shows it.
    model.setMarketSource([this](const QString& symbol) { return market.state(symbol); });
    QObject::connect(&market, &model::MarketSource::advanced, &model, [this] { model.setMarket(market.state(model.inputs().symbol)); });
    QObject::connect(&model, &model::RiskModel::changed, &market, [this] { market.setFocus(model.inputs().symbol); });
    model.setMarket(market.state());
    // The portfolio follows BTC and the assets that follow it.
    auto marks = [this] {
        QHash<QString, double> m{{QStringLiteral("BTC"), feed.markOf(QStringLiteral("BTC"))}};
        for (const auto& f : feed.followers())
            m.insert(f.symbol(), f.price());
        return m;
    };
    QObject::connect(&feed, &model::MarketFeed::advanced, &portfolio,
                     [this, marks] { portfolio.setMarks(marks(), feed.lastTick().fundingRate, feed.lastTick().timeMs); });
    portfolio.setMarks(marks(), feed.lastTick().fundingRate, feed.lastTick().timeMs);
    startFresh();
    window = std::make_unique<ui::MainWindow>(model, market, portfolio, *settings);
    exports = new ui::ExportActions(model, portfolio, tiers, *window->chart(), *settings, window.get());
    QObject::connect(exports, &ui::ExportActions::message, window.get(), [w = window.get()](const QString& m) { w->statusBar()->showMessage(m, 8000); });
    auto* exportMenu = new QMenu(QObject::tr("&Export"), window.get());
    exports->addExports(exportMenu);
    window->editMenu()->addSeparator();
    exports->addCopy(window->editMenu());
    // Today's risk-limit tables: refreshed or imported from the Risk limits menu, used from then on.
    QObject::connect(tierUpdates.get(), &model::TierUpdates::tablesChanged, &model, &model::RiskModel::tiersChanged);
    QObject::connect(tierUpdates.get(), &model::TierUpdates::tablesChanged, &portfolio, &model::PortfolioModel::tiersChanged);
    tierActions = new ui::TierActions(model, *tierUpdates, *window);
    tierActions->addMenu();
    QObject::connect(tierActions, &ui::TierActions::message, window.get(), [w = window.get()](const QString& m) { w->statusBar()->showMessage(m, 8000); });
    documents = new ui::DocumentController(model, portfolio, feed, *settings, *window, options.dataPath);
    documents->setAutosaveInterval(options.autosaveMs);
    documents->setFreshWork([this] { startFresh(); });
    documents->addFileActions(window->fileMenu(), exportMenu);
    QObject::connect(documents, &ui::DocumentController::message, window.get(), [w = window.get()](const QString& m) { w->statusBar()->showMessage(m, 8000); });
    QString progress = options.progressPath;
    if (progress.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        progress = dir + QStringLiteral("/quiz-progress.json");
    }
    lessonsPanel = new ui::LessonsPanel(lessons, driver, progress);
    QObject::connect(lessonsPanel, &ui::LessonsPanel::message, window.get(), [w = window.get()](const QString& m) { w->statusBar()->showMessage(m, 8000); });
    QObject::connect(lessonsPanel, &ui::LessonsPanel::refused, window.get(),
                     [w = window.get()](const model::Refusal& r) { w->statusBar()->showMessage(r.message(), 8000); });
    window->addSideDock(lessonsPanel, QObject::tr("Lessons"), QStringLiteral("lessonsDock"));
    // Closing the Lessons dock leaves the lesson: the learner's own work comes back.
    if (auto* dock = qobject_cast<QDockWidget*>(lessonsPanel->parentWidget())) {
        lessonsDockClosed = QObject::connect(dock->toggleViewAction(), &QAction::toggled, lessonsPanel, [p = lessonsPanel](bool shown) {
            if (!shown)
                p->leaveLesson();
        });
    }
    // Real history: the Replay dock, a tab behind the lessons.
    replayPanel = new ui::ReplayPanel(market, model);
    QObject::connect(replayPanel, &ui::ReplayPanel::message, window.get(), [w = window.get()](const QString& m) { w->statusBar()->showMessage(m, 8000); });
    window->addSideDock(replayPanel, QObject::tr("Replay"), QStringLiteral("replayDock"));
    // The stress run offers the loaded history and plays its worst path in the Replay dock.
    window->exits()->setStressHistory([p = replayPanel] { return p->history(); });
    QObject::connect(window->exits(), &ui::ExitsForm::replayRequested, replayPanel, &ui::ReplayPanel::replay);
    // A lesson starts the simulated market afresh: the lesson's market is the one in charge.
    QObject::connect(&feed, &model::MarketSource::seriesReset, replayPanel, [this] {
        if (!market.isSimulated())
            replayPanel->stop();
    });
    // The odds heatmap beside the chart, hidden until a history is loaded: on a wide screen
    // beside the lessons and the Replay dock, on a narrow one a tab behind them.
    odds = std::make_unique<model::OddsModel>(market, model);
    oddsPanel = new ui::OddsHeatmap(*odds);
    QObject::connect(oddsPanel, &ui::OddsHeatmap::message, window.get(), [w = window.get()](const QString& m) { w->statusBar()->showMessage(m, 8000); });
    QObject::connect(oddsPanel, &ui::OddsHeatmap::refused, window.get(),
                     [w = window.get()](const model::Refusal& r) { w->statusBar()->showMessage(r.message(), 8000); });
    QObject::connect(window.get(), &ui::MainWindow::themeChanged, oddsPanel, &ui::OddsHeatmap::setTheme);
    oddsPanel->setTheme(window->theme());
    window->addSideDock(oddsPanel, QObject::tr("Odds"), QStringLiteral("oddsDock"));
    auto* oddsDock = qobject_cast<QDockWidget*>(oddsPanel->parentWidget());
    if (auto* lessonsDock = qobject_cast<QDockWidget*>(lessonsPanel->parentWidget())) {
        if (auto* replayDock = qobject_cast<QDockWidget*>(replayPanel->parentWidget())) {
            const QScreen* s = window->screen() != nullptr ? window->screen() : QGuiApplication::primaryScreen();
            const bool wide = s != nullptr && s->availableGeometry().width() >= kOddsBesideWidth;
            if (oddsDock && wide)
                window->splitDockWidget(lessonsDock, oddsDock, Qt::Horizontal);
            window->tabifyDockWidget(lessonsDock, replayDock);
            if (oddsDock && !wide)
                window->tabifyDockWidget(replayDock, oddsDock);
            lessonsDock->raise();
        }
    }
    if (oddsDock) {
        oddsDock->hide();
        // A replayed history, not a live venue's few hours: the odds need months of bars.
        QObject::connect(&market, &model::Market::sourceChanged, oddsDock, [this, oddsDock] {
            if (qobject_cast<model::ReplaySource*>(&market.source()))
                oddsDock->show();
        });
    }
    // Quitting mid-lesson keeps the learner's own market speed, not the lesson's pause.
    QObject::connect(qApp, &QCoreApplication::aboutToQuit, lessonsPanel, [p = lessonsPanel] { p->leaveLesson(); });
}

void Dashboard::startFresh()
{
    {
        // A first plan a beginner can read: half a bitcoin, 10x isolated, stop 2% away, target 4%.
        model::RiskModel::Batch batch(model);
        model::PlanInputs in;
        if (model.inputs().venue != in.venue || model.inputs().symbol != in.symbol)
            model.setInputs(in);  // the prices below snap to this contract's tick
        const double mark = feed.state(in.symbol).mark;
        in.size = 0.5;
        in.leverage = 10.0;
        in.wallet = 10000.0;
        in.stopLoss = model.snapToTick(mark * 0.98);
        in.takeProfit = model.snapToTick(mark * 1.04);
        model.setInputs(in);
    }
    {
        // A first portfolio to compare: two cross longs and an isolated short.
        model::Holding btc;
        btc.symbol = QStringLiteral("BTCUSDT");
        btc.quantity = 0.2;
        btc.leverage = 10;
        model::Holding eth;
        eth.symbol = QStringLiteral("ETHUSDT");
        eth.quantity = std::round(3000.0 / feed.markOf(QStringLiteral("ETH")) * 100.0) / 100.0;
        eth.leverage = 5;
        model::Holding sol;
        sol.symbol = QStringLiteral("SOLUSDT");
        sol.side = engine::Side::Short;
        sol.mode = engine::MarginMode::Isolated;
        sol.quantity = std::round(1500.0 / feed.markOf(QStringLiteral("SOL")));
        sol.leverage = 5;
        while (!portfolio.holdings().empty())
            portfolio.remove(portfolio.holdings().size() - 1);
        portfolio.setVenue(engine::Venue::Binance);
        portfolio.setWallet(5000.0);
        portfolio.setShock(kFreshShock);
        portfolio.setHorizonHours(kFreshHoldingHours);
        for (const auto& h : {btc, eth, sol})
            portfolio.add(h);
    }
}

Dashboard::~Dashboard()
{
    // The file and export actions go before the window they ask about: the window's own
    // teardown (its undo history going) would otherwise call them on a half-destroyed window.
    delete documents;
    documents = nullptr;
    delete exports;
    exports = nullptr;
    // The market goes back to the simulation while the window is whole: a trade open on a
    // replay would otherwise end, and be reported, during the window's own teardown.
    if (replayPanel && replayPanel->source())
        replayPanel->stop();
    delete tierActions;
    tierActions = nullptr;
    // The window takes the Lessons dock down with it: that is not the learner closing it.
    QObject::disconnect(lessonsDockClosed);
    if (lessonsPanel)
        lessonsPanel->disconnect();
}

}  // namespace levlab::app
