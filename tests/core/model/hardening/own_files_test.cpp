// The application's own files: quiz progress and settings read from disk are
// validated, a file that cannot be used is kept aside, and the user is told.
#include "core/model/lessons/lesson.h"
#include "core/model/lessons/lesson_driver.h"
#include "core/model/lessons/quiz_progress.h"
#include "core/model/settings/app_settings.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

namespace levlab::model {
namespace {

void write(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray read(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

TEST(QuizProgressFile, AHugeQuestionIndexIsRefusedAndTheFileKeptAside)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("quiz-progress.json"));
    const QByteArray bad = R"({"current_lesson": "leverage", "current_question": 1e300, "answers": {}})";
    write(path, bad);
    auto r = QuizProgress::load(path);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "current_question: must be a whole number from 0 to 10000; it was kept as quiz-progress.json.unreadable");
    EXPECT_FALSE(QFile::exists(path));
    EXPECT_EQ(read(path + QStringLiteral(".unreadable")), bad);
}

TEST(QuizProgressFile, SettingAsideNeverOverwritesAnEarlierCopy)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.json"));
    write(path + QStringLiteral(".unreadable"), "first");
    write(path, "not json");
    const OpenedProgress o = QuizProgress::open(path);
    EXPECT_EQ(read(path + QStringLiteral(".unreadable")), QByteArray("first"));
    EXPECT_EQ(read(path + QStringLiteral(".unreadable-2")), QByteArray("not json"));
    EXPECT_TRUE(o.progress == QuizProgress{});
    EXPECT_TRUE(o.warning.startsWith(QStringLiteral("Quiz progress could not be read (")));
    EXPECT_TRUE(o.warning.endsWith(QStringLiteral("it was kept as p.json.unreadable-2); starting afresh."))) << o.warning.toStdString();
}

TEST(QuizProgressFile, EveryNumberReadIsChecked)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.json"));
    for (const char* bad : {R"({"current_question": -1})", R"({"current_question": 2.5})", R"({"answers": {"q": {"tries": 1e300, "correct": true}}})",
                            R"({"answers": {"q": {"tries": -3, "correct": true}}})", R"({"answers": []})", R"({"answers": {"q": 7}})"}) {
        write(path, bad);
        EXPECT_FALSE(QuizProgress::load(path).ok()) << bad;
        QDir(dir.path()).removeRecursively();
        QDir().mkpath(dir.path());
    }
}

TEST(QuizProgressFile, AFileLargerThanFourMebibytesIsRefused)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.json"));
    write(path, QByteArray(QuizProgress::kMaxFileBytes + 1, ' '));
    auto r = QuizProgress::load(path);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "is 4194305 bytes, more than the 4194304 a progress file can be; it was kept as p.json.unreadable");
}

TEST(QuizProgressFile, ManyAnswersRoundTripAndTooManyAreRefused)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.json"));
    QuizProgress p;
    for (int i = 0; i < QuizProgress::kMaxAnswers; ++i)
        p.record(QStringLiteral("q\"%1\\\n").arg(i), i % 3 == 0);
    p.setCurrent(QStringLiteral("leverage"), 4);
    ASSERT_TRUE(p.save(path).ok());
    auto back = QuizProgress::load(path);
    ASSERT_TRUE(back.ok()) << back.error().message();
    EXPECT_TRUE(back.value() == p);
    p.record(QStringLiteral("one more"), true);
    auto refused = p.save(path);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().reason, "holds 10001 answers, more than the 10000 a progress file keeps");
}

TEST(LessonFile, NumbersOutOfIntRangeAreRefusedNotConverted)
{
    // Found by clang's UBSan under the fuzzer: 1e115 converted to int is undefined behaviour.
    auto order = parseLesson(R"({"id": "x", "title": "X", "order": 1e115, "sections": []})");
    ASSERT_FALSE(order.ok());
    EXPECT_EQ(order.error().message(), "order: must be a whole number from 0 to 1000");
}

TEST(LessonFile, APlanStopAtPriceZeroIsRefused)
{
    // Found by the plan fuzzer: a BitMEX (inverse) long with stop_pct 1 put its stop at 0 and the risk at
    // the stop came out infinite.
    auto in = LessonDriver::planFrom(QJsonDocument::fromJson(R"({"venue": "bitmex", "stop_pct": 1})").object(), 40000.0);
    ASSERT_FALSE(in.ok());
    EXPECT_EQ(in.error().message(), "plan.stop_pct: puts the stop at or below a price of 0");
}

TEST(SettingsFile, JunkIsDroppedOutOfRangeResetAndTheUserToldOnce)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("levlab.ini"));
    write(path, "[view]\ntheme=7\n[market]\nspeed=33\n[\x01\xff junk]\n\x02garbage=\xfe\xfd\nother=1\n");
    {
        AppSettings s(path);
        EXPECT_EQ(s.theme(), ThemeChoice::System);
        EXPECT_DOUBLE_EQ(s.marketSpeed(), 1.0);
        EXPECT_EQ(s.notice().toStdString(), "The settings file had errors: 2 unknown settings dropped; market speed, theme reset to the default.");
    }
    EXPECT_FALSE(read(path).contains("garbage"));
    AppSettings again(path);
    EXPECT_TRUE(again.notice().isEmpty()) << "told once";
}

TEST(SettingsFile, OutOfRangeSpeedsAreNotSaved)
{
    QTemporaryDir dir;
    AppSettings s(dir.filePath(QStringLiteral("levlab.ini")));
    s.setMarketSpeed(60);
    s.setMarketSpeed(-5);
    s.setMarketSpeed(1e9);
    EXPECT_DOUBLE_EQ(s.marketSpeed(), 60.0);
}

TEST(SettingsFile, ANonPersistentRunWritesNothing)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("levlab.ini"));
    {
        AppSettings s(path);
        s.setTheme(ThemeChoice::Dark);
        s.sync();
    }
    {
        AppSettings s(path);
        s.setPersistent(false);
        s.setTheme(ThemeChoice::Light);
        EXPECT_EQ(s.theme(), ThemeChoice::Light) << "in effect for this run";
        s.sync();
    }
    EXPECT_EQ(AppSettings(path).theme(), ThemeChoice::Dark);
}

}  // namespace
}  // namespace levlab::model
