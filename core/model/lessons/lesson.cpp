#include "core/model/lessons/lesson.h"

#include "core/model/json/json_reader.h"
#include "core/model/lessons/lesson_schema.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace levlab::model {

namespace {

engine::Result<QString> text(const JsonFields& f, const char* key)
{
    auto s = f.string(QLatin1String(key));
    if (!s)
        return s.error();
    if (s.value().trimmed().isEmpty())
        return fieldError(f.fieldName(QLatin1String(key)), QStringLiteral("must not be empty"));
    return s;
}

engine::Result<QJsonArray> array(const JsonFields& f, const char* key, bool required)
{
    const QJsonValue v = f.value(QLatin1String(key));
    if (v.isUndefined() && !required)
        return QJsonArray{};
    if (!v.isArray())
        return fieldError(f.fieldName(QLatin1String(key)), QStringLiteral("must be an array"));
    return v.toArray();
}

engine::Result<QJsonObject> object(const QJsonValue& v, const QString& field)
{
    if (!v.isObject())
        return fieldError(field, QStringLiteral("must be an object"));
    return v.toObject();
}

engine::Result<QStringList> givens(const JsonFields& f)
{
    auto a = array(f, "givens", false);
    if (!a)
        return a.error();
    QStringList out;
    for (qsizetype i = 0; i < a.value().size(); ++i) {
        if (!a.value().at(i).isString())
            return fieldError(f.fieldName(QStringLiteral("givens[%1]").arg(i)), QStringLiteral("must be the number as written"));
        out << a.value().at(i).toString();
    }
    return out;
}

engine::Result<Question> parseQuestion(const JsonFields& f)
{
    Question q;
    auto id = text(f, "id");
    auto prompt = text(f, "prompt");
    if (!id)
        return id.error();
    if (!prompt)
        return prompt.error();
    q.id = id.value();
    q.prompt = prompt.value();
    auto kind = f.string(QStringLiteral("kind"), QStringLiteral("choice"));
    if (!kind)
        return kind.error();
    if (kind.value() == QLatin1String("choice"))
        q.kind = Question::Kind::Choice;
    else if (kind.value() == QLatin1String("numeric"))
        q.kind = Question::Kind::Numeric;
    else if (kind.value() == QLatin1String("action"))
        q.kind = Question::Kind::Action;
    else
        return fieldError(f.fieldName(QStringLiteral("kind")), QStringLiteral("must be choice, numeric or action"));

    auto options = array(f, "options", true);
    if (!options)
        return options.error();
    if (options.value().size() < 2)
        return fieldError(f.fieldName(QStringLiteral("options")), QStringLiteral("needs at least two options"));
    for (qsizetype i = 0; i < options.value().size(); ++i) {
        const QString path = f.fieldName(QStringLiteral("options[%1]").arg(i));
        auto o = object(options.value().at(i), path);
        if (!o)
            return o.error();
        const JsonFields of(o.value(), path);
        auto t = text(of, "text");
        auto e = text(of, "explanation");
        if (!t)
            return t.error();
        if (!e)
            return e.error();
        if (auto unknown = of.refuseUnknown())
            return *unknown;
        q.options.push_back({t.value(), e.value()});
    }
    auto correct = f.number(QStringLiteral("correct"));
    if (!correct)
        return correct.error();
    // Range first: converting a double outside int's range is undefined behaviour.
    const double index = correct.value();
    if (!(index >= 0.0 && index < static_cast<double>(q.options.size())) || index != std::floor(index))
        return fieldError(f.fieldName(QStringLiteral("correct")), QStringLiteral("must be the index of one of the options"));
    q.correct = static_cast<int>(index);

    auto scenario = f.object(QStringLiteral("scenario"));
    if (!scenario)
        return scenario.error();
    if (auto e = checkLessonScenario(scenario.value()))
        return *e;
    q.scenario = scenario.value().object();
    auto stated = givens(f);
    if (!stated)
        return stated.error();
    q.givens = stated.value();

    if (q.kind == Question::Kind::Numeric) {
        auto g = f.object(QStringLiteral("generator"));
        if (!g)
            return g.error();
        if (auto e = checkLessonGenerator(g.value()))
            return *e;
        q.generator = g.value().object();
    }
    if (q.kind == Question::Kind::Action) {
        auto a = f.object(QStringLiteral("action"));
        if (!a)
            return a.error();
        if (auto e = checkLessonAction(a.value()))
            return *e;
        q.action = a.value().object();
        // Checked on the chart: the first option says it was done, the second that it was not.
        if (q.options.size() != 2 || q.correct != 0)
            return fieldError(f.fieldName(QStringLiteral("options")),
                              QStringLiteral("an action question has two options, done (correct, first) and not done"));
    }
    if (auto e = f.refuseUnknown())
        return *e;
    return q;
}

}  // namespace

engine::Result<Lesson> parseLesson(const QByteArray& bytes)
{
    auto root = parseJsonObject(bytes);
    if (!root)
        return root.error();
    const JsonFields f(root.value(), QString());
    Lesson l;
    auto id = text(f, "id");
    auto title = text(f, "title");
    auto order = f.number(QStringLiteral("order"), 0.0);
    if (!id)
        return id.error();
    if (!title)
        return title.error();
    if (!order)
        return order.error();
    l.id = id.value();
    l.title = title.value();
    if (!(order.value() >= 0.0 && order.value() <= 1000.0) || order.value() != std::floor(order.value()))
        return fieldError(QStringLiteral("order"), QStringLiteral("must be a whole number from 0 to 1000"));
    l.order = static_cast<int>(order.value());

    auto sections = array(f, "sections", true);
    if (!sections)
        return sections.error();
    for (qsizetype i = 0; i < sections.value().size(); ++i) {
        const QString path = QStringLiteral("sections[%1]").arg(i);
        auto o = object(sections.value().at(i), path);
        if (!o)
            return o.error();
        const JsonFields sf(o.value(), path);
        LessonSection s;
        auto heading = text(sf, "heading");
        auto body = text(sf, "body");
        if (!heading)
            return heading.error();
        if (!body)
            return body.error();
        s.heading = heading.value();
        s.body = body.value();
        auto examples = array(sf, "examples", false);
        if (!examples)
            return examples.error();
        for (qsizetype k = 0; k < examples.value().size(); ++k) {
            const QString ep = sf.fieldName(QStringLiteral("examples[%1]").arg(k));
            auto eo = object(examples.value().at(k), ep);
            if (!eo)
                return eo.error();
            const JsonFields ef(eo.value(), ep);
            auto label = text(ef, "label");
            auto explain = text(ef, "explain");
            auto inputs = ef.object(QStringLiteral("inputs"));
            if (!label)
                return label.error();
            if (!explain)
                return explain.error();
            if (!inputs)
                return inputs.error();
            if (auto e = checkLessonPlan(inputs.value()))
                return *e;
            QJsonObject market;
            if (ef.has(QStringLiteral("market"))) {
                auto m = ef.object(QStringLiteral("market"));
                if (!m)
                    return m.error();
                if (auto e = checkLessonMarket(m.value()))
                    return *e;
                market = m.value().object();
            }
            auto g = givens(ef);
            if (!g)
                return g.error();
            if (auto e = ef.refuseUnknown())
                return *e;
            s.examples.push_back({label.value(), explain.value(), inputs.value().object(), market, g.value()});
        }
        if (auto e = sf.refuseUnknown())
            return *e;
        l.sections.push_back(std::move(s));
    }
    auto questions = array(f, "questions", true);
    if (!questions)
        return questions.error();
    for (qsizetype i = 0; i < questions.value().size(); ++i) {
        const QString path = QStringLiteral("questions[%1]").arg(i);
        auto o = object(questions.value().at(i), path);
        if (!o)
            return o.error();
        auto q = parseQuestion(JsonFields(o.value(), path));
        if (!q)
            return q.error();
        l.questions.push_back(std::move(q).value());
    }
    if (auto e = f.refuseUnknown())
        return *e;
    return l;
}

LessonLibrary LessonLibrary::loadShipped()
{
    LessonLibrary lib;
    const QDir dir(QStringLiteral(":/lessons"));
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            lib.m_errors << QStringLiteral("%1: cannot be read").arg(name);
            continue;
        }
        auto l = parseLesson(file.readAll());
        if (!l) {
            lib.m_errors << QStringLiteral("%1: %2").arg(name, QString::fromStdString(l.error().message()));
            continue;
        }
        lib.m_lessons.push_back(std::move(l).value());
    }
    std::sort(lib.m_lessons.begin(), lib.m_lessons.end(), [](const Lesson& a, const Lesson& b) { return a.order < b.order; });
    return lib;
}

const Lesson* LessonLibrary::find(const QString& id) const
{
    for (const Lesson& l : m_lessons) {
        if (l.id == id)
            return &l;
    }
    return nullptr;
}

}  // namespace levlab::model
