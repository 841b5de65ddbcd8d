#pragma once

#include "core/model/replay/crash_lab.h"
#include "core/model/replay/stress_replay.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QListWidget;
class QPushButton;

namespace levlab::model {
class Market;
class ReplayJournal;
class ReplaySource;
class RiskModel;
}  // namespace levlab::model

namespace levlab::ui {

/// Bar replay of real history, as TradingView has it: the crash lab's shipped windows
/// one click away (with the day's facts, computed from the bars), or any price file;
/// a start time (later bars hidden), play / pause / step one bar / speed, jump to a
/// date. The replay becomes the app's market: the plan opens at its price with the
/// trade bar and lives its lifecycle, funding settles from a loaded funding file, and
/// the events are listed as `levlab-cli replay` prints them.
class ReplayPanel final : public QWidget {
    Q_OBJECT
public:
    ReplayPanel(model::Market& market, model::RiskModel& model, QWidget* parent = nullptr);
    ~ReplayPanel() override;

    /// Loads a shipped window; false (and message()) when its data cannot be read.
    bool loadCrash(const model::CrashWindow& window);
    /// Loads any price file the importer reads; false (and message()) when refused.
    bool loadFile(const QString& path);
    /// Loads a funding history to settle during the replay.
    bool loadFunding(const QString& path);
    /// Hands the market back to the simulation.
    void stop();
    /// Plays a stress run's path on the chart: a seeded path's bars as the market, or the
    /// loaded history from an entry; the plan moved there opens at the market and the
    /// replay plays at 60×. False (and message()) when it cannot.
    bool replay(const model::PathReplay& path);
    /// The loaded price history being replayed, not a stress path; null without one.
    [[nodiscard]] const model::ReplaySource* history() const { return m_pathReplay ? nullptr : m_source.get(); }

    [[nodiscard]] model::ReplaySource* source() const { return m_source.get(); }
    [[nodiscard]] const model::ReplayJournal* journal() const { return m_journal.get(); }
    [[nodiscard]] QPushButton* crashButton(int i) const;
    [[nodiscard]] QPushButton* playButton() const { return m_play; }
    [[nodiscard]] QPushButton* stepButton() const { return m_step; }
    [[nodiscard]] QPushButton* jumpButton() const { return m_jump; }
    [[nodiscard]] QPushButton* startButton() const { return m_startHere; }
    [[nodiscard]] QDateTimeEdit* jumpEdit() const { return m_jumpTo; }
    [[nodiscard]] QDateTimeEdit* startEdit() const { return m_startAt; }
    [[nodiscard]] QComboBox* speedBox() const { return m_speed; }
    [[nodiscard]] QLabel* factsLabel() const { return m_facts; }
    [[nodiscard]] QLabel* positionLabel() const { return m_position; }
    [[nodiscard]] QListWidget* eventList() const { return m_events; }

signals:
    /// A sentence for the status bar (a refused file, what was loaded).
    void message(const QString& text);

private:
    /// The start and jump dates at the replay's start.
    void showStart();
    bool adopt(std::unique_ptr<model::ReplaySource> source, const QStringList& facts);
    void refresh();
    void refreshEvents();

    model::Market& m_market;
    model::RiskModel& m_model;
    std::unique_ptr<model::ReplaySource> m_source;
    bool m_pathReplay = false;  ///< m_source is a stress run's seeded path
    std::unique_ptr<model::ReplayJournal> m_journal;
    QList<QPushButton*> m_crashButtons;
    QLabel* m_title = nullptr;
    QLabel* m_facts = nullptr;
    QLabel* m_position = nullptr;
    QPushButton* m_play = nullptr;
    QPushButton* m_step = nullptr;
    QComboBox* m_speed = nullptr;
    QDateTimeEdit* m_startAt = nullptr;
    QPushButton* m_startHere = nullptr;
    QDateTimeEdit* m_jumpTo = nullptr;
    QPushButton* m_jump = nullptr;
    QPushButton* m_funding = nullptr;
    QPushButton* m_back = nullptr;
    QListWidget* m_events = nullptr;
};

}  // namespace levlab::ui
