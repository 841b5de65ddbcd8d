#pragma once

#include <QWidget>

class QBoxLayout;
class QButtonGroup;
class QComboBox;
class QLabel;

namespace levlab::model {
class MarketFeed;
}

namespace levlab::ui {

/// The simulated market's controls: speed (pause, 1×, 10×, 60×, 600×), a
/// named scenario to play, and the current mark, last, funding and time. When
/// the bar is too narrow for one row, the prices go on a second.
class MarketBar final : public QWidget {
    Q_OBJECT
public:
    explicit MarketBar(model::MarketFeed& feed, QWidget* parent = nullptr);

    [[nodiscard]] QButtonGroup* speedGroup() const { return m_speed; }
    [[nodiscard]] QComboBox* scenarioBox() const { return m_scenario; }
    void refresh();
    /// True when the prices sit beside the controls, false when they wrap under them.
    [[nodiscard]] bool oneRow() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    model::MarketFeed& m_feed;
    QButtonGroup* m_speed = nullptr;
    QComboBox* m_scenario = nullptr;
    QLabel* m_prices = nullptr;
    QBoxLayout* m_layout = nullptr;
    QWidget* m_controls = nullptr;
};

}  // namespace levlab::ui
