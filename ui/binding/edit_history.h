#pragma once

#include "core/model/plan/plan_inputs.h"

#include <QObject>

class QMenu;
class QUndoStack;

namespace levlab::model {
class RiskModel;
}

namespace levlab::ui {

/// One undo history for the window: the plan's edits and the portfolio's, in
/// the order they were made (Edit › Undo, Ctrl+Z).
///
/// A plan edit is recorded when the plan's inputs change while the market did
/// not: whatever made the change (a field, the slider, a chart drag, a one-click
/// fix, a lesson's example), the market never does. Steps made while one mouse
/// button or one key stays down (a slider or line drag, an arrow key repeating)
/// merge into one entry. Undo puts back the fields that entry changed, through
/// RiskModel::setInputs.
class EditHistory final : public QObject {
    Q_OBJECT
public:
    explicit EditHistory(model::RiskModel& plan, QObject* parent = nullptr);

    [[nodiscard]] QUndoStack* stack() const { return m_stack; }
    /// Fills the Edit menu: Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z), each naming its entry.
    void addActions(QMenu* edit);

    /// What changed, in the words of the screen: "Leverage 25× → 5×",
    /// "Wallet 10,000 → 20,000", "Stop-loss off".
    [[nodiscard]] static QString describe(const model::PlanInputs& before, const model::PlanInputs& after);
    /// A number as the history writes it: the locale's separators, no trailing zeros.
    [[nodiscard]] static QString number(double value);

    /// The current gesture (a drag, a held key): edits with the same token merge.
    [[nodiscard]] int gesture();

    /// Puts `inputs` into the plan without recording it (undo and redo).
    void restore(const model::PlanInputs& inputs);
    [[nodiscard]] const model::PlanInputs& current() const;

signals:
    /// Undo or redo could not put a value back (the market has moved since).
    void refused(const levlab::model::Refusal& refusal);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void planEdited(const model::PlanInputs& before, const model::PlanInputs& after);

    model::RiskModel& m_plan;
    QUndoStack* m_stack = nullptr;
    bool m_restoring = false;
    int m_presses = 0;          ///< mouse and key presses seen, one per gesture
    bool m_buttonDown = false;
    bool m_keyHeld = false;
    int m_loose = 0;            ///< tokens for edits made with no button down: never equal
};

}  // namespace levlab::ui
