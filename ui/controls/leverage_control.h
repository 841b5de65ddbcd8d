#pragma once

#include "core/model/plan/plan_inputs.h"
#include "ui/controls/number_field.h"

#include <QWidget>

#include <array>
#include <optional>
#include <tuple>

class QLabel;
class QPushButton;
class QSlider;

namespace levlab::model {
class RiskModel;
}

namespace levlab::ui {

/// The leverage slider, from 1x to the maximum of the position's risk-limit
/// row, with a field for exact values and chips for common choices. When the
/// size moves into a row with a lower maximum, the range shrinks and the label
/// says why. A value the model refuses — from a chip, a slider step or the
/// field — is explained under the slider, in words.
class LeverageControl final : public QWidget {
    Q_OBJECT
public:
    explicit LeverageControl(model::RiskModel& model, QWidget* parent = nullptr);

    [[nodiscard]] QSlider* slider() const { return m_slider; }
    [[nodiscard]] NumberField* spinBox() const { return m_spin; }
    [[nodiscard]] QLabel* maxLabel() const { return m_maxLabel; }
    /// Why the last chip or slider value did not apply, or that the model lowered the leverage.
    [[nodiscard]] QLabel* reasonLabel() const { return m_reason; }
    [[nodiscard]] QPushButton* chip(std::size_t i) const { return m_chips.at(i); }

signals:
    void refused(const levlab::model::Refusal& refusal);

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();
    void request(double leverage);
    void explain(const QString& text, bool problem);
    void colourReason();

    model::RiskModel& m_model;
    QSlider* m_slider = nullptr;
    NumberField* m_spin = nullptr;
    QLabel* m_maxLabel = nullptr;
    QLabel* m_reason = nullptr;
    double m_shownLeverage = 0.0;
    model::PlanInputs m_explained;  ///< the plan when the reason was given: it goes when the plan changes
    model::MarketState m_refreshedMarket;  ///< at the last refresh: tells market moves from edits
    /// Leverage, maximum, the slider's lower end and the maximum's reason at the last full refresh.
    std::optional<std::tuple<double, double, int, QString>> m_shownFor;
    bool m_requesting = false;
    bool m_reasonIsProblem = false;
    std::array<QPushButton*, 5> m_chips{};
};

}  // namespace levlab::ui
