// levlab's own command line: bad values exit 2 with a usage message, and a
// screenshot run leaves the user's settings as they were.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

namespace {

struct GuiRun {
    int exitCode = -1;
    QByteArray err;
};

GuiRun gui(const QStringList& args, const QString& home)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(LEVLAB_GUI_PATH), args);
    if (!p.waitForFinished(60000))
        p.kill();
    return {p.exitCode(), p.readAllStandardError()};
}

class BadArgument : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(BadArgument, ExitsTwoWithAUsageMessage)
{
    QTemporaryDir home;
    const auto [option, value] = GetParam();
    const GuiRun r = gui({QString::fromLatin1(option), QString::fromLatin1(value)}, home.path());
    EXPECT_EQ(r.exitCode, 2) << option << " " << value;
    EXPECT_TRUE(r.err.startsWith("levlab: " + QByteArray(option) + ": '")) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("Usage:")) << r.err.toStdString();
    EXPECT_FALSE(QDir(home.path() + QStringLiteral("/config")).exists()) << "nothing was written";
}

INSTANTIATE_TEST_SUITE_P(SeedSpeedTheme, BadArgument,
                         ::testing::Values(std::pair{"--seed", "abc"}, std::pair{"--seed", "-1"}, std::pair{"--seed", "0x10"},
                                           std::pair{"--seed", "18446744073709551616"}, std::pair{"--seed", ""},
                                           std::pair{"--speed", "5"}, std::pair{"--speed", "-1"}, std::pair{"--speed", "fast"},
                                           std::pair{"--theme", "pink"}));

TEST(GuiArgs, AScreenshotWritesNoSettings)
{
    QTemporaryDir home;
    const QString png = home.filePath(QStringLiteral("shot.png"));
    const GuiRun r = gui({QStringLiteral("--screenshot"), png, QStringLiteral("--theme"), QStringLiteral("light")}, home.path());
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(QFile::exists(png));
    const QString ini = home.path() + QStringLiteral("/config/LeverageLab/Leverage Lab.conf");
    QFile f(ini);
    const QByteArray written = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    EXPECT_FALSE(written.contains("theme")) << written.toStdString();
    EXPECT_FALSE(written.contains("geometry")) << written.toStdString();
}

}  // namespace
