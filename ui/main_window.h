#pragma once

#include "core/model/settings/app_settings.h"
#include "ui/theme/theme.h"

#include <QMainWindow>

class QSplitter;

namespace levlab::model {
class MarketFeed;
class PortfolioModel;
class RiskModel;
struct Refusal;
}  // namespace levlab::model

namespace levlab::ui {

class EditHistory;
class LeverageControl;
class MarketBar;
class PortfolioPanel;
class PositionForm;
class PriceChartView;
class RiskPanel;

/// The dashboard: the market bar and live chart on the left, the position's
/// inputs, leverage and risk on the right. It lays the views out, applies the
/// theme and remembers the layout; every number comes from the model.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(model::RiskModel& model, model::MarketFeed& feed, model::PortfolioModel& portfolio, model::AppSettings& settings,
               QWidget* parent = nullptr);

    /// Edit › Undo and Redo: the plan's and the portfolio's edits in one history.
    [[nodiscard]] EditHistory* history() const { return m_history; }
    [[nodiscard]] PriceChartView* chart() const { return m_chart; }
    [[nodiscard]] LeverageControl* leverage() const { return m_leverage; }
    [[nodiscard]] PositionForm* form() const { return m_form; }
    [[nodiscard]] RiskPanel* risk() const { return m_risk; }
    [[nodiscard]] MarketBar* marketBar() const { return m_marketBar; }
    [[nodiscard]] PortfolioPanel* portfolio() const { return m_portfolio; }

    void setThemeChoice(model::ThemeChoice choice);
    /// Adds a panel as a dock on the left (the lessons), remembered with the layout.
    void addSideDock(QWidget* panel, const QString& title, const QString& objectName);
    [[nodiscard]] const Theme& theme() const { return m_theme; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void showRefusal(const model::Refusal& refusal);
    void buildMenus();

    model::AppSettings& m_settings;
    Theme m_theme;
    QSplitter* m_splitter = nullptr;
    PriceChartView* m_chart = nullptr;
    LeverageControl* m_leverage = nullptr;
    EditHistory* m_history = nullptr;
    PositionForm* m_form = nullptr;
    RiskPanel* m_risk = nullptr;
    MarketBar* m_marketBar = nullptr;
    PortfolioPanel* m_portfolio = nullptr;
};

}  // namespace levlab::ui
