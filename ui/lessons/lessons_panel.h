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

/// The lessons and their check-yourself quiz. Reading a lesson, "Try it" loads
/// a worked example into the dashboard; answering a question shows why each
/// option is right or wrong and plays its scenario on the chart. Progress is
/// kept in a file and resumed.
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
    [[nodiscard]] QLabel* feedback() const { return m_feedback; }
    [[nodiscard]] const std::optional<model::AskedQuestion>& asked() const { return m_asked; }
    [[nodiscard]] const model::QuizProgress& progress() const { return m_progress; }

    void openLesson(int index);
    void askQuestion(int index);
    void answer();
    void nextQuestion();
    void resetProgress();

signals:
    void refused(const levlab::model::Refusal& refusal);
    void message(const QString& text);

private:
    void showLesson();
    void refreshList();
    void saveProgress();
    [[nodiscard]] const model::Lesson* lesson() const;

    const model::LessonLibrary& m_library;
    model::LessonDriver& m_driver;
    QString m_progressPath;
    model::QuizProgress m_progress;
    int m_lesson = 0;
    int m_question = -1;
    std::uint64_t m_asks = 0;
    std::optional<model::AskedQuestion> m_asked;

    QListWidget* m_list = nullptr;
    QTextBrowser* m_reader = nullptr;
    QLabel* m_prompt = nullptr;
    QVBoxLayout* m_optionBox = nullptr;
    QButtonGroup* m_options = nullptr;
    QPushButton* m_answer = nullptr;
    QPushButton* m_next = nullptr;
    QLabel* m_feedback = nullptr;
    QLabel* m_score = nullptr;
};

}  // namespace levlab::ui
