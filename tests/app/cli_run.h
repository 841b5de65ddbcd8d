#pragma once

// Runs the built levlab-cli as a person runs it from a shell: arguments, standard
// input, and what comes back on standard output, standard error and the exit status.

#include <gtest/gtest.h>

#include <QByteArray>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace levlab::test {

struct CliRun final {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline CliRun cli(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral(LEVLAB_CLI_PATH), args);
    if (!p.waitForStarted())
        return {};
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

/// Writes `bytes` to `name` in `dir` (a file for the command to read) and gives its path.
inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QSaveFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    EXPECT_TRUE(f.commit());
    return path;
}

}  // namespace levlab::test
