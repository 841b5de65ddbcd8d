#include "core/model/lessons/quiz_progress.h"

#include "core/model/json/json_reader.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace levlab::model {

void QuizProgress::record(const QString& questionId, bool correct)
{
    Record& r = m_records[questionId];
    ++r.tries;
    r.lastCorrect = correct;
}

std::optional<QuizProgress::Record> QuizProgress::recordOf(const QString& questionId) const
{
    const auto it = m_records.constFind(questionId);
    if (it == m_records.constEnd())
        return std::nullopt;
    return it.value();
}

int QuizProgress::score(const Lesson& lesson) const
{
    int n = 0;
    for (const Question& q : lesson.questions) {
        const auto r = recordOf(q.id);
        n += r && r->lastCorrect ? 1 : 0;
    }
    return n;
}

std::optional<int> QuizProgress::next(const Lesson& lesson, int after) const
{
    const int count = static_cast<int>(lesson.questions.size());
    for (int k = 1; k <= count; ++k) {
        const int i = (after + k + count) % count;
        if (!recordOf(lesson.questions[static_cast<std::size_t>(i)].id))
            return i;
    }
    for (int k = 1; k <= count; ++k) {
        const int i = (after + k + count) % count;
        const auto r = recordOf(lesson.questions[static_cast<std::size_t>(i)].id);
        if (r && !r->lastCorrect)
            return i;
    }
    return std::nullopt;
}

void QuizProgress::setCurrent(const QString& lessonId, int question)
{
    m_currentLesson = lessonId;
    m_currentQuestion = question;
}

void QuizProgress::reset()
{
    *this = QuizProgress{};
}

engine::Result<bool> QuizProgress::save(const QString& path) const
{
    QJsonObject records;
    for (auto it = m_records.begin(); it != m_records.end(); ++it)
        records[it.key()] = QJsonObject{{QStringLiteral("tries"), it.value().tries}, {QStringLiteral("correct"), it.value().lastCorrect}};
    const QJsonObject root{{QStringLiteral("version"), 1},
                           {QStringLiteral("current_lesson"), m_currentLesson},
                           {QStringLiteral("current_question"), m_currentQuestion},
                           {QStringLiteral("answers"), records}};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return engine::Error{path.toStdString(), file.errorString().toStdString()};
    file.write(QJsonDocument(root).toJson());
    if (!file.commit())
        return engine::Error{path.toStdString(), file.errorString().toStdString()};
    return true;
}

engine::Result<QuizProgress> QuizProgress::load(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return QuizProgress{};
    if (!file.open(QIODevice::ReadOnly))
        return engine::Error{path.toStdString(), file.errorString().toStdString()};
    auto root = parseJsonObject(file.readAll());
    if (!root)
        return engine::Error{path.toStdString(), root.error().message()};
    QuizProgress p;
    const JsonFields f(root.value(), QString());
    auto lesson = f.string(QStringLiteral("current_lesson"), QString());
    auto question = f.number(QStringLiteral("current_question"), 0.0);
    if (!lesson)
        return engine::Error{path.toStdString(), lesson.error().message()};
    if (!question)
        return engine::Error{path.toStdString(), question.error().message()};
    p.m_currentLesson = lesson.value();
    p.m_currentQuestion = static_cast<int>(question.value());
    const QJsonObject answers = f.object().value(QStringLiteral("answers")).toObject();
    for (auto it = answers.begin(); it != answers.end(); ++it) {
        const QJsonObject a = it.value().toObject();
        if (!a.value(QStringLiteral("tries")).isDouble() || !a.value(QStringLiteral("correct")).isBool())
            return engine::Error{path.toStdString(), "answers." + it.key().toStdString() + ": needs tries (a number) and correct (true or false)"};
        p.m_records[it.key()] = Record{a.value(QStringLiteral("tries")).toInt(), a.value(QStringLiteral("correct")).toBool()};
    }
    return p;
}

}  // namespace levlab::model
