#pragma once

#include <QWidget>

class QBoxLayout;
class QButtonGroup;
class QComboBox;
class QHBoxLayout;
class QLabel;

namespace levlab::model {
class Market;
}

namespace levlab::ui {

/// The market's controls: speed (pause, 1×, 10×, 60×, 600× real time), a named
/// scenario to play (simulated market only), and the current mark, last, funding and
/// time, refreshed on the market's own ticks. When
/// the bar is too narrow for one row, the prices go on a second.
class MarketBar final : public QWidget {
    Q_OBJECT
public:
    explicit MarketBar(model::Market& market, QWidget* parent = nullptr);

    [[nodiscard]] QButtonGroup* speedGroup() const { return m_speed; }
    [[nodiscard]] QComboBox* scenarioBox() const { return m_scenario; }
    void refresh();
    /// Puts a control choosing the market's source (the Live menu) after the scenario.
    void addSourceControl(QWidget* control);
    /// True when the prices sit beside the controls, false when they wrap under them.
    [[nodiscard]] bool oneRow() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    model::Market& m_market;
    QButtonGroup* m_speed = nullptr;
    QComboBox* m_scenario = nullptr;
    QLabel* m_scenarioName = nullptr;
    QLabel* m_prices = nullptr;
    QBoxLayout* m_layout = nullptr;
    QWidget* m_controls = nullptr;
    QHBoxLayout* m_row = nullptr;
};

}  // namespace levlab::ui
