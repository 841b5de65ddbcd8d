#pragma once

#include "core/model/lessons/lesson.h"
#include "core/model/lessons/quiz_progress.h"

#include <QHash>
#include <QJsonObject>

#include <cstdint>
#include <optional>
#include <vector>

namespace levlab::model {

/// A question as asked: placeholders filled, options in the order shown.
struct AskedQuestion final {
    QString lessonId;
    QString questionId;
    Question::Kind kind = Question::Kind::Choice;
    QString prompt;
    std::vector<QuizOption> options;  ///< rendered and shuffled
    int correct = 0;                  ///< index into `options`
    QJsonObject scenario;             ///< with the drawn inputs filled in
    QJsonObject action;
    QStringList givens;               ///< numbers of the prompt that are not on the chart (filled)
    QHash<QString, QString> values;   ///< every placeholder's text
    double answer = 0.0;              ///< Numeric: the engine's value behind the correct option
};

/// Asks `q`: numeric questions draw fresh inputs from their ranges (seeded, so the
/// same seed asks the same question) and take the answer and the distractors
/// from the engine; options are shuffled. Refused when the generator is unknown
/// or its inputs cannot be evaluated.
engine::Result<AskedQuestion> ask(const Lesson& lesson, const Question& q, std::uint64_t seed);

/// Whether `chosen` (an index into the asked options) is the right one.
bool isCorrect(const AskedQuestion& asked, int chosen);

/// A lesson's questions answered right at the first try, and answered right at all.
struct LessonScore final {
    int firstTry = 0;
    int eventually = 0;
    int total = 0;
};
/// Counts from the records: a question is right at the first try when its one
/// recorded try was right (a question answered right is not recorded again).
LessonScore scoreOf(const QuizProgress& progress, const Lesson& lesson);

/// Replaces {name} in `text` with values[name].
QString fill(QString text, const QHash<QString, QString>& values);
/// The same through a JSON object's string values (recursively).
QJsonObject fill(const QJsonObject& object, const QHash<QString, QString>& values);

}  // namespace levlab::model
