#include "app/cli/cli_io.h"
#include "app/cli/commands.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

const char* const kUsage =
    "Usage: levlab-cli <command> [options]\n"
    "\n"
    "Leverage Lab's margin engine, headless.\n"
    "\n"
    "Commands:\n"
    "  evaluate [FILE|-]   margin, liquidation and account results for a scenario (JSON in, JSON out)\n"
    "  size                position size from capital, risk and stop\n"
    "  stress              stress table of one margin across leverages\n"
    "  shock [FILE|-]      equity and liquidations after uniform moves, as entered, all cross, all isolated\n"
    "  prices FILE         import a price history and report what was found and repaired\n"
    "  odds PLAN           historical odds of liquidation by leverage, holding period and side\n"
    "  stress-plan PLAN    a plan with its exit ladder and margin rules over N seeded paths or a real history\n"
    "  compare PLAN        the same trade under every venue's rules, side by side, with the reasons\n"
    "  tiers [FILE]        import a venue's saved risk-limit response (or --fetch today's); without FILE,\n"
    "                      the tables in use\n"
    "  replay PLAN         replay a price history against a plan: opening, funding, the one exit\n"
    "\n"
    "Options:\n"
    "  -h, --help          this help; 'levlab-cli <command> --help' for a command's options\n"
    "  -v, --version       the version\n"
    "\n"
    "Exit status: 0 on success, 2 when the input is refused (the reason is on stderr).\n"
    "Educational estimates, not advice.\n";

}  // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("levlab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEVLAB_VERSION));
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {  // no command: the usage goes where errors go
        QTextStream(stderr) << kUsage;
        return levlab::cli::kExitBadInput;
    }
    const QString command = args.at(1);
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        levlab::cli::printText(QString::fromLatin1(kUsage));
        return levlab::cli::kExitOk;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        levlab::cli::printText(QStringLiteral("levlab-cli %1\n").arg(QStringLiteral(LEVLAB_VERSION)));
        return levlab::cli::kExitOk;
    }
    args.removeAt(1);  // the parser of each command sees "levlab-cli <its options>"
    if (command == QLatin1String("evaluate"))
        return levlab::cli::runEvaluate(args);
    if (command == QLatin1String("size"))
        return levlab::cli::runSize(args);
    if (command == QLatin1String("stress"))
        return levlab::cli::runStress(args);
    if (command == QLatin1String("shock"))
        return levlab::cli::runShock(args);
    if (command == QLatin1String("prices"))
        return levlab::cli::runPrices(args);
    if (command == QLatin1String("odds"))
        return levlab::cli::runOdds(args);
    if (command == QLatin1String("stress-plan"))
        return levlab::cli::runStressPlan(args);
    if (command == QLatin1String("compare"))
        return levlab::cli::runCompare(args);
    if (command == QLatin1String("tiers"))
        return levlab::cli::runTiers(args);
    if (command == QLatin1String("replay"))
        return levlab::cli::runReplay(args);
    return levlab::cli::refuse(QStringLiteral("unknown command '%1'; try levlab-cli --help").arg(command));
}
