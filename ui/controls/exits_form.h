#pragma once

#include "core/model/plan/plan_inputs.h"
#include "ui/controls/number_field.h"

#include <QWidget>

#include <array>
#include <optional>

class QCheckBox;
class QComboBox;

namespace levlab::model {
class RiskModel;
}

namespace levlab::ui {

class StressView;
class VenueComparison;

/// The plan's exits beyond one stop and one target: up to five take-profits, each
/// a price and the share of the position it closes; the stop to break-even after
/// one of them; a trailing stop; one margin top-up rule and one deleveraging rule.
/// Every change is one RiskModel::setExitLadder call (one undo step); a refused
/// value stays in its field with the reason beside it. A take-profit row appears
/// once the one before it is on.
class ExitsForm final : public QWidget {
    Q_OBJECT
public:
    explicit ExitsForm(model::RiskModel& model, QWidget* parent = nullptr);

    static constexpr int kRows = 5;
    [[nodiscard]] QCheckBox* targetEnabled(int i) const { return m_rows[static_cast<std::size_t>(i)].on; }
    [[nodiscard]] NumberField* targetPrice(int i) const { return m_rows[static_cast<std::size_t>(i)].price; }
    [[nodiscard]] NumberField* targetShare(int i) const { return m_rows[static_cast<std::size_t>(i)].share; }
    [[nodiscard]] QComboBox* breakEvenBox() const { return m_breakEven; }
    [[nodiscard]] QCheckBox* trailingEnabled() const { return m_trailOn; }
    [[nodiscard]] NumberField* trailingBox() const { return m_trail; }
    [[nodiscard]] QCheckBox* topUpEnabled() const { return m_topUpOn; }
    [[nodiscard]] NumberField* topUpRatioBox() const { return m_topUpRatio; }
    [[nodiscard]] NumberField* topUpAmountBox() const { return m_topUpAmount; }
    [[nodiscard]] QCheckBox* deleverageEnabled() const { return m_delevOn; }
    [[nodiscard]] NumberField* deleverageRatioBox() const { return m_delevRatio; }
    [[nodiscard]] NumberField* deleverageShareBox() const { return m_delevShare; }
    /// The stress run and the venue comparison, opened by the buttons under the rules.
    [[nodiscard]] StressView* stressView() const { return m_stress; }
    [[nodiscard]] VenueComparison* venueComparison() const { return m_venues; }

signals:
    void refused(const levlab::model::Refusal& refusal);

private:
    struct Rung {
        QCheckBox* on = nullptr;
        NumberField* price = nullptr;
        NumberField* share = nullptr;
    };
    void refresh();
    /// Hands `ladder` to the model; a refusal is shown on `field` (or only reported).
    void commit(const model::ExitLadder& ladder, NumberField* field = nullptr);
    void toggleTarget(int i, bool on);
    void bindNumber(NumberField* field, std::function<void(model::ExitLadder&, double)> change);

    model::RiskModel& m_model;
    model::MarketState m_refreshedMarket;
    std::array<Rung, kRows> m_rows{};
    QComboBox* m_breakEven = nullptr;
    QCheckBox* m_trailOn = nullptr;
    NumberField* m_trail = nullptr;
    QCheckBox* m_topUpOn = nullptr;
    NumberField* m_topUpRatio = nullptr;
    NumberField* m_topUpAmount = nullptr;
    QCheckBox* m_delevOn = nullptr;
    NumberField* m_delevRatio = nullptr;
    NumberField* m_delevShare = nullptr;
    StressView* m_stress = nullptr;
    VenueComparison* m_venues = nullptr;
};

}  // namespace levlab::ui
