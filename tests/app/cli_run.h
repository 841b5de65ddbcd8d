#pragma once

// Runs the built levlab-cli as a person runs it from a shell: arguments, standard
// input, and what comes back on standard output, standard error and the exit status.

#include <QByteArray>
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

}  // namespace levlab::test
