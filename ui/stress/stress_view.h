#pragma once

#include "core/engine/stress/plan_stress.h"

#include <QDialog>

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
class RiskModel;
}

namespace levlab::ui {

/// The plan run over many seeded paths before any capital is risked (engine
/// stressPlan, off the GUI thread on the engine's own threads): the share of paths
/// ending in each exit, the median and 5th-percentile result and the worst path,
/// with its ladder and rules and without them side by side. The same seed gives the
/// same figures. Clicking the worst path lists its steps.
class StressView final : public QDialog {
    Q_OBJECT
public:
    explicit StressView(model::RiskModel& model, QWidget* parent = nullptr);
    ~StressView() override;

    [[nodiscard]] QSpinBox* pathsBox() const { return m_paths; }
    [[nodiscard]] QSpinBox* seedBox() const { return m_seed; }
    [[nodiscard]] QPushButton* runButton() const { return m_run; }
    [[nodiscard]] QTableWidget* table() const { return m_table; }
    [[nodiscard]] QTableWidget* worstSteps() const { return m_steps; }
    [[nodiscard]] bool running() const { return m_thread != nullptr; }

signals:
    void finished();

private:
    void run();
    void showResult(const engine::PlanStressResult& r);
    void showWorst(bool withRules);

    model::RiskModel& m_model;
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
    engine::StressRunOptions m_options;
    std::shared_ptr<std::optional<engine::Result<engine::PlanStressResult>>> m_result;
};

}  // namespace levlab::ui
