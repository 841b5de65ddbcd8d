#pragma once

#include "core/engine/result.h"
#include "core/model/lessons/lesson.h"

#include <QHash>
#include <QString>

#include <optional>

namespace levlab::model {

struct OpenedProgress;

/// What the learner has answered, kept across restarts: per question the number
/// of tries and whether the last answer was right; where they were, to resume.
class QuizProgress final {
public:
    struct Record {
        int tries = 0;
        bool lastCorrect = false;
        friend bool operator==(const Record&, const Record&) = default;
    };

    void record(const QString& questionId, bool correct);
    /// Sets a question's record as read from a file.
    void restore(const QString& questionId, Record r) { m_records.insert(questionId, r); }
    [[nodiscard]] std::optional<Record> recordOf(const QString& questionId) const;
    /// Right answers out of the lesson's questions.
    [[nodiscard]] int score(const Lesson& lesson) const;
    /// The next question to ask: the first never answered, then those last
    /// answered wrong (asked again later); none when every one is right.
    [[nodiscard]] std::optional<int> next(const Lesson& lesson, int after = -1) const;

    void setCurrent(const QString& lessonId, int question);
    [[nodiscard]] QString currentLesson() const { return m_currentLesson; }
    [[nodiscard]] int currentQuestion() const { return m_currentQuestion; }

    void reset();

    /// Writes atomically (QSaveFile); nothing changes on failure. Linear in the
    /// number of answers; more than kMaxAnswers is refused.
    engine::Result<bool> save(const QString& path) const;
    /// Reads a saved file. A missing file is an empty progress. A file that
    /// cannot be used (unreadable, malformed, a number out of range, larger than
    /// kMaxFileBytes) is refused with the reason and moved aside, never
    /// overwritten: renamed to "<path>.unreadable" (".unreadable-2", … when
    /// taken), and the message says where it was kept.
    static engine::Result<QuizProgress> load(const QString& path);

    /// Loads for the application: the progress (empty when the file could not be
    /// used) and, when it could not, the sentence to show the learner once the
    /// window is up (a ui connects after construction; show it then, not before).
    static OpenedProgress open(const QString& path);

    /// Where the application keeps progress: quiz-progress.json in its data folder.
    static QString defaultPath();

    static constexpr qint64 kMaxFileBytes = 4 << 20;  ///< 4 MiB: room for kMaxAnswers with long ids
    static constexpr int kMaxAnswers = 10000;
    static constexpr int kMaxQuestionIndex = 10000;
    static constexpr int kMaxTries = 1000000;

    friend bool operator==(const QuizProgress&, const QuizProgress&) = default;

private:
    QHash<QString, Record> m_records;
    QString m_currentLesson;
    int m_currentQuestion = 0;
};

struct OpenedProgress final {
    QuizProgress progress;
    QString warning;  ///< empty when the file was read (or absent)
};

}  // namespace levlab::model
