#pragma once

#include "ui/chart/level_line.h"

#include <QObject>

#include <vector>

namespace levlab::model {
class RiskModel;
}

namespace levlab::ui {

/// The exit plan's levels on the chart: each take-profit of the ladder still to fill
/// ("TP1 50%"), draggable like the single target (one setExitLadder per move), and the
/// margin rules as a ladder beside the liquidation line — where each rule triggers
/// ("Top-up 1", "Delev 1") and where the liquidation price moves to after it ("Liq ⇒ T1", "Liq ⇒ D1").
class LadderLines final : public QObject {
    Q_OBJECT
public:
    LadderLines(model::RiskModel& model, const Theme& theme, QGraphicsItem* chart, QObject* parent = nullptr);

    void setTheme(const Theme& theme);
    /// Puts every line at the model's levels in the plot's frame.
    void place(const QRectF& plot, double yMin, double yMax, double tagWidth, int decimals);
    [[nodiscard]] const std::vector<LevelLine*>& lines() const { return m_lines; }
    /// The take-profit line of rung `i` (0-based), when it shows.
    [[nodiscard]] LevelLine* target(int i) const;

signals:
    void dragging(bool on);

private:
    struct Level {
        LevelLine::Kind kind;
        QString name;
        double price;
        int rung;  ///< take-profit index, −1 for the margin ladder
    };
    [[nodiscard]] std::vector<Level> levels() const;

    model::RiskModel& m_model;
    Theme m_theme;
    QGraphicsItem* m_chart;
    std::vector<LevelLine*> m_lines;
    std::vector<int> m_rungs;  ///< per line: the take-profit it shows, or −1
};

}  // namespace levlab::ui
