#pragma once

#include "core/model/plan/plan_inputs.h"
#include "ui/theme/theme.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;

namespace levlab::model {
class OddsModel;
}

namespace levlab::ui {

class OddsGridView;

/// The historical odds of liquidation beside the chart: for the history being replayed and
/// the plan, the share of entries liquidated by leverage and holding period, one side at a
/// time (Long / Short), with a legend and what the figures mean. On the simulated market it
/// says that there is no history to count. A cell's worst case replays on a click, Enter or
/// Space (the model does it); a refusal goes to refused().
class OddsHeatmap final : public QWidget {
    Q_OBJECT
public:
    explicit OddsHeatmap(model::OddsModel& odds, QWidget* parent = nullptr);

    void setTheme(const Theme& theme);
    /// Shows this side's grid (the plan's side when the plan changes side).
    void setSide(engine::Side side);

    [[nodiscard]] OddsGridView* grid() const { return m_grid; }
    [[nodiscard]] QPushButton* longButton() const { return m_long; }
    [[nodiscard]] QPushButton* shortButton() const { return m_short; }
    [[nodiscard]] QLabel* statusLabel() const { return m_status; }

signals:
    void refused(const levlab::model::Refusal& refusal);
    /// A sentence for the status bar (the worst case now replaying).
    void message(const QString& text);

private:
    void refresh();

    model::OddsModel& m_odds;
    Theme m_theme;
    QLabel* m_status = nullptr;
    QLabel* m_about = nullptr;
    QPushButton* m_long = nullptr;
    QPushButton* m_short = nullptr;
    OddsGridView* m_grid = nullptr;
    QWidget* m_legend = nullptr;
    std::optional<engine::Side> m_planSide;  ///< the plan's side when last seen
};

}  // namespace levlab::ui
