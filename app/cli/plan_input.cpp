#include "app/cli/plan_input.h"

#include "app/cli/cli_io.h"

#include <QFile>

namespace levlab::cli {

std::optional<PlanInput> readPlanInput(const QStringList& positional, const QString& command, int& exitCode)
{
    exitCode = kExitBadInput;
    if (positional.size() > 1) {
        refuse(QStringLiteral("%1 takes one plan file").arg(command));
        return std::nullopt;
    }
    PlanInput out;
    QFile in;
    if (positional.isEmpty() || positional.front() == QLatin1String("-")) {
        out.origin = QStringLiteral("standard input");
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            refuse(QStringLiteral("cannot read standard input"));
            return std::nullopt;
        }
    } else {
        out.origin = positional.front();
        in.setFileName(out.origin);
        if (!in.open(QIODevice::ReadOnly)) {
            refuse(QStringLiteral("%1: %2").arg(out.origin, in.errorString()));
            return std::nullopt;
        }
    }
    out.bytes = in.readAll();
    exitCode = kExitOk;
    return out;
}

}  // namespace levlab::cli
