#pragma once

#include "core/model/settings/app_settings.h"
#include "ui/theme/theme.h"

#include <QMainWindow>

#include <functional>

class QScrollArea;
class QVBoxLayout;

namespace levlab::model {
class Market;
class PortfolioModel;
class RiskModel;
struct Refusal;
}  // namespace levlab::model

namespace levlab::ui {

class EditHistory;
class LeverageControl;
class MarketBar;
class PortfolioPanel;
class ExitsForm;
class PositionForm;
class PriceChartView;
class RiskPanel;
class TradeBar;
class LiveControl;

/// The dashboard: the market bar and live chart in the middle, the plan (the
/// position's inputs, leverage and risk) in a column on the right, the lessons
/// on the left and the portfolio under the chart. It lays the views out to fit
/// the screen, applies the theme and remembers the layout; every number comes
/// from the model.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(model::RiskModel& model, model::Market& market, model::PortfolioModel& portfolio, model::AppSettings& settings,
               QWidget* parent = nullptr);

    /// Edit › Undo and Redo: the plan's and the portfolio's edits in one history.
    [[nodiscard]] EditHistory* history() const { return m_history; }
    [[nodiscard]] PriceChartView* chart() const { return m_chart; }
    [[nodiscard]] LeverageControl* leverage() const { return m_leverage; }
    [[nodiscard]] PositionForm* form() const { return m_form; }
    [[nodiscard]] ExitsForm* exits() const { return m_exits; }
    [[nodiscard]] RiskPanel* risk() const { return m_risk; }
    [[nodiscard]] MarketBar* marketBar() const { return m_marketBar; }
    [[nodiscard]] LiveControl* liveControl() const { return m_liveControl; }
    [[nodiscard]] PortfolioPanel* portfolio() const { return m_portfolio; }
    [[nodiscard]] TradeBar* tradeBar() const { return m_tradeBar; }

    /// The theme, applied to the whole application (every widget, menu, dialog and tooltip).
    /// "System" picks dark or light from the palette the system gave at start-up.
    void setThemeChoice(model::ThemeChoice choice);
    /// The plan column's layout, for rows added above the position's inputs.
    [[nodiscard]] QVBoxLayout* planColumn() const { return m_planColumn; }
    /// The scroll area around the plan column (it scrolls only when the window is very short).
    [[nodiscard]] QScrollArea* planScroll() const { return m_planScroll; }
    /// Adds a panel as a dock on the left (the lessons), remembered with the layout.
    void addSideDock(QWidget* panel, const QString& title, const QString& objectName);
    [[nodiscard]] const Theme& theme() const { return m_theme; }

    /// File, the bar's first menu (app/ fills it: open, save, export, quit), and Edit.
    [[nodiscard]] QMenu* fileMenu() const { return m_fileMenu; }
    [[nodiscard]] QMenu* editMenu() const { return m_editMenu; }
    /// Asked before the window closes; false keeps it open (unsaved changes the user
    /// wants to keep). Without one the window always closes.
    void setCloseGuard(std::function<bool()> mayClose) { m_mayClose = std::move(mayClose); }

    /// Where a window frame goes to lie inside the available area: no larger than
    /// it (unless the minimum size needs more) and moved inside. decoration is the
    /// frame's size less the window's.
    [[nodiscard]] static QRect fittedFrame(const QRect& frame, const QSize& decoration, const QRect& available, const QSize& minimum);

signals:
    /// A Leverage Lab file was dropped onto the window.
    void fileDropped(const QString& path);
    /// The theme changed (panels added beside the window follow it).
    void themeChanged(const levlab::ui::Theme& theme);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void showRefusal(const model::Refusal& refusal);
    QString m_shownRefusal;  ///< the last refusal put in the status bar
    void buildMenus();
    /// Keeps the window inside the screen's available area, also when a remembered size is larger.
    void fitToScreen();

    model::RiskModel* m_model = nullptr;
    model::AppSettings& m_settings;
    QPalette m_systemPalette;
    Theme m_theme;
    QVBoxLayout* m_planColumn = nullptr;
    QScrollArea* m_planScroll = nullptr;
    bool m_shown = false;
    QSize m_fittedSize;  ///< the size fitToScreen chose; a different size was chosen by someone else
    PriceChartView* m_chart = nullptr;
    LeverageControl* m_leverage = nullptr;
    EditHistory* m_history = nullptr;
    PositionForm* m_form = nullptr;
    ExitsForm* m_exits = nullptr;
    RiskPanel* m_risk = nullptr;
    MarketBar* m_marketBar = nullptr;
    LiveControl* m_liveControl = nullptr;
    PortfolioPanel* m_portfolio = nullptr;
    TradeBar* m_tradeBar = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_editMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    std::function<bool()> m_mayClose;
};

}  // namespace levlab::ui
