#include "ui/main_window.h"

#include "core/model/market/market.h"
#include "core/model/plan/risk_model.h"
#include "ui/binding/edit_history.h"
#include "ui/binding/market_throttle.h"
#include "ui/market/live_control.h"
#include "ui/chart/price_chart_view.h"
#include "ui/controls/keyboard_shortcuts.h"
#include "ui/controls/leverage_control.h"
#include "ui/controls/wheel_guard.h"
#include "ui/controls/exits_form.h"
#include "ui/controls/number_field.h"
#include "ui/controls/position_form.h"
#include "ui/controls/trade_bar.h"
#include "ui/market/market_bar.h"
#include "ui/portfolio/portfolio_panel.h"
#include "ui/risk/risk_panel.h"
#include "ui/theme/style.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>
#include <QDockWidget>
#include <QFrame>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSlider>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace levlab::ui {

namespace {

constexpr int kRefusalShownMs = 8000;
constexpr int kPlanWidth = 400;
constexpr int kPortfolioDockHeight = 250;
constexpr int kLessonsDockWidth = 330;
constexpr int kLessonsMinWidth = 300;
constexpr int kStateVersion = 2;  ///< window states saved before the plan column became a dock are not restored
constexpr QSize kLargestFirstSize(2400, 1400);  ///< a first start fills the screen up to this
constexpr int kWideScreen = 1680;               ///< from this width the lessons dock starts wider
constexpr int kFrameAllowance = 40;  ///< a window manager's title bar and borders, before they are known

/// A titled section. A plain frame rather than a QGroupBox: a group box repaints its
/// title whenever any child repaints, which a slider drag does on every step.
QFrame* group(const QString& title, QWidget* content, QWidget* parent)
{
    auto* box = new QFrame(parent);
    box->setFrameShape(QFrame::StyledPanel);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    if (!title.isEmpty()) {
        auto* heading = new QLabel(title, box);
        QFont f = heading->font();
        f.setBold(true);
        heading->setFont(f);
        layout->addWidget(heading);
    }
    layout->addWidget(content);
    return box;
}

/// Keeps a scroll area at least as wide as its content needs, as rows come and go.
class FollowMinimumWidth final : public QObject {
public:
    FollowMinimumWidth(QScrollArea* area, QWidget* content) : QObject(area), m_area(area), m_content(content)
    {
        content->installEventFilter(this);
        update();
    }

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == m_content && event->type() == QEvent::LayoutRequest)
            update();
        return false;
    }

private:
    void update()
    {
        const int width = m_content->minimumSizeHint().width() + m_area->verticalScrollBar()->sizeHint().width();
        if (m_area->minimumWidth() != width)
            m_area->setMinimumWidth(width);
    }

    QScrollArea* m_area;
    QWidget* m_content;
};

/// A dock that can be moved, floated and closed (View lists it).
QDockWidget* makeDock(const QString& title, const QString& objectName, QWidget* content, QMainWindow* window)
{
    auto* d = new QDockWidget(title, window);
    d->setObjectName(objectName);
    d->setWidget(content);
    d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    return d;
}

}  // namespace

MainWindow::MainWindow(model::RiskModel& model, model::Market& market, model::PortfolioModel& portfolio,
                       model::AppSettings& settings, QWidget* parent)
    : QMainWindow(parent), m_model(&model), m_settings(settings), m_systemPalette(QApplication::palette()),
      m_theme(Theme::forPalette(m_systemPalette))
{
    setWindowTitle(tr("Leverage Lab"));
    setAcceptDrops(true);  // a .levlab file dropped on the window opens
    Style::apply(m_theme);

    // The chart in the middle, the market's controls above it.
    auto* centre = new QWidget(this);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    m_marketBar = new MarketBar(market, centre);
    m_chart = new PriceChartView(model, market, m_theme, centre);
    centreLayout->addWidget(m_marketBar);
    centreLayout->addWidget(m_chart, 1);
    setCentralWidget(centre);

    // The plan on the right, the full height of the window: the position's inputs,
    // the leverage, then the risk with its key figures first.
    auto* side = new QWidget(this);
    m_planColumn = new QVBoxLayout(side);
    m_planColumn->setContentsMargins(4, 4, 4, 4);
    m_planColumn->setSpacing(4);
    // The column is never shorter than its rows need: a warning that appears grows it
    // (and the scroll range) in the same pass, instead of first squeezing every row
    // into the old height and laying the whole column out again a moment later.
    m_planColumn->setSizeConstraint(QLayout::SetMinimumSize);
    m_tradeBar = new TradeBar(model, side);
    m_planColumn->addWidget(m_tradeBar);
    m_form = new PositionForm(model, side);
    m_leverage = new LeverageControl(model, side);
    m_risk = new RiskPanel(model, side);
    m_planColumn->addWidget(group(tr("Position"), m_form, side));
    m_planColumn->addWidget(group(QString(), m_leverage, side));  // the control has its own "Leverage" label
    m_planColumn->addWidget(group(tr("Risk"), m_risk, side), 1);
    m_exits = new ExitsForm(model, side);  // below the key risk figures: they show without scrolling
    m_planColumn->addWidget(group(tr("Exits"), m_exits, side));
    m_planScroll = new QScrollArea(this);
    m_planScroll->setWidget(side);
    m_planScroll->setWidgetResizable(true);
    m_planScroll->setFrameShape(QFrame::NoFrame);
    m_planScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    new FollowMinimumWidth(m_planScroll, side);
    WheelGuard::install(side);  // a wheel over the plan scrolls it, whatever lies under the pointer
    QDockWidget* plan = makeDock(tr("Plan"), QStringLiteral("planDock"), m_planScroll, this);
    plan->setFeatures(QDockWidget::NoDockWidgetFeatures);  // the plan is always there
    plan->setTitleBarWidget(new QWidget(plan));
    addDockWidget(Qt::RightDockWidgetArea, plan);

    // The lessons (added later) run the full height on the left, the plan on the
    // right; the portfolio sits under the lessons and the chart.
    setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

    // Several positions, one wallet: a dock under the chart. At small sizes its
    // panes scroll rather than hold the window wide.
    m_portfolio = new PortfolioPanel(portfolio, this);
    auto* portfolioScroll = new QScrollArea(this);
    portfolioScroll->setWidget(m_portfolio);
    portfolioScroll->setWidgetResizable(true);
    portfolioScroll->setFrameShape(QFrame::NoFrame);
    QDockWidget* portfolioDock = makeDock(tr("Portfolio — several positions, one wallet"), QStringLiteral("portfolioDock"), portfolioScroll, this);
    addDockWidget(Qt::BottomDockWidgetArea, portfolioDock);
    connect(m_portfolio, &PortfolioPanel::refused, this, &MainWindow::showRefusal);
    m_chart->setPortfolio(&portfolio);
    connect(m_portfolio, &PortfolioPanel::showLevelsToggled, m_chart, &PriceChartView::setShowPortfolioLevels);
    connect(m_portfolio, &PortfolioPanel::selectedChanged, m_chart, &PriceChartView::setSelectedPortfolioPosition);

    auto* footer = new QLabel(tr("Educational estimates, not advice."), this);
    statusBar()->addPermanentWidget(footer);

    connect(m_form, &PositionForm::refused, this, &MainWindow::showRefusal);
    connect(m_exits, &ExitsForm::refused, this, &MainWindow::showRefusal);
    m_history = new EditHistory(model, this);  // Edit › Undo: the plan's and the portfolio's edits
    m_portfolio->setUndoStack(m_history->stack());
    connect(m_history, &EditHistory::refused, this, &MainWindow::showRefusal);
    connect(m_leverage, &LeverageControl::refused, this, &MainWindow::showRefusal);
    connect(m_risk, &RiskPanel::refused, this, &MainWindow::showRefusal);
    // Live markets, opt-in from the market bar; figures from stale prices say so.
    m_liveControl = new LiveControl(market, m_marketBar);
    m_marketBar->addSourceControl(m_liveControl);
    connect(m_liveControl, &LiveControl::staleNote, m_risk, &RiskPanel::setStaleNote);
    connect(m_tradeBar, &TradeBar::refused, this, &MainWindow::showRefusal);
    connect(&model, &model::RiskModel::notice, this, [this](const QString& text) { statusBar()->showMessage(text, kRefusalShownMs); });
    connect(&model, &model::RiskModel::eventOccurred, this,
            [this] { statusBar()->showMessage(TradeBar::describe(*m_model), kRefusalShownMs); });
    // A field's refusal leaves the status bar with the field's own mark: once the field is
    // valid again (Esc brought the model's value back, or a value was accepted) the
    // refusal no longer describes anything on screen.
    for (NumberField* field : findChildren<NumberField*>()) {
        connect(field, &NumberField::invalidChanged, this, [this](bool invalid) {
            if (!invalid && !m_shownRefusal.isEmpty() && statusBar()->currentMessage() == m_shownRefusal)
                statusBar()->clearMessage();
        });
    }

    // Keyboard: every control is reachable by Tab; these jump straight to the main ones.
    auto focus = [this](const QKeySequence& keys, QWidget* target, const QString& what) {
        auto* shortcut = new QShortcut(keys, this);
        shortcut->setWhatsThis(what);  // Help › Keyboard shortcuts lists it
        connect(shortcut, &QShortcut::activated, target, [target] { target->setFocus(Qt::ShortcutFocusReason); });
    };
    focus(QKeySequence(Qt::CTRL | Qt::Key_L), static_cast<QWidget*>(m_leverage->slider()), tr("Go to the leverage slider"));
    focus(QKeySequence(Qt::CTRL | Qt::Key_G), static_cast<QWidget*>(m_chart), tr("Go to the chart"));

    buildMenus();
    resize(kLargestFirstSize);
    resizeDocks({plan}, {kPlanWidth}, Qt::Horizontal);
    resizeDocks({portfolioDock}, {kPortfolioDockHeight}, Qt::Vertical);
    restoreGeometry(m_settings.windowGeometry());
    restoreState(m_settings.windowState(), kStateVersion);
    fitToScreen();
    setThemeChoice(m_settings.theme());
}

QRect MainWindow::fittedFrame(const QRect& frame, const QSize& decoration, const QRect& available, const QSize& minimum)
{
    const QSize size = frame.size().boundedTo(available.size()).expandedTo(minimum + decoration);
    const int left = std::clamp(frame.left(), available.left(), std::max(available.left(), available.right() + 1 - size.width()));
    const int top = std::clamp(frame.top(), available.top(), std::max(available.top(), available.bottom() + 1 - size.height()));
    return {QPoint(left, top), size};
}

void MainWindow::fitToScreen()
{
    const QScreen* s = screen() != nullptr ? screen() : QGuiApplication::primaryScreen();
    if (s == nullptr)
        return;
    // Before the window manager has framed the window, allow for a title bar and borders.
    const QSize decoration = isVisible() && frameGeometry().size() != size() ? frameGeometry().size() - size()
                                                                             : QSize(kFrameAllowance / 4, kFrameAllowance);
    const QRect frame(isVisible() ? frameGeometry().topLeft() : pos(), size() + decoration);
    const QRect fitted = fittedFrame(frame, decoration, s->availableGeometry(), minimumSizeHint());
    if (fitted.size() != frame.size())
        resize(fitted.size() - decoration);
    if (fitted.topLeft() != frame.topLeft())
        move(fitted.topLeft());
    m_fittedSize = size();
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!m_shown) {
        m_shown = true;
        // The frame is known once the window manager has placed the window. A size the
        // caller chose after construction is theirs to keep.
        QTimer::singleShot(0, this, [this] {
            if (size() == m_fittedSize)
                fitToScreen();
        });
    }
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    m_editMenu = menuBar()->addMenu(tr("&Edit"));
    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    m_history->addActions(m_editMenu);
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
    // The lessons read well at 300 pixels; any wider would push the chart off a 1280-wide screen.
    panel->setMinimumWidth(std::max(kLessonsMinWidth, panel->minimumSizeHint().width()));
    QDockWidget* d = makeDock(title, objectName, panel, this);
    addDockWidget(Qt::LeftDockWidgetArea, d);
    const QScreen* s = screen() != nullptr ? screen() : QGuiApplication::primaryScreen();
    const bool narrow = s != nullptr && s->availableGeometry().width() < kWideScreen;
    resizeDocks({d}, {narrow ? kLessonsMinWidth : kLessonsDockWidth}, Qt::Horizontal);
    m_viewMenu->addAction(d->toggleViewAction());
    restoreState(m_settings.windowState(), kStateVersion);
}

void MainWindow::setThemeChoice(model::ThemeChoice choice)
{
    m_settings.setTheme(choice);
    switch (choice) {
    case model::ThemeChoice::System: m_theme = Theme::forPalette(m_systemPalette); break;
    case model::ThemeChoice::Dark: m_theme = Theme::darkTheme(); break;
    case model::ThemeChoice::Light: m_theme = Theme::lightTheme(); break;
    }
    // The palette goes to the whole application: menus, dialogs and tooltips are
    // windows of their own and would otherwise keep the system's colours.
    Style::apply(m_theme);
    m_chart->setTheme(m_theme);
    m_risk->setTheme(m_theme);
    emit themeChanged(m_theme);
}

void MainWindow::showRefusal(const model::Refusal& refusal)
{
    m_shownRefusal = refusal.message();
    statusBar()->showMessage(m_shownRefusal, kRefusalShownMs);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile() && url.toLocalFile().endsWith(QStringLiteral(".levlab"), Qt::CaseInsensitive)) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile() && url.toLocalFile().endsWith(QStringLiteral(".levlab"), Qt::CaseInsensitive)) {
            event->acceptProposedAction();
            emit fileDropped(url.toLocalFile());  // one file: the first
            return;
        }
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_mayClose && !m_mayClose()) {
        event->ignore();
        return;
    }
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState(kStateVersion));
    m_settings.sync();
    QMainWindow::closeEvent(event);
}

}  // namespace levlab::ui
