#pragma once

#include "core/model/session/session_files.h"

#include <QObject>
#include <QString>

#include <functional>

class QMenu;
class QTimer;

namespace levlab::model {
class AppSettings;
class MarketFeed;
class PortfolioModel;
class RiskModel;
struct Document;
} // namespace levlab::model

namespace levlab::ui {

class MainWindow;

/// The plan and portfolio as a file, bound to the window: File › New, Open…, Open
/// Recent, Save, Save As… and Quit; the title's file name and modified mark; the
/// question before unsaved changes are lost; files dropped on the window; and the
/// session kept across restarts with its 30-second autosave.
///
/// "Modified" means an edit of the plan or the portfolio since the file was opened
/// or saved: the window's undo history is not at its saved point (undoing back to
/// it is unmodified again). Market moves never modify.
class DocumentController final : public QObject {
    Q_OBJECT
public:
    DocumentController(model::RiskModel& risk, model::PortfolioModel& portfolio, model::MarketFeed& feed,
        model::AppSettings& settings, MainWindow& window, const QString& dataDirectory);

    /// Fills the File menu: New, Open…, Open Recent ▸, Save, Save As…, `exports`, Quit.
    void addFileActions(QMenu* file, QMenu* exports);
    /// What File › New puts in place (the first plan and portfolio at the current market).
    void setFreshWork(std::function<void()> makeFresh) { m_makeFresh = std::move(makeFresh); }

    [[nodiscard]] const QString& path() const { return m_path; }
    [[nodiscard]] bool isModified() const;
    [[nodiscard]] QMenu* recentMenu() const { return m_recent; }
    [[nodiscard]] const model::SessionFiles& sessionFiles() const { return m_files; }

    /// Opens `path`. A file that cannot be read or is refused changes nothing on screen
    /// and is reported in a message box ("plan.levlab:14:7: …"); true when opened.
    bool openFile(const QString& path);
    /// The same without any dialog: the error in words, or "" when opened.
    [[nodiscard]] QString load(const QString& path);
    /// Save (Ctrl+S): to the current file, or Save As… when there is none.
    bool save();
    bool saveAs();
    /// Writes the work to `path` atomically and makes it the current file; the error, or "".
    [[nodiscard]] QString saveTo(const QString& path);
    /// New (Ctrl+N): asks about unsaved changes, then puts the fresh work in place.
    void newDocument();
    /// Asks Save / Discard / Cancel when there are unsaved changes; false on Cancel
    /// (or when saving failed or was cancelled).
    bool maySave(const QString& action);

    enum class AutosaveAnswer { Ask, Restore, Discard };
    /// At start-up: an autosave left by a run that did not end cleanly is offered
    /// (or restored or discarded without asking); otherwise the last session comes back.
    void restoreSession(AutosaveAnswer answer = AutosaveAnswer::Ask);
    /// At a clean quit: writes the session and removes the autosave. Nothing is written
    /// when the settings are not persistent (a screenshot run).
    void keepSession();
    /// Writes the autosave now if there are unsaved changes.
    void autosave();
    void setAutosaveInterval(int ms);

signals:
    /// A line for the status bar.
    void message(const QString& text);

private:
    [[nodiscard]] model::Document capture() const;
    /// Puts `bytes` (read from `name`) on screen; the error in words, or "".
    [[nodiscard]] QString apply(const QByteArray& bytes, const QString& name);
    enum class History { Start, Keep };
    void setCurrent(const QString& path, History history, bool modified);
    void updateTitle();
    void addRecent(const QString& path);
    void fillRecentMenu();
    [[nodiscard]] QString dialogDirectory() const;
    [[nodiscard]] bool writes() const;

    model::RiskModel& m_risk;
    model::PortfolioModel& m_portfolio;
    model::MarketFeed& m_feed;
    model::AppSettings& m_settings;
    MainWindow& m_window;
    model::SessionFiles m_files;
    std::function<void()> m_makeFresh;
    QString m_path;
    bool m_discarded = false; ///< the last question's answer was Discard
    bool m_sessionKept = false;
    QMenu* m_recent = nullptr;
    QTimer* m_autosave = nullptr;
};

} // namespace levlab::ui
