#include "ui/main_window.h"

#include "core/model/feeds/market_feed.h"
#include "core/model/plan/risk_model.h"
#include "ui/binding/edit_history.h"
#include "ui/binding/market_throttle.h"
#include "ui/chart/price_chart_view.h"
#include "ui/controls/keyboard_shortcuts.h"
#include "ui/controls/leverage_control.h"
#include "ui/controls/position_form.h"
#include "ui/market/market_bar.h"
#include "ui/portfolio/portfolio_panel.h"
#include "ui/risk/risk_panel.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFrame>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSlider>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

namespace levlab::ui {

namespace {

constexpr int kRefusalShownMs = 8000;
constexpr int kSidePanelWidth = 470;
constexpr int kPortfolioDockHeight = 260;
constexpr int kLessonsDockWidth = 380;

/// A titled section. A plain frame rather than a QGroupBox: a group box repaints its
/// title whenever any child repaints, which a slider drag does on every step.
QFrame* group(const QString& title, QWidget* content, QWidget* parent)
{
    auto* box = new QFrame(parent);
    box->setFrameShape(QFrame::StyledPanel);
    auto* layout = new QVBoxLayout(box);
    auto* heading = new QLabel(title, box);
    QFont f = heading->font();
    f.setBold(true);
    heading->setFont(f);
    layout->addWidget(heading);
    layout->addWidget(content);
    return box;
}

}  // namespace

MainWindow::MainWindow(model::RiskModel& model, model::MarketFeed& feed, model::PortfolioModel& portfolio,
                       model::AppSettings& settings, QWidget* parent)
    : QMainWindow(parent), m_settings(settings), m_theme(Theme::forPalette(QApplication::palette()))
{
    setWindowTitle(tr("Leverage Lab"));

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(0);
    m_marketBar = new MarketBar(feed, left);
    m_chart = new PriceChartView(model, feed, m_theme, left);
    leftLayout->addWidget(m_marketBar);
    leftLayout->addWidget(m_chart, 1);

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    m_form = new PositionForm(model, side);
    m_leverage = new LeverageControl(model, side);
    m_risk = new RiskPanel(model, side);
    sideLayout->addWidget(group(tr("Position"), m_form, side));
    sideLayout->addWidget(group(tr("Leverage"), m_leverage, side));
    sideLayout->addWidget(group(tr("Risk"), m_risk, side), 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(side);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(kSidePanelWidth);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(left);
    m_splitter->addWidget(scroll);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    setCentralWidget(m_splitter);

    // Several positions, one wallet: a dock under the chart.
    m_portfolio = new PortfolioPanel(portfolio, this);
    auto* dock = new QDockWidget(tr("Portfolio — several positions, one wallet"), this);
    dock->setObjectName(QStringLiteral("portfolioDock"));
    dock->setWidget(m_portfolio);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    resizeDocks({dock}, {kPortfolioDockHeight}, Qt::Vertical);
    connect(m_portfolio, &PortfolioPanel::refused, this, &MainWindow::showRefusal);
    m_chart->setPortfolio(&portfolio);
    connect(m_portfolio, &PortfolioPanel::showLevelsToggled, m_chart, &PriceChartView::setShowPortfolioLevels);
    connect(m_portfolio, &PortfolioPanel::selectedChanged, m_chart, &PriceChartView::setSelectedPortfolioPosition);

    auto* footer = new QLabel(tr("Educational estimates, not advice."), this);
    statusBar()->addPermanentWidget(footer);

    connect(m_form, &PositionForm::refused, this, &MainWindow::showRefusal);
    m_history = new EditHistory(model, this);  // Edit › Undo: the plan's and the portfolio's edits
    m_portfolio->setUndoStack(m_history->stack());
    connect(m_history, &EditHistory::refused, this, &MainWindow::showRefusal);
    connect(m_leverage, &LeverageControl::refused, this, &MainWindow::showRefusal);
    connect(m_risk, &RiskPanel::refused, this, &MainWindow::showRefusal);
    new MarketThrottle(model, [this] { m_marketBar->refresh(); }, Theme::kReadoutHz, this);
    connect(&model, &model::RiskModel::eventOccurred, this, [this](const model::PositionEvent& e) {
        statusBar()->showMessage(e.kind == model::PositionEvent::Kind::Liquidated
                                     ? tr("Liquidated: the mark reached %1; the margin of %2 is lost.").arg(e.price, 0, 'f', 2).arg(e.loss, 0, 'f', 2)
                                     : tr("Stopped out at %1, a loss of %2.").arg(e.price, 0, 'f', 2).arg(e.loss, 0, 'f', 2),
                                 kRefusalShownMs);
    });

    // Keyboard: every control is reachable by Tab; these jump straight to the main ones.
    auto focus = [this](const QKeySequence& keys, QWidget* target, const QString& what) {
        auto* shortcut = new QShortcut(keys, this);
        shortcut->setWhatsThis(what);  // Help › Keyboard shortcuts lists it
        connect(shortcut, &QShortcut::activated, target, [target] { target->setFocus(Qt::ShortcutFocusReason); });
    };
    focus(QKeySequence(Qt::CTRL | Qt::Key_L), static_cast<QWidget*>(m_leverage->slider()), tr("Go to the leverage slider"));
    focus(QKeySequence(Qt::CTRL | Qt::Key_G), static_cast<QWidget*>(m_chart), tr("Go to the chart"));

    buildMenus();
    resize(1500, 1000);
    restoreGeometry(m_settings.windowGeometry());
    restoreState(m_settings.windowState());
    if (!m_splitter->restoreState(m_settings.splitterState()))
        m_splitter->setSizes({width() - kSidePanelWidth, kSidePanelWidth});
    setThemeChoice(m_settings.theme());
}

void MainWindow::buildMenus()
{
    QMenu* view = menuBar()->addMenu(tr("&View"));
    // Edit goes before View in the bar; View stays the bar's first menu, where addSideDock finds it.
    auto* edit = new QMenu(tr("&Edit"), menuBar());
    menuBar()->insertMenu(view->menuAction(), edit);
    m_history->addActions(edit);
    QMenu* themes = view->addMenu(tr("&Theme"));
    auto* group = new QActionGroup(this);
    const std::array<std::pair<model::ThemeChoice, QString>, 3> choices{{
        {model::ThemeChoice::System, tr("Follow the &system")},
        {model::ThemeChoice::Dark, tr("&Dark")},
        {model::ThemeChoice::Light, tr("&Light")},
    }};
    for (const auto& [choice, name] : choices) {
        QAction* a = themes->addAction(name);
        a->setCheckable(true);
        a->setChecked(choice == m_settings.theme());
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, c = choice] { setThemeChoice(c); });
    }
    view->addAction(tr("Follow the &latest price"), QKeySequence(Qt::Key_End), m_chart, &PriceChartView::followLatest);
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("portfolioDock")))
        view->addAction(dock->toggleViewAction());
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence::HelpContents, this, [this] { showKeyboardShortcuts(this); });
    help->addAction(tr("&About Leverage Lab"), this, [this] {
        QMessageBox::about(this, tr("About Leverage Lab"),
                           tr("<p><b>Leverage Lab %1</b></p><p>See where a leveraged perpetual-futures position is "
                              "liquidated, with each venue's own margin rules.</p><p>Educational estimates, not advice.</p>"
                              "<p>GPL-3.0-or-later.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::addSideDock(QWidget* panel, const QString& title, const QString& objectName)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({dock}, {kLessonsDockWidth}, Qt::Horizontal);
    if (auto* view = menuBar()->findChild<QMenu*>())
        view->addAction(dock->toggleViewAction());
    restoreState(m_settings.windowState());
}

void MainWindow::setThemeChoice(model::ThemeChoice choice)
{
    m_settings.setTheme(choice);
    switch (choice) {
    case model::ThemeChoice::System: m_theme = Theme::forPalette(QApplication::palette()); break;
    case model::ThemeChoice::Dark: m_theme = Theme::darkTheme(); break;
    case model::ThemeChoice::Light: m_theme = Theme::lightTheme(); break;
    }
    setPalette(m_theme.palette());
    // Checked segments (side, margin mode, speed) must stand out in both themes. The
    // sheet goes on those buttons only: on the window it would slow every paint.
    const QString sheet = QStringLiteral("QPushButton:checked { background-color: %1; color: %2; border: 1px solid %1; border-radius: 3px; padding: 4px 8px; }")
                              .arg(m_theme.entry.name(), QColor(Qt::white).name());
    for (QPushButton* b : findChildren<QPushButton*>()) {
        if (b->isCheckable())
            b->setStyleSheet(sheet);
    }
    m_chart->setTheme(m_theme);
    m_risk->setTheme(m_theme);
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::ApplicationPaletteChange && m_settings.theme() == model::ThemeChoice::System)
        setThemeChoice(model::ThemeChoice::System);
    QMainWindow::changeEvent(event);
}

void MainWindow::showRefusal(const model::Refusal& refusal)
{
    statusBar()->showMessage(refusal.message(), kRefusalShownMs);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.setSplitterState(m_splitter->saveState());
    m_settings.sync();
    QMainWindow::closeEvent(event);
}

}  // namespace levlab::ui
