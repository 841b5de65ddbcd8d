#pragma once

#include "core/model/plan/plan_inputs.h"

#include <QWidget>

#include <array>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;

namespace levlab::model {
class RiskModel;
}

namespace levlab::ui {

/// The leverage slider, from 1x to the maximum of the position's risk-limit
/// row, with a spin box for exact values and chips for common choices. When
/// the size moves into a row with a lower maximum, the range shrinks and the
/// label says why.
class LeverageControl final : public QWidget {
    Q_OBJECT
public:
    explicit LeverageControl(model::RiskModel& model, QWidget* parent = nullptr);

    [[nodiscard]] QSlider* slider() const { return m_slider; }
    [[nodiscard]] QDoubleSpinBox* spinBox() const { return m_spin; }
    [[nodiscard]] QLabel* maxLabel() const { return m_maxLabel; }

signals:
    void refused(const levlab::model::Refusal& refusal);

private:
    void refresh();
    void request(double leverage);

    model::RiskModel& m_model;
    QSlider* m_slider = nullptr;
    QDoubleSpinBox* m_spin = nullptr;
    QLabel* m_maxLabel = nullptr;
    std::array<QPushButton*, 5> m_chips{};
};

}  // namespace levlab::ui
