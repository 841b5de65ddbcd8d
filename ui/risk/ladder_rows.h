#pragma once

#include <QStringList>
#include <QWidget>

namespace levlab::model {
class RiskModel;
}

namespace levlab::ui {

class ValueTable;

/// The exit plan's figures under the risk panel: the blended reward:risk, each
/// take-profit's realised result and the liquidation price after it, where the stop
/// moves, and each margin rule's trigger with the liquidation price after it. Once a
/// trade with a ladder is open, the steps that happened, each with its result. Rows
/// change only when the ladder or the steps do; values follow the market at the
/// readout pace, without relayout.
class LadderRows final : public QWidget {
    Q_OBJECT
public:
    explicit LadderRows(model::RiskModel& model, QWidget* parent = nullptr);

    [[nodiscard]] ValueTable* table() const { return m_table; }

private:
    void refresh();

    model::RiskModel& m_model;
    ValueTable* m_table = nullptr;
    QStringList m_names;  ///< the rows now
};

}  // namespace levlab::ui
