#pragma once

#include "core/engine/result.h"
#include "core/model/lessons/lesson.h"

#include <QHash>
#include <QString>

#include <optional>

namespace levlab::model {

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

    /// Writes atomically (QSaveFile); nothing changes on failure.
    engine::Result<bool> save(const QString& path) const;
    /// Reads a saved file; a malformed one is reported with its line and the
    /// progress in memory stays as it was. A missing file is an empty progress.
    static engine::Result<QuizProgress> load(const QString& path);

    friend bool operator==(const QuizProgress&, const QuizProgress&) = default;

private:
    QHash<QString, Record> m_records;
    QString m_currentLesson;
    int m_currentQuestion = 0;
};

}  // namespace levlab::model
