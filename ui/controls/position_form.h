#pragma once

#include "core/model/plan/plan_inputs.h"

#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;

namespace levlab::model {
class RiskModel;
}

namespace levlab::ui {

/// The position's inputs: venue and symbol, side, margin mode, entry, size,
/// wallet, stop-loss, take-profit, holding horizon and fee. Each edit is one
/// model setter call; a refusal is reported and the field shows the model's
/// value again.
class PositionForm final : public QWidget {
    Q_OBJECT
public:
    explicit PositionForm(model::RiskModel& model, QWidget* parent = nullptr);

    [[nodiscard]] QComboBox* venueBox() const { return m_venue; }
    [[nodiscard]] QComboBox* symbolBox() const { return m_symbol; }
    [[nodiscard]] QButtonGroup* sideGroup() const { return m_side; }
    [[nodiscard]] QButtonGroup* modeGroup() const { return m_mode; }
    [[nodiscard]] QDoubleSpinBox* sizeBox() const { return m_size; }
    [[nodiscard]] QDoubleSpinBox* walletBox() const { return m_wallet; }
    [[nodiscard]] QDoubleSpinBox* stopBox() const { return m_stop; }
    [[nodiscard]] QCheckBox* stopEnabled() const { return m_stopOn; }
    [[nodiscard]] QDoubleSpinBox* targetBox() const { return m_target; }
    [[nodiscard]] QCheckBox* targetEnabled() const { return m_targetOn; }
    [[nodiscard]] QDoubleSpinBox* entryBox() const { return m_entry; }
    [[nodiscard]] QCheckBox* atMarketBox() const { return m_atMarket; }

signals:
    void refused(const levlab::model::Refusal& refusal);

private:
    void refresh();
    void report(const std::optional<model::Refusal>& outcome);
    void refreshSymbols();

    model::RiskModel& m_model;
    QComboBox* m_venue = nullptr;
    QComboBox* m_symbol = nullptr;
    QButtonGroup* m_side = nullptr;
    QButtonGroup* m_mode = nullptr;
    QCheckBox* m_atMarket = nullptr;
    QDoubleSpinBox* m_entry = nullptr;
    QComboBox* m_sizeMode = nullptr;
    QDoubleSpinBox* m_size = nullptr;
    QDoubleSpinBox* m_wallet = nullptr;
    QDoubleSpinBox* m_extra = nullptr;
    QCheckBox* m_stopOn = nullptr;
    QDoubleSpinBox* m_stop = nullptr;
    QCheckBox* m_targetOn = nullptr;
    QDoubleSpinBox* m_target = nullptr;
    QDoubleSpinBox* m_horizon = nullptr;
    QDoubleSpinBox* m_fee = nullptr;
};

}  // namespace levlab::ui
