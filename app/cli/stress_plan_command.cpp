#include "app/cli/cli_io.h"
#include "app/cli/commands.h"
#include "app/cli/plan_input.h"

#include "core/engine/stress/history_stress.h"
#include "core/engine/stress/plan_stress.h"
#include "core/model/file/document_plan.h"
#include "core/model/history/price_import.h"
#include "core/model/scenario/exit_plan_json.h"
#include "core/model/scenario/scenario.h"
#include "core/model/tiers/tier_library.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocale>

#include <array>
#include <functional>

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

/// `entryTime`: a history run's worst entry (its bar's open, seconds UTC); else the path's seed.
QJsonObject summaryJson(const engine::OutcomeSummary& s, std::size_t paths, std::optional<std::int64_t> entryTime = std::nullopt)
{
    QJsonObject exits;
    QJsonObject shares;
    for (const auto& o : kOutcomes) {
        const auto key = QString::fromLatin1(engine::outcomeName(o.outcome));
        exits.insert(key, static_cast<double>(countOf(s, o.outcome)));
        shares.insert(key, static_cast<double>(countOf(s, o.outcome)) / static_cast<double>(paths));
    }
    QJsonObject worst{{QStringLiteral("index"), static_cast<double>(s.worstPath)}, {QStringLiteral("result"), model::jsonNumber(s.worstResult)}};
    if (entryTime)
        worst.insert(QStringLiteral("entry_time"), model::isoTime(*entryTime));
    else
        worst.insert(QStringLiteral("seed"), QString::number(s.worstSeed));
    return {{QStringLiteral("exits"), exits},
            {QStringLiteral("shares"), shares},
            {QStringLiteral("median"), model::jsonNumber(s.median)},
            {QStringLiteral("percentile_5"), model::jsonNumber(s.percentile5)},
            {QStringLiteral("mean"), model::jsonNumber(s.mean)},
            {QStringLiteral("worst_path"), worst}};
}

/// `worstLabel`: how the worst path is named ("#487", or an entry's time).
QString summaryTable(const engine::PlanStressResult& r, std::size_t paths, int d,
                     const std::function<QString(const engine::OutcomeSummary&)>& worstLabel, bool history)
{
    std::vector<QStringList> rows;
    const auto share = [&](std::size_t n) { return percent(static_cast<double>(n) / static_cast<double>(paths), 1); };
    for (const auto& o : kOutcomes) {
        const std::size_t a = countOf(r.withRules, o.outcome);
        const std::size_t b = countOf(r.plain, o.outcome);
        if (a == 0 && b == 0)
            continue;
        const bool periodEnd = history && o.outcome == TradeOutcome::OpenAtEnd;
        rows.push_back({periodEnd ? QStringLiteral("open at the period's end") : QString::fromLatin1(o.label), share(a), share(b)});
    }
    rows.push_back({QStringLiteral("median result"), money(r.withRules.median, d), money(r.plain.median, d)});
    rows.push_back({QStringLiteral("5th percentile"), money(r.withRules.percentile5, d), money(r.plain.percentile5, d)});
    rows.push_back({QStringLiteral("mean result"), money(r.withRules.mean, d), money(r.plain.mean, d)});
    rows.push_back({QStringLiteral("worst path"), QStringLiteral("%1: %2").arg(worstLabel(r.withRules), money(r.withRules.worstResult, d)),
                    QStringLiteral("%1: %2").arg(worstLabel(r.plain), money(r.plain.worstResult, d))});
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

/// A step's time: hours:minutes from the start of a simulated path, or the date of a history's bar.
QString stepTime(qint64 timeMs, bool history)
{
    if (history)
        return QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    const qint64 minutes = timeMs / 60'000;
    return QStringLiteral("%1:%2").arg(minutes / 60, 2, 10, QLatin1Char('0')).arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString runTable(const QString& title, const engine::TradeRun& run, int d, bool history)
{
    std::vector<QStringList> rows;
    for (const auto& s : run.steps) {
        rows.push_back({stepTime(s.timeMs, history),
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

/// The step logs of one path, with and without the rules.
int printReplay(const engine::TradePlan& plan, const std::vector<engine::PathPoint>& path, const QString& origin, QJsonObject which,
                const QString& title, bool json, bool history, int d)
{
    const auto with = engine::simulateTrade(plan, path);
    const auto plain = engine::simulateTrade(engine::plainPlan(plan), path);
    if (!with || !plain)
        return refuse(QStringLiteral("%1: %2").arg(origin, QString::fromStdString((with ? plain : with).error().message())));
    if (json) {
        which.insert(QStringLiteral("with_rules"), runJson(with.value()));
        which.insert(QStringLiteral("plain"), runJson(plain.value()));
        printJson(which);
    } else {
        printText(runTable(title, with.value(), d, history) + QLatin1Char('\n') + runTable(QStringLiteral("plain plan:"), plain.value(), d, history));
    }
    return kExitOk;
}

QString hoursText(double h) { return QLocale::c().toString(h, 'g', 10); }

QString entryText(std::int64_t seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

/// --prices: the plan from every entry of a price history.
int runOverHistory(const engine::TradePlan& plan, const QString& origin, const QString& pricePath, engine::HistoryRunOptions o,
                   std::optional<qulonglong> replay, bool json, int d)
{
    const engine::PriceHistory history = model::importPriceFile(pricePath);
    const QString name = QFileInfo(pricePath).fileName();
    if (!history.report.refused.empty()) {
        const QStringList lines = model::refusalLines(name, history.report);
        for (qsizetype i = 0; i + 1 < lines.size(); ++i)
            refuse(lines[i]);
        return refuse(lines.back());
    }
    o.intervalSeconds = history.report.intervalSeconds;
    const auto& bars = history.bars;
    if (replay) {
        if (*replay >= bars.size() || engine::entryBars(bars, o, static_cast<std::size_t>(*replay)) == 0)
            return refuse(QStringLiteral("--replay: %1 is not an entry of %2 whose %3 h lie inside the data").arg(*replay).arg(name, hoursText(o.hours)));
        const auto i = static_cast<std::size_t>(*replay);
        const QJsonObject which{{QStringLiteral("entry"), static_cast<double>(i)}, {QStringLiteral("entry_time"), model::isoTime(bars[i].time)}};
        return printReplay(engine::planAtEntry(plan, bars[i].open), engine::historyPath(bars, o, i), origin, which,
                           QStringLiteral("entry %1 (%2 UTC, at %3), with the ladder and rules:").arg(i).arg(entryText(bars[i].time), money(bars[i].open)),
                           json, true, d);
    }
    auto result = engine::stressPlanOverHistory(plan, bars, o);
    if (!result) {
        const engine::Error& e = result.error();
        if (e.field == "hours" || e.field == "prices")
            return refuse(QStringLiteral("--%1: %2").arg(QString::fromStdString(e.field), QString::fromStdString(e.reason)));
        return refuse(QStringLiteral("%1: %2").arg(origin, QString::fromStdString(e.message())));
    }
    const auto& r = result.value();
    const auto& s = r.run;
    if (json) {
        printJson({{QStringLiteral("run"), QJsonObject{{QStringLiteral("prices"), name},
                                                       {QStringLiteral("entries"), static_cast<double>(r.entries)},
                                                       {QStringLiteral("hours"), o.hours},
                                                       {QStringLiteral("interval_s"), static_cast<double>(o.intervalSeconds)},
                                                       {QStringLiteral("first_entry"), model::isoTime(bars.front().time)},
                                                       {QStringLiteral("last_entry"), model::isoTime(bars[r.entries - 1].time)}}},
                   {QStringLiteral("with_rules"), summaryJson(s.withRules, r.entries, r.worstEntryTime)},
                   {QStringLiteral("plain"), summaryJson(s.plain, r.entries, r.plainWorstEntryTime)},
                   {QStringLiteral("difference"), QJsonObject{{QStringLiteral("median"), model::jsonNumber(s.withRules.median - s.plain.median)},
                                                              {QStringLiteral("percentile_5"),
                                                               model::jsonNumber(s.withRules.percentile5 - s.plain.percentile5)},
                                                              {QStringLiteral("mean"), model::jsonNumber(s.withRules.mean - s.plain.mean)}}}});
        return kExitOk;
    }
    const auto worst = [&](const engine::OutcomeSummary& w) { return entryText(bars[w.worstPath].time); };
    printText(QStringLiteral("%1 entries of %2, one at each bar's open from %3 to %4 UTC, each held %5 h\n\n")
                  .arg(r.entries)
                  .arg(name, entryText(bars.front().time), entryText(bars[r.entries - 1].time), hoursText(o.hours))
              + summaryTable(s, r.entries, d, worst, true)
              + QStringLiteral("\nEach entry moves the plan's levels with the price (the same distances in %) and keeps its value.\n"
                               "The plain plan keeps the opening stop and takes the whole position at the farthest target.\n"
                               "Replay an entry: --replay INDEX (0 is the first bar).\n"));
    return kExitOk;
}

}  // namespace

int runStressPlan(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a plan with its exit ladder and margin rules, and the same plan without them, over N\n"
        "seeded one-day paths of the simulated market at one-minute resolution, or over every entry of\n"
        "a real price history (--prices: each bar's open an entry, held --hours), and reports how the\n"
        "trades ended, the median and 5th-percentile result and the worst path. PLAN is the evaluate\n"
        "format with one position and the exit_ladder, stop_loss, break_even_after, trailing_stop and\n"
        "margin_rules members (see the README), or a .levlab plan with its whole ladder and rules."));
    parser.addOption(helpOption());
    parser.addPositionalArgument(QStringLiteral("PLAN"), QStringLiteral("plan or .levlab file, or - for standard input"), QStringLiteral("PLAN"));
    const QCommandLineOption paths(QStringLiteral("paths"), QStringLiteral("Number of paths (1 to 1,000,000)."), QStringLiteral("N"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of the run, 0 to 2^64 - 1."), QStringLiteral("S"),
                                  QStringLiteral("1"));
    const QCommandLineOption regime(QStringLiteral("regime"), QStringLiteral("Market: calm, trend (+10% a day) or crash (crash-prone)."),
                                    QStringLiteral("calm|trend|crash"), QStringLiteral("calm"));
    const QCommandLineOption prices(QStringLiteral("prices"),
                                    QStringLiteral("Instead of seeded paths: every entry of this price history (CSV or JSON)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption hours(QStringLiteral("hours"), QStringLiteral("With --prices: the holding period from each entry (default 24)."),
                                   QStringLiteral("H"), QStringLiteral("24"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Threads (default: every core); the result is the same."),
                                     QStringLiteral("T"));
    const QCommandLineOption replay(QStringLiteral("replay"),
                                    QStringLiteral("Print the step log of path (or entry) I, 0-based, with and without the rules, instead."),
                                    QStringLiteral("I"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON instead of a table."));
    parser.addOptions({paths, seed, regime, prices, hours, threads, replay, json});
    if (!parser.parse(args))
        return refuse(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return printCommandHelp(parser, QStringLiteral("stress-plan"));
    engine::StressRunOptions o;
    bool ok = false;
    const bool overHistory = parser.isSet(prices);
    if (overHistory && (parser.isSet(paths) || parser.isSet(seed) || parser.isSet(regime)))
        return refuse(QStringLiteral("--prices runs every entry of the history: --paths, --seed and --regime are for the simulated paths"));
    if (!overHistory && parser.isSet(hours))
        return refuse(QStringLiteral("--hours is the holding period of a --prices run; a simulated path lasts one day"));
    if (!overHistory && !parser.isSet(paths))
        return refuse(QStringLiteral("--paths is required, or --prices (see levlab-cli stress-plan --help)"));
    if (!overHistory) {
        const qulonglong n = parser.value(paths).trimmed().toULongLong(&ok);
        if (!ok || n < 1 || n > 1'000'000)
            return refuse(QStringLiteral("--paths: '%1' is not a whole number from 1 to 1,000,000").arg(parser.value(paths)));
        o.paths = static_cast<std::size_t>(n);
    }
    o.seed = parser.value(seed).trimmed().toULongLong(&ok);
    if (!ok)
        return refuse(QStringLiteral("--seed: '%1' is not a whole number from 0 to 18446744073709551615").arg(parser.value(seed)));
    const auto r = engine::market::regimeFromName(parser.value(regime).trimmed().toStdString());
    if (!r)
        return refuse(QStringLiteral("--regime: '%1' is not one of calm, trend, crash").arg(parser.value(regime)));
    o.regime = *r;
    engine::HistoryRunOptions h;
    const auto held = parseNumber(parser.value(hours));
    if (!held || !(*held > 0.0) || *held > 24.0 * 3660.0)
        return refuse(QStringLiteral("--hours: '%1' is not a holding period between 0 and 10 years, in hours").arg(parser.value(hours)));
    h.hours = *held;
    if (parser.isSet(threads)) {
        const uint t = parser.value(threads).trimmed().toUInt(&ok);
        if (!ok || t < 1 || t > 256)
            return refuse(QStringLiteral("--threads: '%1' is not a whole number from 1 to 256").arg(parser.value(threads)));
        o.threads = t;
        h.threads = t;
    }
    std::optional<qulonglong> replayIndex;
    if (parser.isSet(replay)) {
        const qulonglong i = parser.value(replay).trimmed().toULongLong(&ok);
        if (!ok || (!overHistory && i >= o.paths))
            return refuse(overHistory ? QStringLiteral("--replay: '%1' is not a whole number of 0 or more").arg(parser.value(replay))
                                      : QStringLiteral("--replay: '%1' is not a path of this run (0 to %2)").arg(parser.value(replay)).arg(o.paths - 1));
        replayIndex = i;
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
    if (overHistory)
        return runOverHistory(plan.value(), input->origin, parser.value(prices), h, replayIndex, parser.isSet(json), d);
    if (replayIndex) {
        const auto i = static_cast<std::size_t>(*replayIndex);
        const QJsonObject which{{QStringLiteral("path"), static_cast<double>(i)},
                                {QStringLiteral("seed"), QString::number(engine::market::pathSeed(o.seed, i))}};
        return printReplay(plan.value(), engine::stressPath(plan.value(), o, i), input->origin, which,
                           QStringLiteral("path %1, with the ladder and rules:").arg(i), parser.isSet(json), false, d);
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
              + summaryTable(s, o.paths, d, [](const engine::OutcomeSummary& w) { return QStringLiteral("#%1").arg(w.worstPath); }, false)
              + QStringLiteral("\nThe plain plan keeps the opening stop and takes the whole position at the farthest target.\n"
                               "Replay a path: --replay INDEX.\n"));
    return kExitOk;
}

}  // namespace levlab::cli
