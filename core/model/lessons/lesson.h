#pragma once

#include "core/engine/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace levlab::model {

/// One answer of a question and why it is right or wrong.
struct QuizOption final {
    QString text;         ///< may hold {placeholders} filled in when the question is asked
    QString explanation;
};

struct Question final {
    enum class Kind {
        Choice,   ///< fixed options
        Numeric,  ///< fresh inputs each time; the answer comes from the engine
        Action,   ///< answered by acting on the chart, then checked against the model
    };
    QString id;
    Kind kind = Kind::Choice;
    QString prompt;
    std::vector<QuizOption> options;
    int correct = 0;
    QJsonObject generator;  ///< Numeric: what to compute and the ranges of its inputs
    QJsonObject action;     ///< Action: what the chart must show
    QJsonObject scenario;   ///< positions, margin mode, a seeded market path to play once answered
    /// Numbers the prompt states that are givens of a hypothetical, not values of the
    /// loaded plan (as written, placeholders allowed): every other number must be on screen.
    QStringList givens;
};

/// A worked example the "Try it" button loads into the dashboard.
struct LessonExample final {
    QString label;
    QString explain;
    QJsonObject inputs;
    QJsonObject market;   ///< seed, scenario, minutes and the start price (40,000 unless given)
    QStringList givens;   ///< numbers of the text that are not values of the loaded plan
};

struct LessonSection final {
    QString heading;
    QString body;
    std::vector<LessonExample> examples;
};

struct Lesson final {
    QString id;
    int order = 0;
    QString title;
    std::vector<LessonSection> sections;
    std::vector<Question> questions;
};

/// Parses one lesson file. Errors name the field ("questions[3].options[1].explanation")
/// or the line of a syntax error.
engine::Result<Lesson> parseLesson(const QByteArray& bytes);

/// The lessons shipped under :/lessons, in their order.
class LessonLibrary final {
public:
    static LessonLibrary loadShipped();
    [[nodiscard]] const std::vector<Lesson>& lessons() const { return m_lessons; }
    [[nodiscard]] const QStringList& errors() const { return m_errors; }
    [[nodiscard]] const Lesson* find(const QString& id) const;

private:
    std::vector<Lesson> m_lessons;
    QStringList m_errors;
};

}  // namespace levlab::model
