#pragma once

#include "core/model/lessons/lesson.h"
#include "core/model/lessons/quiz.h"
#include "core/model/lessons/quiz_progress.h"

#include <QWidget>

#include <optional>

class QButtonGroup;
class QLabel;
class QListWidget;
class QPushButton;
class QTextBrowser;
class QVBoxLayout;

namespace levlab::model {
class LessonDriver;
struct Refusal;
}  // namespace levlab::model

namespace levlab::ui {

/// The lessons and their check-yourself quiz. "Try it" loads a worked example,
/// and answering a question loads and plays its scenario, on the dashboard's
/// models inside a sandbox: the learner's own plan, portfolio and market come
/// back with "Back to my plan" or when the Lessons dock is closed. Action
/// questions are set up on request and wait, paused, until the learner has
/// acted and pressed "Check my chart". Progress is kept in a file and resumed.
class LessonsPanel final : public QWidget {
    Q_OBJECT
public:
    LessonsPanel(const model::LessonLibrary& library, model::LessonDriver& driver, QString progressPath, QWidget* parent = nullptr);

    [[nodiscard]] QListWidget* lessonList() const { return m_list; }
    [[nodiscard]] QTextBrowser* reader() const { return m_reader; }
    [[nodiscard]] QLabel* prompt() const { return m_prompt; }
    [[nodiscard]] QButtonGroup* options() const { return m_options; }
    [[nodiscard]] QPushButton* answerButton() const { return m_answer; }
    [[nodiscard]] QPushButton* nextButton() const { return m_next; }
    [[nodiscard]] QPushButton* playButton() const { return m_play; }
    [[nodiscard]] QPushButton* backButton() const { return m_back; }
    [[nodiscard]] QPushButton* resetButton() const { return m_reset; }
    [[nodiscard]] QPushButton* confirmResetButton() const { return m_confirmReset; }
    [[nodiscard]] QPushButton* keepScoresButton() const { return m_keepScores; }
    [[nodiscard]] QPushButton* undoResetButton() const { return m_undoReset; }
    [[nodiscard]] QWidget* sandboxBar() const { return m_sandboxBar; }
    [[nodiscard]] QLabel* sandboxText() const { return m_sandboxText; }
    [[nodiscard]] QLabel* feedback() const { return m_feedback; }
    [[nodiscard]] QLabel* score() const { return m_score; }
    [[nodiscard]] const std::optional<model::AskedQuestion>& asked() const { return m_asked; }
    [[nodiscard]] const model::QuizProgress& progress() const { return m_progress; }

    void openLesson(int index);
    void askQuestion(int index);
    /// Answers with the chosen option; for an action question, sets the chart up
    /// first, then checks it and plays the scenario.
    void answer();
    void nextQuestion();
    /// Loads a worked example of the open lesson.
    void tryExample(int section, int example);
    /// Plays (or pauses) the scenario on the chart.
    void togglePlay();
    /// Gives the learner's own plan, portfolio and market back.
    void leaveLesson();
    /// Asks before wiping the scores; confirmReset() wipes them, undoReset() brings them back.
    void resetProgress();
    void confirmReset();
    void undoReset();

signals:
    void refused(const levlab::model::Refusal& refusal);
    void message(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void showLesson();
    void refreshList();
    void refreshSandbox();
    void fitList();
    void saveProgress();
    void setOnChart(const QString& what);
    [[nodiscard]] const model::Lesson* lesson() const;
    [[nodiscard]] QWidget* buildQuiz();
    [[nodiscard]] QWidget* buildSandboxBar();

    const model::LessonLibrary& m_library;
    model::LessonDriver& m_driver;
    QString m_progressPath;
    model::QuizProgress m_progress;
    std::optional<model::QuizProgress> m_beforeReset;  ///< for undo, this session only
    int m_lesson = 0;
    int m_question = -1;
    std::uint64_t m_asks = 0;
    std::optional<model::AskedQuestion> m_asked;
    bool m_actionSetUp = false;  ///< the asked action question's chart is loaded, waiting
    bool m_answered = false;     ///< the asked question has been answered (or checked)
    QString m_onChart;           ///< what the lesson has loaded, in words

    QListWidget* m_list = nullptr;
    QTextBrowser* m_reader = nullptr;
    QWidget* m_sandboxBar = nullptr;
    QLabel* m_unreadable = nullptr;  ///< the progress file could not be read
    QLabel* m_sandboxText = nullptr;
    QPushButton* m_play = nullptr;
    QPushButton* m_back = nullptr;
    QLabel* m_prompt = nullptr;
    QVBoxLayout* m_optionBox = nullptr;
    QButtonGroup* m_options = nullptr;
    QPushButton* m_answer = nullptr;
    QPushButton* m_next = nullptr;
    QPushButton* m_reset = nullptr;
    QWidget* m_confirmBar = nullptr;
    QPushButton* m_confirmReset = nullptr;
    QPushButton* m_keepScores = nullptr;
    QPushButton* m_undoReset = nullptr;
    QLabel* m_feedback = nullptr;
    QLabel* m_score = nullptr;
};

}  // namespace levlab::ui
