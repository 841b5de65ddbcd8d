#include "core/model/lessons/quiz_progress.h"

#include "core/model/json/json_reader.h"

#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStringList>

#include <cmath>
#include <string>

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

namespace {

/// `text` as a JSON string literal.
void appendJsonString(QByteArray& out, const QString& text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    escaped += QLatin1Char('"');
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'"' || u == u'\\')
            escaped += QLatin1Char('\\');
        if (u < 0x20)
            escaped += QStringLiteral("\\u%1").arg(static_cast<int>(u), 4, 16, QLatin1Char('0'));
        else
            escaped += c;
    }
    escaped += QLatin1Char('"');
    out += escaped.toUtf8();
}

engine::Error fileError(const QString& path, const std::string& reason)
{
    return engine::Error{path.toStdString(), reason};
}

/// An integer in [0, max] read from a JSON number, or none.
std::optional<int> boundedInt(const QJsonValue& v, int max)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!(d >= 0.0 && d <= max) || d != std::floor(d))
        return std::nullopt;
    return static_cast<int>(d);
}

engine::Result<QuizProgress> parse(const QString& path, QFile& file);

/// Renames an unusable file out of the way, never over another; the new name, or empty.
QString setAside(const QString& path)
{
    for (int n = 1; n < 1000; ++n) {
        const QString target = path + (n == 1 ? QStringLiteral(".unreadable") : QStringLiteral(".unreadable-%1").arg(n));
        if (QFileInfo::exists(target))
            continue;
        return QFile::rename(path, target) ? target : QString();
    }
    return {};
}

}  // namespace

engine::Result<bool> QuizProgress::save(const QString& path) const
{
    if (m_records.size() > kMaxAnswers)
        return fileError(path, "holds " + std::to_string(m_records.size()) + " answers, more than the " + std::to_string(kMaxAnswers)
                                   + " a progress file keeps");
    // Written as text in one pass (sorted, so the file is stable); building a
    // QJsonObject key by key costs a copy per insertion.
    QStringList ids = m_records.keys();
    ids.sort();
    QByteArray out;
    out.reserve(64 + ids.size() * 48);
    out += "{\n    \"version\": 1,\n    \"current_lesson\": ";
    appendJsonString(out, m_currentLesson);
    out += ",\n    \"current_question\": " + QByteArray::number(m_currentQuestion) + ",\n    \"answers\": {";
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const Record& r = m_records.find(ids[i]).value();
        out += i == 0 ? "\n        " : ",\n        ";
        appendJsonString(out, ids[i]);
        out += ": {\"tries\": " + QByteArray::number(r.tries) + ", \"correct\": " + (r.lastCorrect ? "true" : "false") + "}";
    }
    out += ids.isEmpty() ? "}\n}\n" : "\n    }\n}\n";
    // A first save on a new machine: the application's data folder may not exist yet.
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fileError(path, file.errorString().toStdString());
    file.write(out);
    if (!file.commit())
        return fileError(path, file.errorString().toStdString());
    return true;
}

engine::Result<QuizProgress> QuizProgress::load(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return QuizProgress{};
    auto r = parse(path, file);
    if (r)
        return r;
    file.close();
    const QString aside = setAside(path);
    std::string reason = r.error().reason;
    reason += aside.isEmpty() ? "; it could not be moved aside" : "; it was kept as " + QFileInfo(aside).fileName().toStdString();
    return fileError(path, reason);
}

OpenedProgress QuizProgress::open(const QString& path)
{
    OpenedProgress o;
    auto r = load(path);
    if (r)
        o.progress = std::move(r).value();
    else
        o.warning = QStringLiteral("Quiz progress could not be read (%1); starting afresh.").arg(QString::fromStdString(r.error().reason));
    return o;
}

QString QuizProgress::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return dir + QStringLiteral("/quiz-progress.json");
}

namespace {

engine::Result<QuizProgress> parse(const QString& path, QFile& file)
{
    if (!file.open(QIODevice::ReadOnly))
        return fileError(path, file.errorString().toStdString());
    if (file.size() > QuizProgress::kMaxFileBytes)
        return fileError(path, "is " + std::to_string(file.size()) + " bytes, more than the "
                                   + std::to_string(QuizProgress::kMaxFileBytes) + " a progress file can be");
    auto root = parseJsonObject(file.read(QuizProgress::kMaxFileBytes + 1));
    if (!root)
        return fileError(path, root.error().message());
    const JsonFields f(root.value(), QString());
    auto lesson = f.string(QStringLiteral("current_lesson"), QString());
    if (!lesson)
        return fileError(path, lesson.error().message());
    int question = 0;
    if (f.has(QStringLiteral("current_question"))) {
        const auto q = boundedInt(f.object().value(QStringLiteral("current_question")), QuizProgress::kMaxQuestionIndex);
        if (!q)
            return fileError(path, "current_question: must be a whole number from 0 to " + std::to_string(QuizProgress::kMaxQuestionIndex));
        question = *q;
    }
    const QJsonValue answersValue = f.object().value(QStringLiteral("answers"));
    if (!answersValue.isUndefined() && !answersValue.isNull() && !answersValue.isObject())
        return fileError(path, "answers: must be an object");
    const QJsonObject answers = answersValue.toObject();
    if (answers.size() > QuizProgress::kMaxAnswers)
        return fileError(path, "answers: more than " + std::to_string(QuizProgress::kMaxAnswers));
    QuizProgress p;
    p.setCurrent(lesson.value(), question);
    for (auto it = answers.begin(); it != answers.end(); ++it) {
        const QJsonObject a = it.value().toObject();
        const auto tries = boundedInt(a.value(QStringLiteral("tries")), QuizProgress::kMaxTries);
        if (!it.value().isObject() || !tries || !a.value(QStringLiteral("correct")).isBool())
            return fileError(path, "answers." + it.key().toStdString() + ": needs tries (a whole number from 0 to "
                                       + std::to_string(QuizProgress::kMaxTries) + ") and correct (true or false)");
        p.restore(it.key(), QuizProgress::Record{*tries, a.value(QStringLiteral("correct")).toBool()});
    }
    return p;
}

}  // namespace

}  // namespace levlab::model
