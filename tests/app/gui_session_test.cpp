// The real levlab binary, killed mid-session (SIGKILL: a crash, not a clean quit), comes
// back with its autosave; a screenshot run keeps no session.
#include "core/model/file/document.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>

namespace {

class GuiSession : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(home.isValid()); }

    void start(QProcess& p, const QStringList& args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(LEVLAB_GUI_PATH), args);
        ASSERT_TRUE(p.waitForStarted(10000));
    }

    [[nodiscard]] QString dataFile(const char* name) const
    {
        return home.path() + QStringLiteral("/data/LeverageLab/Leverage Lab/") + QString::fromLatin1(name);
    }

    static bool waitFor(const std::function<bool()>& condition, int ms)
    {
        QElapsedTimer clock;
        clock.start();
        while (!condition()) {
            if (clock.elapsed() > ms)
                return false;
            QThread::msleep(100);
        }
        return true;
    }

    static QByteArray read(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QTemporaryDir home;
};

TEST_F(GuiSession, AKilledRunIsRestoredFromItsAutosave)
{
    // Run 1: an unsaved leverage of 7, autosaved within a second, then killed.
    QProcess first;
    start(first,
        { QStringLiteral("--speed"), QStringLiteral("0"), QStringLiteral("--autosave-seconds"), QStringLiteral("1"),
            QStringLiteral("--leverage"), QStringLiteral("7") });
    ASSERT_TRUE(waitFor([&] { return QFile::exists(dataFile("autosave.levlab")); }, 60000))
        << first.readAllStandardError().toStdString();
    ::kill(static_cast<pid_t>(first.processId()), SIGKILL);
    ASSERT_TRUE(first.waitForFinished(10000));
    EXPECT_EQ(first.exitStatus(), QProcess::CrashExit);
    EXPECT_FALSE(QFile::exists(dataFile("session.levlab"))) << "no clean quit, no session";
    auto autosaved = levlab::model::readDocument(read(dataFile("autosave.levlab")));
    ASSERT_TRUE(autosaved.ok()) << autosaved.error().message();
    EXPECT_EQ(autosaved->plan->inputs.leverage, 7.0);

    // Run 2: restores it without asking, then quits cleanly on SIGTERM: the session keeps
    // the restored work and the autosave is gone.
    QProcess second;
    start(second, { QStringLiteral("--speed"), QStringLiteral("0"), QStringLiteral("--restore-autosave") });
    QThread::sleep(4); // start-up and the restore
    ::kill(static_cast<pid_t>(second.processId()), SIGTERM);
    ASSERT_TRUE(second.waitForFinished(30000));
    EXPECT_EQ(second.exitStatus(), QProcess::NormalExit) << second.readAllStandardError().toStdString();
    EXPECT_EQ(second.exitCode(), 0);
    EXPECT_FALSE(QFile::exists(dataFile("autosave.levlab")));
    auto session = levlab::model::readDocument(read(dataFile("session.levlab")));
    ASSERT_TRUE(session.ok()) << session.error().message();
    EXPECT_EQ(session->plan->inputs.leverage, 7.0);
}

TEST_F(GuiSession, AScreenshotRunKeepsNoSession)
{
    QProcess p;
    start(p,
        { QStringLiteral("--screenshot"), home.filePath(QStringLiteral("shot.png")), QStringLiteral("--leverage"),
            QStringLiteral("7") });
    ASSERT_TRUE(p.waitForFinished(60000));
    EXPECT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
    EXPECT_FALSE(QFile::exists(dataFile("session.levlab")));
    EXPECT_FALSE(QFile::exists(dataFile("autosave.levlab")));
}

} // namespace
