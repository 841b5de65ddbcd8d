#pragma once

#include "core/model/plan/ladder_limits.h"
#include "core/model/plan/plan_inputs.h"
#include "ui/controls/number_field.h"

#include <QWidget>

#include <array>
#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QGridLayout;

namespace levlab::model {
class ReplaySource;
class RiskModel;
struct PathReplay;
}  // namespace levlab::model

namespace levlab::ui {

class StressView;
class VenueComparison;

/// The plan's exits beyond one stop and one target: up to five take-profits, each
/// a price and the share of the position it closes; the stop to break-even after
/// one of them; a trailing stop in % of the best price or in price; up to three
/// margin top-up rules and three deleveraging rules. Every change is one
/// RiskModel::setExitLadder call (one undo step); a refused value stays in its field
/// with the reason beside it. A take-profit or rule row appears once the one before
/// it is on.
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
    /// "%" (of the best price) or "price" (a distance in price).
    [[nodiscard]] QComboBox* trailingUnitBox() const { return m_trailUnit; }
    static constexpr int kRuleRows = static_cast<int>(model::kMaxMarginRules);
    [[nodiscard]] QCheckBox* topUpEnabled(int i = 0) const { return m_topUps[static_cast<std::size_t>(i)].on; }
    [[nodiscard]] NumberField* topUpRatioBox(int i = 0) const { return m_topUps[static_cast<std::size_t>(i)].ratio; }
    [[nodiscard]] NumberField* topUpAmountBox(int i = 0) const { return m_topUps[static_cast<std::size_t>(i)].value; }
    [[nodiscard]] QCheckBox* deleverageEnabled(int i = 0) const { return m_delevs[static_cast<std::size_t>(i)].on; }
    [[nodiscard]] NumberField* deleverageRatioBox(int i = 0) const { return m_delevs[static_cast<std::size_t>(i)].ratio; }
    [[nodiscard]] NumberField* deleverageShareBox(int i = 0) const { return m_delevs[static_cast<std::size_t>(i)].value; }
    /// The stress run and the venue comparison, opened by the buttons under the rules.
    [[nodiscard]] StressView* stressView() const { return m_stress; }
    [[nodiscard]] VenueComparison* venueComparison() const { return m_venues; }

    /// The stress run's "over the loaded history" source (see StressView::setHistory).
    void setStressHistory(std::function<const model::ReplaySource*()> history);

signals:
    void refused(const levlab::model::Refusal& refusal);
    /// The stress run's worst path, to play on the chart.
    void replayRequested(const levlab::model::PathReplay& path);

private:
    struct Rung {
        QCheckBox* on = nullptr;
        NumberField* price = nullptr;
        NumberField* share = nullptr;
    };
    /// One margin rule's row: on, the margin ratio, and the amount (top-up) or share (deleverage).
    struct RuleRow {
        QCheckBox* on = nullptr;
        NumberField* ratio = nullptr;
        NumberField* value = nullptr;
    };
    enum class RuleKind { TopUp, Deleverage };
    void addRuleRows(QGridLayout* grid, int& r, RuleKind kind);
    void toggleRule(RuleKind kind, int i, bool on);
    void refreshRules(RuleKind kind, bool byMarket);
    void setTrailingUnit(bool inPrice);
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
    QComboBox* m_trailUnit = nullptr;
    std::array<RuleRow, model::kMaxMarginRules> m_topUps{};
    std::array<RuleRow, model::kMaxMarginRules> m_delevs{};
    StressView* m_stress = nullptr;
    std::function<const model::ReplaySource*()> m_stressHistory;
    VenueComparison* m_venues = nullptr;
};

}  // namespace levlab::ui
