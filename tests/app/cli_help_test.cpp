#include <gtest/gtest.h>

#include <QProcess>

// What a reader of `levlab-cli … --help` sees: the command as typed, the command's own options, no Qt's.
namespace {

struct HelpRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

HelpRun run(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(LEVLAB_CLI_PATH), args);
    p.closeWriteChannel();
    p.waitForFinished(30000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QByteArray firstLine(const QByteArray& text)
{
    return text.left(text.indexOf('\n'));
}

TEST(CliHelp, EachCommandNamesItselfAndOffersNoQtOptions)
{
    const struct {
        const char* command;
        const char* usage;
    } cases[] = {
        {"evaluate", "Usage: levlab-cli evaluate [options] [FILE|-]"},
        {"size", "Usage: levlab-cli size [options]"},
        {"stress", "Usage: levlab-cli stress [options]"},
        {"shock", "Usage: levlab-cli shock [options] [FILE|-]"},
    };
    for (const auto& c : cases) {
        for (const char* flag : {"--help", "-h"}) {
            const HelpRun r = run({QString::fromLatin1(c.command), QString::fromLatin1(flag)});
            EXPECT_EQ(r.exitCode, 0) << c.command << ' ' << flag;
            EXPECT_TRUE(r.err.isEmpty()) << c.command;
            EXPECT_EQ(firstLine(r.out), QByteArray(c.usage)) << c.command << ' ' << flag;
            EXPECT_TRUE(r.out.contains("\n  -h, --help ")) << c.command;
            EXPECT_FALSE(r.out.contains("--help-all")) << c.command;
            EXPECT_FALSE(r.out.contains(LEVLAB_CLI_PATH)) << c.command;
        }
    }
}

TEST(CliHelp, QtsHelpAllIsNotAnOption)
{
    const HelpRun r = run({QStringLiteral("size"), QStringLiteral("--help-all")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.out.isEmpty());
    EXPECT_EQ(r.err, QByteArray("levlab-cli: Unknown option 'help-all'.\n"));
}

TEST(CliHelp, TopLevelHelpAndVersion)
{
    const HelpRun h = run({QStringLiteral("--help")});
    EXPECT_EQ(h.exitCode, 0);
    EXPECT_EQ(firstLine(h.out), QByteArray("Usage: levlab-cli <command> [options]"));
    for (const char* command : {"evaluate", "size", "stress", "shock"})
        EXPECT_TRUE(h.out.contains(QByteArray("\n  ") + command + ' ')) << command;
    EXPECT_EQ(run({QStringLiteral("-h")}).out, h.out);
    const HelpRun v = run({QStringLiteral("-v")});
    EXPECT_EQ(v.exitCode, 0);
    EXPECT_EQ(v.out, QByteArray("levlab-cli " LEVLAB_VERSION "\n"));
    EXPECT_TRUE(v.err.isEmpty());
}

TEST(CliHelp, NoCommandPrintsTheUsageAsAnError)
{
    const HelpRun r = run({});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.out.isEmpty());
    EXPECT_EQ(firstLine(r.err), QByteArray("Usage: levlab-cli <command> [options]"));
}

}  // namespace
