#pragma once

#include "core/engine/stress/history_stress.h"
#include "core/engine/stress/plan_stress.h"
#include "core/model/plan/plan_inputs.h"

#include <QDialog>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QThread;

namespace levlab::model {
class ReplaySource;
class RiskModel;
struct PathReplay;
}  // namespace levlab::model

namespace levlab::ui {

/// The plan run over many seeded paths, or over every entry of the loaded price
/// history, before any capital is risked (engine stressPlan / stressPlanOverHistory, off
/// the GUI thread on the engine's own threads): the share of paths ending in each exit,
/// the median and 5th-percentile result and the worst path, with its ladder and rules
/// and without them side by side. The same seed gives the same figures. Clicking a worst
/// path lists its steps and asks for it to be played on the chart (replayRequested).
class StressView final : public QDialog {
    Q_OBJECT
public:
    /// The loaded price history to offer ("over the loaded history"), or null.
    using HistoryOf = std::function<const model::ReplaySource*()>;

    explicit StressView(model::RiskModel& model, QWidget* parent = nullptr);
    ~StressView() override;

    void setHistory(HistoryOf history);

    [[nodiscard]] QComboBox* sourceBox() const { return m_source; }
    [[nodiscard]] QSpinBox* pathsBox() const { return m_paths; }
    [[nodiscard]] QSpinBox* seedBox() const { return m_seed; }
    [[nodiscard]] QPushButton* runButton() const { return m_run; }
    [[nodiscard]] QTableWidget* table() const { return m_table; }
    [[nodiscard]] QTableWidget* worstSteps() const { return m_steps; }
    [[nodiscard]] bool running() const { return m_thread != nullptr; }

signals:
    void finished();
    /// A worst path to play on the chart.
    void replayRequested(const levlab::model::PathReplay& path);

protected:
    void showEvent(QShowEvent* event) override;

private:
    /// What a run gave: the history run's figures (a seeded run fills only `run`), or why none.
    struct Outcome {
        std::optional<engine::Error> error;
        engine::HistoryStressResult result;
    };
    void refreshSources();
    void run();
    void showResult(const engine::PlanStressResult& r, std::size_t paths);
    void showWorst(bool withRules);

    model::RiskModel& m_model;
    HistoryOf m_history;
    QComboBox* m_source = nullptr;
    QSpinBox* m_paths = nullptr;
    QSpinBox* m_seed = nullptr;
    QComboBox* m_regime = nullptr;
    QPushButton* m_run = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QTableWidget* m_table = nullptr;
    QTableWidget* m_steps = nullptr;
    QThread* m_thread = nullptr;
    engine::TradePlan m_plan;
    model::PlanInputs m_inputs;
    engine::StressRunOptions m_options;
    bool m_overHistory = false;
    std::shared_ptr<const std::vector<engine::Bar>> m_bars;
    engine::HistoryRunOptions m_historyOptions;
    std::shared_ptr<std::optional<Outcome>> m_result;
};

}  // namespace levlab::ui
