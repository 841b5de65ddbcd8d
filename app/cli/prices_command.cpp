#include "app/cli/cli_io.h"
#include "app/cli/commands.h"

#include "core/model/history/price_import.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace levlab::cli {

int runPrices(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Imports a price history and reports what it holds and what was repaired: bars kept, first and\n"
        "last bar, bar interval, duplicates removed (and how many disagreed), gaps, zero-volume bars,\n"
        "swapped volume columns, opens outside low–high. Reads CSV (any column order; comma, semicolon\n"
        "or tab; ISO-8601 or epoch times; a banner line; BitMEX end-stamped buckets) and the candle JSON\n"
        "of the BitMEX, Binance and Hyperliquid REST APIs. A file that cannot be used is refused with\n"
        "its lines and reasons."));
    parser.addOption(helpOption());
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("price file (CSV or JSON)"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON instead of text."));
    parser.addOption(json);
    if (!parser.parse(args))
        return refuse(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return printCommandHelp(parser, QStringLiteral("prices"));
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1)
        return refuse(QStringLiteral("prices takes one price file (see levlab-cli prices --help)"));
    const QString path = pos.front();
    std::size_t skipped = 0;
    const engine::PriceHistory history = model::importPriceFile(path, &skipped);
    const engine::ImportReport& report = history.report;
    if (parser.isSet(json))
        printJson(model::reportJson(report, skipped));
    if (!report.refused.empty()) {
        const QStringList lines = model::refusalLines(QFileInfo(path).fileName(), report);
        for (qsizetype i = 0; i + 1 < lines.size(); ++i)
            refuse(lines[i]);
        return refuse(lines.back());
    }
    if (!parser.isSet(json))
        printText(model::reportSentences(report, skipped).join(QLatin1Char('\n')) + QLatin1Char('\n'));
    return kExitOk;
}

}  // namespace levlab::cli
