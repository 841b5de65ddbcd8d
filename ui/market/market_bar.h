#pragma once

#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLabel;

namespace levlab::model {
class MarketFeed;
}

namespace levlab::ui {

/// The simulated market's controls: speed (pause, 1×, 10×, 60×, 600×), a
/// named scenario to play, and the current mark, last, funding and time.
class MarketBar final : public QWidget {
    Q_OBJECT
public:
    explicit MarketBar(model::MarketFeed& feed, QWidget* parent = nullptr);

    [[nodiscard]] QButtonGroup* speedGroup() const { return m_speed; }
    [[nodiscard]] QComboBox* scenarioBox() const { return m_scenario; }
    void refresh();

private:
    model::MarketFeed& m_feed;
    QButtonGroup* m_speed = nullptr;
    QComboBox* m_scenario = nullptr;
    QLabel* m_prices = nullptr;
};

}  // namespace levlab::ui
