#pragma once

#include "core/model/plan/plan_inputs.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;
class QPushButton;

namespace levlab::model {
class RiskModel;
}

namespace levlab::ui {

/// The trade's life in one row: where it stands (planning, waiting for its entry,
/// open with its running result, closed by its one exit with the realised result),
/// the action that moves it on (open at market, close at market, plan again), which
/// price the stop and target watch, and the log of earlier trades.
class TradeBar final : public QWidget {
    Q_OBJECT
public:
    explicit TradeBar(model::RiskModel& model, QWidget* parent = nullptr);

    [[nodiscard]] QLabel* stateLabel() const { return m_state; }
    [[nodiscard]] QPushButton* actionButton() const { return m_action; }
    [[nodiscard]] QComboBox* triggerBox() const { return m_trigger; }

    /// The sentence the state label shows, for the model's current state.
    [[nodiscard]] static QString describe(const model::RiskModel& model);
    /// The trade log as the Trade log dialog shows it: one row per trade, newest first,
    /// and under a ladder's trade one row per step (time, kind, price, size closed, result).
    [[nodiscard]] static QTableWidget* logTable(const model::RiskModel& model, QWidget* parent);

signals:
    void refused(const levlab::model::Refusal& refusal);

private:
    void refresh();
    void act();
    void showLog();

    model::RiskModel& m_model;
    QLabel* m_state = nullptr;
    QPushButton* m_action = nullptr;
    QPushButton* m_log = nullptr;
    QComboBox* m_trigger = nullptr;
};

}  // namespace levlab::ui
