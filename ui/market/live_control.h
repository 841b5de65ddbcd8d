#pragma once

#include "core/model/live/live_types.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QToolButton;

namespace levlab::model {
class LiveSource;
class Market;
}  // namespace levlab::model

namespace levlab::ui {

/// The market bar's way to a real market, opt-in: "Live ▾" lists venues and symbols;
/// choosing one first says what connecting means (public market data only: no account,
/// no keys, no orders) and asks to confirm. While live, the connection's state in the
/// core's words ("Connecting to BitMEX…", "No data for 5 s", "Reconnecting in 8 s") and a
/// "Simulation" button that goes back in one click. Nothing is remembered across
/// restarts: the app always starts on the simulated market.
class LiveControl final : public QWidget {
    Q_OBJECT
public:
    explicit LiveControl(model::Market& market, QWidget* parent = nullptr);
    /// Leaves the live source to the market, its parent, which ends it with itself.
    ~LiveControl() override;

    /// One choice of the Live menu.
    struct Choice {
        model::LiveVenue venue;
        QString symbol;
    };
    [[nodiscard]] static QList<Choice> choices();
    /// "Binance USDⓈ-M · BTCUSDT": the menu's text for a choice.
    [[nodiscard]] static QString choiceText(const Choice& c);

    /// The Live button alone: the window's minimum size does not grow with the status.
    [[nodiscard]] QSize minimumSizeHint() const override;

    [[nodiscard]] QToolButton* liveButton() const { return m_live; }
    [[nodiscard]] QPushButton* simulationButton() const { return m_simulation; }
    [[nodiscard]] QLabel* statusLabel() const { return m_status; }
    /// The live source in charge, if any.
    [[nodiscard]] model::LiveSource* source() const;

    /// Asks to confirm, then follows the venue (nothing happens when declined).
    void choose(const Choice& choice);
    /// Follows the venue at once, without asking (what choose() does once confirmed).
    void follow(const Choice& choice);
    /// Back to the simulated market, at the speed it had.
    void backToSimulation();

signals:
    /// Empty while prices are fresh (or simulated); else one sentence saying since when
    /// they are stale, for the risk panel.
    void staleNote(const QString& note);

private:
    void refresh();

    model::Market& m_market;
    QToolButton* m_live = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_simulation = nullptr;
    QPointer<model::LiveSource> m_source;
    double m_simulatedSpeed = 1.0;
    QString m_note;
    QString m_statusText;  ///< the status shown, whole
    int m_statusWidth = -1;
};

}  // namespace levlab::ui
