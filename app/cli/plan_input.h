#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace levlab::cli {

/// A plan's bytes and where they came from ("standard input" or the file name).
struct PlanInput final {
    QByteArray bytes;
    QString origin;
};

/// Reads the one PLAN argument of `command` (a file, or standard input when it is
/// "-" or absent). On failure it has printed the refusal; `exitCode` says how to exit.
std::optional<PlanInput> readPlanInput(const QStringList& positional, const QString& command, int& exitCode);

}  // namespace levlab::cli
