#pragma once

#include "core/model/plan/plan_inputs.h"
#include "ui/controls/number_field.h"

#include <QWidget>

#include <functional>
#include <optional>

class QButtonGroup;
class QCheckBox;
class QComboBox;

namespace levlab::model {
class RiskModel;
}

namespace levlab::ui {

/// The position's inputs: venue and symbol, side, margin mode, entry, size,
/// wallet, stop-loss, take-profit, holding horizon and fee. A number is one
/// model setter call when it is committed (Enter, Tab, focus-out or a step); a
/// refused number stays in its field, marked, with the reason under it.
class PositionForm final : public QWidget {
    Q_OBJECT
public:
    explicit PositionForm(model::RiskModel& model, QWidget* parent = nullptr);

    [[nodiscard]] QComboBox* venueBox() const { return m_venue; }
    [[nodiscard]] QComboBox* symbolBox() const { return m_symbol; }
    [[nodiscard]] QButtonGroup* sideGroup() const { return m_side; }
    [[nodiscard]] QButtonGroup* modeGroup() const { return m_mode; }
    [[nodiscard]] NumberField* sizeBox() const { return m_size; }
    [[nodiscard]] NumberField* walletBox() const { return m_wallet; }
    [[nodiscard]] NumberField* extraMarginBox() const { return m_extra; }
    [[nodiscard]] NumberField* horizonBox() const { return m_horizon; }
    [[nodiscard]] NumberField* feeBox() const { return m_fee; }
    [[nodiscard]] NumberField* stopBox() const { return m_stop; }
    [[nodiscard]] QCheckBox* stopEnabled() const { return m_stopOn; }
    [[nodiscard]] NumberField* targetBox() const { return m_target; }
    [[nodiscard]] QCheckBox* targetEnabled() const { return m_targetOn; }
    [[nodiscard]] NumberField* entryBox() const { return m_entry; }
    [[nodiscard]] QCheckBox* atMarketBox() const { return m_atMarket; }

signals:
    void refused(const levlab::model::Refusal& refusal);

private:
    void refresh();
    void report(const std::optional<model::Refusal>& outcome);
    void refreshSymbols();
    void bind(NumberField* field, std::function<std::optional<model::Refusal>(double)> set);

    model::RiskModel& m_model;
    model::MarketState m_refreshedMarket;  ///< at the last refresh: tells market moves from edits
    QComboBox* m_venue = nullptr;
    QComboBox* m_symbol = nullptr;
    QButtonGroup* m_side = nullptr;
    QButtonGroup* m_mode = nullptr;
    QCheckBox* m_atMarket = nullptr;
    NumberField* m_entry = nullptr;
    QComboBox* m_sizeMode = nullptr;
    NumberField* m_size = nullptr;
    NumberField* m_wallet = nullptr;
    NumberField* m_extra = nullptr;
    QCheckBox* m_stopOn = nullptr;
    NumberField* m_stop = nullptr;
    QCheckBox* m_targetOn = nullptr;
    NumberField* m_target = nullptr;
    NumberField* m_horizon = nullptr;
    NumberField* m_fee = nullptr;
};

}  // namespace levlab::ui
