#include "core/engine/account/account.h"
#include "core/engine/funding/funding.h"
#include "core/model/feeds/market_feed.h"
#include "core/model/lessons/lesson.h"
#include "core/model/lessons/lesson_driver.h"
#include "core/model/lessons/quiz.h"
#include "core/model/lessons/quiz_progress.h"
#include "core/model/plan/risk_model.h"
#include "core/model/portfolio/portfolio_model.h"
#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QLocale>
#include <QTemporaryDir>

#include <set>

namespace levlab::model {
namespace {

const LessonLibrary& lessons()
{
    static const LessonLibrary lib = LessonLibrary::loadShipped();
    return lib;
}

double parsed(const QString& text)
{
    return QLocale(QLocale::English).toDouble(QString(text).remove(QLatin1Char('%')));
}

TEST(LessonContent, FiveLessonsTwentyQuestionsEveryOptionExplained)
{
    ASSERT_TRUE(lessons().errors().isEmpty()) << lessons().errors().join(QLatin1Char('\n')).toStdString();
    ASSERT_EQ(lessons().lessons().size(), 5u);
    std::size_t questions = 0;
    std::set<QString> ids;
    for (const Lesson& l : lessons().lessons()) {
        SCOPED_TRACE(l.id.toStdString());
        EXPECT_FALSE(l.sections.empty());
        for (const Question& q : l.questions) {
            EXPECT_TRUE(ids.insert(q.id).second) << "duplicate question id " << q.id.toStdString();
            for (const QuizOption& o : q.options)
                EXPECT_GT(o.explanation.size(), 20) << q.id.toStdString();
        }
        questions += l.questions.size();
    }
    EXPECT_GE(questions, 20u);
}

TEST(LessonContent, MalformedFilesAreReportedByField)
{
    auto r = parseLesson(R"({"id": "x", "title": "t", "sections": [{"heading": "h", "body": "b"}],
        "questions": [{"id": "q", "prompt": "p", "options": [{"text": "a", "explanation": "e"}, {"text": "b"}], "correct": 0,
        "scenario": {"plan": {}, "market": {"seed": 1}}}]})");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message(), "questions[0].options[1].explanation: is required");
    auto c = parseLesson(R"({"id": "x", "title": "t", "sections": [], "questions": [{"id": "q", "prompt": "p",
        "options": [{"text": "a", "explanation": "e"}, {"text": "b", "explanation": "f"}], "correct": 2, "scenario": {"plan": {}, "market": {}}}]})");
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().message(), "questions[0].correct: must be the index of one of the options");
}

TEST(LessonContent, UnknownOrMisspeltValuesAreRefusedNotTakenForDefaults)
{
    // Before, a side of "shrot" played as a long and an unknown scenario as a normal market.
    const auto lesson = [](const char* scenario) {
        return parseLesson(QByteArray(R"({"id": "x", "title": "t", "sections": [], "questions": [{"id": "q", "prompt": "p",
            "options": [{"text": "a", "explanation": "e"}, {"text": "b", "explanation": "f"}], "correct": 0, "scenario": )")
                           + scenario + "}]}");
    };
    const auto refused = [&lesson](const char* scenario) {
        auto l = lesson(scenario);
        return l ? std::string("(read)") : l.error().message();
    };
    EXPECT_EQ(refused(R"({"plan": {"side": "shrot"}, "market": {"seed": 1}})"),
              "questions[0].scenario.plan.side: 'shrot' is not one of long, short");
    EXPECT_EQ(refused(R"({"plan": {}, "market": {"seed": 1, "scenario": "krash"}})"),
              "questions[0].scenario.market.scenario: 'krash' is not one of normal, calm, trend, crash, squeeze, wick_storm");
    EXPECT_EQ(refused(R"({"plan": {"leverge": 5}, "market": {"seed": 1}})"), "questions[0].scenario.plan.leverge: is not a known field");
    EXPECT_EQ(refused(R"({"plan": {}, "market": {"seed": 1}, "shok": -0.1})"), "questions[0].scenario.shok: is not a known field");
    EXPECT_EQ(refused(R"({"portfolio": {"positions": [{"mode": "crossed"}]}, "market": {"seed": 1}})"),
              "questions[0].scenario.portfolio.positions[0].mode: 'crossed' is not one of isolated, cross, strict_isolated");
    EXPECT_EQ(refused(R"({"plan": {"risk": 0.01, "size": 1}, "market": {"seed": 1}})"),
              "questions[0].scenario.plan: gives the size more than one way; keep one of risk, notional and size");
    // A drawn value stands in for a number or a choice in a numeric question's scenario.
    EXPECT_TRUE(lesson(R"({"plan": {"side": "{side}", "leverage": "{leverage}"}, "market": {"seed": 1, "start": "{entry}"}})"));
}

/// Every numeric question, asked many times: the marked option is what the engine computes, computed here
/// again independently from the drawn inputs.
TEST(LessonContent, NumericAnswersAreTheEngines)
{
    for (const Lesson& l : lessons().lessons()) {
        for (const Question& q : l.questions) {
            if (q.kind != Question::Kind::Numeric)
                continue;
            for (std::uint64_t seed = 1; seed <= 40; ++seed) {
                SCOPED_TRACE(q.id.toStdString() + " seed " + std::to_string(seed));
                auto a = ask(l, q, seed);
                ASSERT_TRUE(a.ok()) << a.error().message();
                const auto& v = a->values;
                const QString quantity = q.generator.value(QStringLiteral("quantity")).toString();
                const double entry = parsed(v.value(QStringLiteral("entry")));
                const double size = parsed(v.value(QStringLiteral("size")));
                const double lev = parsed(v.value(QStringLiteral("leverage")));
                const engine::Side side = v.value(QStringLiteral("side")) == QLatin1String("short") ? engine::Side::Short : engine::Side::Long;
                const QString shown = a->options[static_cast<std::size_t>(a->correct)].text;
                if (quantity == QLatin1String("initial_margin")) {
                    EXPECT_NEAR(parsed(shown), size * entry / lev, 0.006);
                } else if (quantity == QLatin1String("liquidation_price")) {
                    const double mmr = v.value(QStringLiteral("mm_rate")).toDouble();
                    const double s = side == engine::Side::Long ? 1.0 : -1.0;
                    // Textbook: entry ∓ (margin − maintenance) / size.
                    EXPECT_NEAR(parsed(shown), entry - s * (entry / lev - entry * mmr), 0.06);
                } else if (quantity == QLatin1String("liquidation_distance")) {
                    EXPECT_NEAR(parsed(shown) / 100.0, 1.0 / lev - 0.005, 6e-5);
                } else if (quantity == QLatin1String("position_size")) {
                    const double capital = parsed(v.value(QStringLiteral("capital")));
                    const double risk = v.value(QStringLiteral("risk")).toDouble();
                    const double stop = v.value(QStringLiteral("stop_pct")).toDouble();
                    EXPECT_NEAR(parsed(shown), capital * risk / stop, 0.01);
                } else if (quantity == QLatin1String("funding_payment")) {
                    const double rate = parsed(v.value(QStringLiteral("funding_pct"))) / 100.0;
                    const double pay = (side == engine::Side::Long ? 1 : -1) * size * entry * rate;
                    EXPECT_TRUE(shown.startsWith(pay >= 0 ? QStringLiteral("It pays") : QStringLiteral("It receives")));
                    EXPECT_NEAR(parsed(shown.section(QLatin1Char(' '), 2)), std::abs(pay), 0.006);
                } else {
                    ADD_FAILURE() << "unknown quantity " << quantity.toStdString();
                }
                std::set<QString> texts;
                for (const auto& o : a->options)
                    texts.insert(o.text);
                EXPECT_EQ(texts.size(), a->options.size()) << "options read differently";
            }
        }
    }
}

TEST(Quiz, GradingFollowsTheShuffledCorrectIndex)
{
    const Lesson* l = lessons().find(QStringLiteral("cross-isolated"));
    ASSERT_NE(l, nullptr);
    const Question& seed = l->questions.front();
    for (std::uint64_t s = 1; s <= 10; ++s) {
        auto a = ask(*l, seed, s);
        ASSERT_TRUE(a.ok());
        EXPECT_EQ(a->options[static_cast<std::size_t>(a->correct)].text, QStringLiteral("Isolated margin"));
        for (int i = 0; i < static_cast<int>(a->options.size()); ++i)
            EXPECT_EQ(isCorrect(a.value(), i), i == a->correct);
    }
}

TEST(QuizProgressTest, ScoresMissedQuestionsComeBackAndItPersists)
{
    const Lesson* l = lessons().find(QStringLiteral("leverage"));
    ASSERT_NE(l, nullptr);
    QuizProgress p;
    EXPECT_EQ(p.next(*l), 0);
    p.record(l->questions[0].id, true);
    p.record(l->questions[1].id, false);
    EXPECT_EQ(p.score(*l), 1);
    EXPECT_EQ(p.next(*l, 1), 2) << "unanswered ones first";
    p.record(l->questions[2].id, true);
    p.record(l->questions[3].id, true);
    EXPECT_EQ(p.next(*l, 3), 1) << "then the missed one again";
    p.record(l->questions[1].id, true);
    EXPECT_FALSE(p.next(*l).has_value());
    EXPECT_EQ(p.score(*l), 4);
    EXPECT_EQ(p.recordOf(l->questions[1].id)->tries, 2);
    p.setCurrent(l->id, 3);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("progress.json"));
    ASSERT_TRUE(p.save(path).ok());
    auto back = QuizProgress::load(path);
    ASSERT_TRUE(back.ok()) << back.error().message();
    EXPECT_TRUE(back.value() == p);
    EXPECT_EQ(back->currentQuestion(), 3);

    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"answers\": {\n    \"x\": {\"tries\": 1,, }\n  }\n}\n");
    f.close();
    auto broken = QuizProgress::load(path);
    ASSERT_FALSE(broken.ok());
    EXPECT_NE(broken.error().reason.find("line 3"), std::string::npos) << broken.error().message();

    p.reset();
    EXPECT_EQ(p.score(*l), 0);
}

}  // namespace
}  // namespace levlab::model
