#pragma once

#include <QStringList>

namespace levlab::cli {

/// Each takes the arguments after the command name ("evaluate a.json") with
/// argv[0] first, prints its result, and returns the exit code.
int runEvaluate(const QStringList& args);
int runSize(const QStringList& args);
int runStress(const QStringList& args);
int runShock(const QStringList& args);
int runPrices(const QStringList& args);
int runOdds(const QStringList& args);
int runStressPlan(const QStringList& args);
int runCompare(const QStringList& args);
int runReplay(const QStringList& args);
int runTiers(const QStringList& args);

}  // namespace levlab::cli
