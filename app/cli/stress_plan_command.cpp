#include "app/cli/cli_io.h"
#include "app/cli/commands.h"
#include "app/cli/plan_input.h"

#include "core/engine/stress/plan_stress.h"
#include "core/model/file/document_plan.h"
#include "core/model/scenario/exit_plan_json.h"
#include "core/model/scenario/scenario.h"
#include "core/model/tiers/tier_library.h"

#include <QCommandLineParser>
#include <QJsonArray>

#include <array>

namespace levlab::cli {

namespace {

using engine::TradeOutcome;

/// The exits in the order they are shown, with their labels.
struct OutcomeLabel {
    TradeOutcome outcome;
    const char* label;
};
constexpr std::array<OutcomeLabel, engine::kOutcomeCount> kOutcomes{{
    {TradeOutcome::Targets, "target ladder complete"},
    {TradeOutcome::Stop, "stop-loss"},
    {TradeOutcome::BreakEven, "break-even stop"},
    {TradeOutcome::Trailing, "trailing stop"},
    {TradeOutcome::Liquidation, "liquidation"},
    {TradeOutcome::Deleverage, "deleveraged out"},
    {TradeOutcome::OpenAtEnd, "open at the day's end"},
}};

std::size_t countOf(const engine::OutcomeSummary& s, TradeOutcome o) { return s.counts[static_cast<std::size_t>(o)]; }

QJsonObject summaryJson(const engine::OutcomeSummary& s, std::size_t paths)
{
    QJsonObject exits;
    QJsonObject shares;
    for (const auto& o : kOutcomes) {
        const auto key = QString::fromLatin1(engine::outcomeName(o.outcome));
        exits.insert(key, static_cast<double>(countOf(s, o.outcome)));
        shares.insert(key, static_cast<double>(countOf(s, o.outcome)) / static_cast<double>(paths));
    }
    QJsonObject worst{{QStringLiteral("index"), static_cast<double>(s.worstPath)},
                      {QStringLiteral("seed"), QString::number(s.worstSeed)},
                      {QStringLiteral("result"), model::jsonNumber(s.worstResult)}};
    return {{QStringLiteral("exits"), exits},
            {QStringLiteral("shares"), shares},
            {QStringLiteral("median"), model::jsonNumber(s.median)},
            {QStringLiteral("percentile_5"), model::jsonNumber(s.percentile5)},
            {QStringLiteral("mean"), model::jsonNumber(s.mean)},
            {QStringLiteral("worst_path"), worst}};
}

QString summaryTable(const engine::PlanStressResult& r, std::size_t paths, int d)
{
    std::vector<QStringList> rows;
    const auto share = [&](std::size_t n) { return percent(static_cast<double>(n) / static_cast<double>(paths), 1); };
    for (const auto& o : kOutcomes) {
        const std::size_t a = countOf(r.withRules, o.outcome);
        const std::size_t b = countOf(r.plain, o.outcome);
        if (a == 0 && b == 0)
            continue;
        rows.push_back({QString::fromLatin1(o.label), share(a), share(b)});
    }
    rows.push_back({QStringLiteral("median result"), money(r.withRules.median, d), money(r.plain.median, d)});
    rows.push_back({QStringLiteral("5th percentile"), money(r.withRules.percentile5, d), money(r.plain.percentile5, d)});
    rows.push_back({QStringLiteral("mean result"), money(r.withRules.mean, d), money(r.plain.mean, d)});
    rows.push_back({QStringLiteral("worst path"), QStringLiteral("#%1: %2").arg(r.withRules.worstPath).arg(money(r.withRules.worstResult, d)),
                    QStringLiteral("#%1: %2").arg(r.plain.worstPath).arg(money(r.plain.worstResult, d))});
    return formatTable({QStringLiteral("outcome"), QStringLiteral("with ladder and rules"), QStringLiteral("plain plan")}, rows);
}

QJsonObject runJson(const engine::TradeRun& run)
{
    QJsonArray steps;
    for (const auto& s : run.steps) {
        steps.append(QJsonObject{{QStringLiteral("time_ms"), static_cast<double>(s.timeMs)},
                                 {QStringLiteral("kind"), QString::fromLatin1(engine::stepKindName(s.kind))},
                                 {QStringLiteral("price"), model::jsonNumber(s.price)},
                                 {QStringLiteral("quantity_closed"), model::jsonNumber(s.quantityClosed)},
                                 {QStringLiteral("result"), model::jsonNumber(s.result)},
                                 {QStringLiteral("fees"), model::jsonNumber(s.fees)},
                                 {QStringLiteral("added"), model::jsonNumber(s.added)},
                                 {QStringLiteral("quantity_left"), model::jsonNumber(s.quantityLeft)},
                                 {QStringLiteral("liquidation_after"), model::jsonNumber(s.liquidationAfter)}});
    }
    return {{QStringLiteral("outcome"), QString::fromLatin1(engine::outcomeName(run.outcome))},
            {QStringLiteral("result"), model::jsonNumber(run.result)},
            {QStringLiteral("steps"), steps}};
}

QString runTable(const QString& title, const engine::TradeRun& run, int d)
{
    std::vector<QStringList> rows;
    for (const auto& s : run.steps) {
        const qint64 minutes = s.timeMs / 60'000;
        rows.push_back({QStringLiteral("%1:%2").arg(minutes / 60, 2, 10, QLatin1Char('0')).arg(minutes % 60, 2, 10, QLatin1Char('0')),
                        QString::fromLatin1(engine::stepKindName(s.kind)), money(s.price),
                        s.quantityClosed > 0.0 ? money(s.quantityClosed, 6) : QStringLiteral("-"),
                        s.added > 0.0                                ? QStringLiteral("+%1").arg(money(s.added, d))
                        : s.kind == engine::TradeStep::Kind::StopMoved ? QStringLiteral("-")
                                                                       : money(s.result, d),
                        optionalPrice(s.liquidationAfter)});
    }
    return title + QLatin1Char('\n')
           + formatTable({QStringLiteral("time"), QStringLiteral("step"), QStringLiteral("price"), QStringLiteral("closed"),
                          QStringLiteral("result"), QStringLiteral("liquidation after")},
                         rows)
           + QStringLiteral("ends: %1, result %2\n").arg(QString::fromLatin1(engine::outcomeName(run.outcome)), money(run.result, d));
}

}  // namespace

int runStressPlan(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a plan with its exit ladder and margin rules, and the same plan without them, over N\n"
        "seeded one-day paths of the simulated market at one-minute resolution, and reports how the\n"
        "trades ended, the median and 5th-percentile result and the worst path. PLAN is the evaluate\n"
        "format with one position and the exit_ladder, stop_loss, break_even_after, trailing_stop and\n"
        "margin_rules members (see the README), or a .levlab plan: its stop, its target and its trigger."));
    parser.addOption(helpOption());
    parser.addPositionalArgument(QStringLiteral("PLAN"), QStringLiteral("plan or .levlab file, or - for standard input"), QStringLiteral("PLAN"));
    const QCommandLineOption paths(QStringLiteral("paths"), QStringLiteral("Number of paths (1 to 1,000,000)."), QStringLiteral("N"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of the run, 0 to 2^64 - 1."), QStringLiteral("S"),
                                  QStringLiteral("1"));
    const QCommandLineOption regime(QStringLiteral("regime"), QStringLiteral("Market: calm, trend (+10% a day) or crash (crash-prone)."),
                                    QStringLiteral("calm|trend|crash"), QStringLiteral("calm"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Threads (default: every core); the result is the same."),
                                     QStringLiteral("T"));
    const QCommandLineOption replay(QStringLiteral("replay"),
                                    QStringLiteral("Print the step log of path I (0-based), with and without the rules, instead."),
                                    QStringLiteral("I"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON instead of a table."));
    parser.addOptions({paths, seed, regime, threads, replay, json});
    if (!parser.parse(args))
        return refuse(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return printCommandHelp(parser, QStringLiteral("stress-plan"));
    engine::StressRunOptions o;
    bool ok = false;
    if (!parser.isSet(paths))
        return refuse(QStringLiteral("--paths is required (see levlab-cli stress-plan --help)"));
    const qulonglong n = parser.value(paths).trimmed().toULongLong(&ok);
    if (!ok || n < 1 || n > 1'000'000)
        return refuse(QStringLiteral("--paths: '%1' is not a whole number from 1 to 1,000,000").arg(parser.value(paths)));
    o.paths = static_cast<std::size_t>(n);
    o.seed = parser.value(seed).trimmed().toULongLong(&ok);
    if (!ok)
        return refuse(QStringLiteral("--seed: '%1' is not a whole number from 0 to 18446744073709551615").arg(parser.value(seed)));
    const auto r = engine::market::regimeFromName(parser.value(regime).trimmed().toStdString());
    if (!r)
        return refuse(QStringLiteral("--regime: '%1' is not one of calm, trend, crash").arg(parser.value(regime)));
    o.regime = *r;
    if (parser.isSet(threads)) {
        const uint t = parser.value(threads).trimmed().toUInt(&ok);
        if (!ok || t < 1 || t > 256)
            return refuse(QStringLiteral("--threads: '%1' is not a whole number from 1 to 256").arg(parser.value(threads)));
        o.threads = t;
    }
    std::optional<std::size_t> replayIndex;
    if (parser.isSet(replay)) {
        const qulonglong i = parser.value(replay).trimmed().toULongLong(&ok);
        if (!ok || i >= o.paths)
            return refuse(QStringLiteral("--replay: '%1' is not a path of this run (0 to %2)").arg(parser.value(replay)).arg(o.paths - 1));
        replayIndex = static_cast<std::size_t>(i);
    }

    int exit = kExitOk;
    const auto input = readPlanInput(parser.positionalArguments(), QStringLiteral("stress-plan"), exit);
    if (!input)
        return exit;
    const model::TierLibrary tiers = model::TierLibrary::loadShipped();
    auto plan = model::parseTradePlan(input->bytes, tiers, input->origin);
    if (!plan)
        return refuse(model::planRefusal(input->origin, plan.error()));

    // Results are in the settlement currency: a coin (inverse) needs more decimals than USDT.
    const int d = plan->position.contract.kind == engine::ContractKind::Inverse ? 8 : 2;
    if (replayIndex) {
        const auto path = engine::stressPath(plan.value(), o, *replayIndex);
        const auto with = engine::simulateTrade(plan.value(), path);
        const auto plain = engine::simulateTrade(engine::plainPlan(plan.value()), path);
        if (!with || !plain)
            return refuse(QStringLiteral("%1: %2").arg(input->origin, QString::fromStdString((with ? plain : with).error().message())));
        if (parser.isSet(json)) {
            printJson({{QStringLiteral("path"), static_cast<double>(*replayIndex)},
                       {QStringLiteral("seed"), QString::number(engine::market::pathSeed(o.seed, *replayIndex))},
                       {QStringLiteral("with_rules"), runJson(with.value())},
                       {QStringLiteral("plain"), runJson(plain.value())}});
        } else {
            printText(runTable(QStringLiteral("path %1, with the ladder and rules:").arg(*replayIndex), with.value(), d)
                      + QLatin1Char('\n') + runTable(QStringLiteral("plain plan:"), plain.value(), d));
        }
        return kExitOk;
    }

    auto result = engine::stressPlan(plan.value(), o);
    if (!result)
        return refuse(QStringLiteral("%1: %2").arg(input->origin, QString::fromStdString(result.error().message())));
    const auto& s = result.value();
    if (parser.isSet(json)) {
        printJson({{QStringLiteral("run"), QJsonObject{{QStringLiteral("paths"), static_cast<double>(o.paths)},
                                                       {QStringLiteral("seed"), QString::number(o.seed)},
                                                       {QStringLiteral("regime"), QString::fromLatin1(engine::market::regimeName(o.regime).data())},
                                                       {QStringLiteral("minutes"), o.steps}}},
                   {QStringLiteral("with_rules"), summaryJson(s.withRules, o.paths)},
                   {QStringLiteral("plain"), summaryJson(s.plain, o.paths)},
                   {QStringLiteral("difference"), QJsonObject{{QStringLiteral("median"), model::jsonNumber(s.withRules.median - s.plain.median)},
                                                              {QStringLiteral("percentile_5"),
                                                               model::jsonNumber(s.withRules.percentile5 - s.plain.percentile5)},
                                                              {QStringLiteral("mean"), model::jsonNumber(s.withRules.mean - s.plain.mean)}}}});
        return kExitOk;
    }
    printText(QStringLiteral("%1 one-day paths (seed %2, %3 market), one point a minute\n\n")
                  .arg(o.paths)
                  .arg(o.seed)
                  .arg(QString::fromLatin1(engine::market::regimeName(o.regime).data()))
              + summaryTable(s, o.paths, d)
              + QStringLiteral("\nThe plain plan keeps the opening stop and takes the whole position at the farthest target.\n"
                               "Replay a path: --replay INDEX.\n"));
    return kExitOk;
}

}  // namespace levlab::cli
