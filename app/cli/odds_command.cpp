#include "app/cli/cli_io.h"
#include "app/cli/commands.h"

#include "core/model/file/document_plan.h"
#include "core/model/history/odds_plan.h"
#include "core/model/history/price_import.h"
#include "core/model/plan/messages.h"
#include "core/model/tiers/tier_library.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocale>

namespace levlab::cli {

namespace {

QString hoursText(double h)
{
    if (h >= 24.0 && std::fmod(h, 24.0) == 0.0)
        return QLocale::c().toString(h / 24.0, 'g', 10) + QLatin1Char('d');
    return QLocale::c().toString(h, 'g', 10) + QLatin1Char('h');
}

}  // namespace

int runOdds(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Historical odds of liquidation. For every leverage, holding period and side: of all bars of the\n"
        "price history (each an entry at its open, counted only when the whole period lies inside the\n"
        "data), how many isolated positions of the plan would have been liquidated within the period\n"
        "(a long when a bar's low reaches the liquidation price, a short when a high does), and with\n"
        "--stop how many stops would have fired first. Every entry opens the plan's notional under the\n"
        "plan's venue rules. The bars' traded prices stand in for the mark.\n"
        "PLAN is a scenario in the evaluate format with one position, or a .levlab plan; its stop_loss\n"
        "(a .levlab plan's stop) counts as --stop unless --stop is given."));
    parser.addOption(helpOption());
    parser.addPositionalArgument(QStringLiteral("PLAN"), QStringLiteral("plan: a scenario file with one position, or a .levlab file"));
    const QCommandLineOption prices(QStringLiteral("prices"), QStringLiteral("Price history (CSV or JSON)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption leverage(QStringLiteral("leverage"),
                                      QStringLiteral("Leverages, comma separated (default: 1x to the plan's maximum)."),
                                      QStringLiteral("L,L,…"));
    const QCommandLineOption hours(QStringLiteral("hours"),
                                   QStringLiteral("Holding periods in hours, comma separated (default 1,4,24,72,168,720)."),
                                   QStringLiteral("H,H,…"));
    const QCommandLineOption stop(QStringLiteral("stop"), QStringLiteral("Stop distance from entry (0.02 or 2%)."),
                                  QStringLiteral("D"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON instead of a table."));
    parser.addOptions({prices, leverage, hours, stop, json});
    if (!parser.parse(args))
        return refuse(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return printCommandHelp(parser, QStringLiteral("odds"));
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1)
        return refuse(QStringLiteral("odds takes one plan file (see levlab-cli odds --help)"));
    if (!parser.isSet(prices))
        return refuse(QStringLiteral("--prices is required (see levlab-cli odds --help)"));

    QFile planFile(pos.front());
    if (!planFile.open(QIODevice::ReadOnly))
        return refuse(QStringLiteral("%1: %2").arg(pos.front(), planFile.errorString()));
    auto plan = model::readOddsPlan(planFile.readAll(), model::TierLibrary::loadShipped(), pos.front());
    if (!plan)
        return refuse(model::planRefusal(pos.front(), plan.error()));
    engine::OddsPosition position = std::move(plan).value();
    if (parser.isSet(stop)) {
        const auto d = parseFraction(parser.value(stop));
        if (!d || !(*d > 0.0 && *d < 1.0))
            return refuse(QStringLiteral("--stop: '%1' is not a distance between 0% and 100%").arg(parser.value(stop)));
        position.stopDistance = *d;
    }
    std::vector<double> levs = model::defaultOddsLeverages(position);
    if (parser.isSet(leverage)) {
        const auto l = parseList(parser.value(leverage), false);
        if (!l || l->empty())
            return refuse(QStringLiteral("--leverage: '%1' is not a comma-separated list of numbers").arg(parser.value(leverage)));
        levs = *l;
    }
    std::vector<double> periods = model::defaultOddsHours();
    if (parser.isSet(hours)) {
        const auto h = parseList(parser.value(hours), false);
        if (!h || h->empty())
            return refuse(QStringLiteral("--hours: '%1' is not a comma-separated list of numbers").arg(parser.value(hours)));
        periods = *h;
    }

    const QString pricePath = parser.value(prices);
    const engine::PriceHistory history = model::importPriceFile(pricePath);
    if (!history.report.refused.empty()) {
        const QStringList lines = model::refusalLines(QFileInfo(pricePath).fileName(), history.report);
        for (qsizetype i = 0; i + 1 < lines.size(); ++i)
            refuse(lines[i]);
        return refuse(lines.back());
    }
    auto grid = engine::liquidationOdds(history.bars, history.report.intervalSeconds, position, levs, periods);
    if (!grid) {
        const engine::Error& e = grid.error();
        return refuse(QStringLiteral("--%1: %2").arg(QString::fromStdString(e.field),
                                                     model::readableReason(QString::fromStdString(e.reason))));
    }

    if (parser.isSet(json)) {
        QJsonArray cells;
        for (const auto& c : grid->cells) {
            QJsonObject o;
            o[QStringLiteral("side")] = c.side == engine::Side::Long ? QStringLiteral("long") : QStringLiteral("short");
            o[QStringLiteral("leverage")] = c.leverage;
            o[QStringLiteral("hours")] = c.hours;
            o[QStringLiteral("entries")] = static_cast<qint64>(c.entries);
            o[QStringLiteral("liquidated")] = static_cast<qint64>(c.liquidated);
            o[QStringLiteral("stopped_first")] = static_cast<qint64>(c.stoppedFirst);
            o[QStringLiteral("share")] = c.share;
            cells.append(o);
        }
        QJsonObject root;
        root[QStringLiteral("cells")] = cells;
        printJson(root);
        return kExitOk;
    }
    std::vector<QStringList> rows;
    for (const auto& c : grid->cells) {
        QStringList row{c.side == engine::Side::Long ? QStringLiteral("long") : QStringLiteral("short"),
                        leverageText(c.leverage), hoursText(c.hours), money(static_cast<double>(c.entries), 0),
                        money(static_cast<double>(c.liquidated), 0), percent(c.share)};
        if (position.stopDistance)
            row << money(static_cast<double>(c.stoppedFirst), 0);
        rows.push_back(row);
    }
    QStringList header{QStringLiteral("side"),    QStringLiteral("leverage"),   QStringLiteral("period"),
                       QStringLiteral("entries"), QStringLiteral("liquidated"), QStringLiteral("share")};
    if (position.stopDistance)
        header << QStringLiteral("stopped first");
    printText(formatTable(header, rows));
    return kExitOk;
}

}  // namespace levlab::cli
