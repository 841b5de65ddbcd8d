#include "app/cli/cli_io.h"
#include "app/cli/commands.h"

#include "core/model/tiers/tier_import.h"
#include "core/model/tiers/user_tiers.h"

#include <QCommandLineParser>
#include <QDate>
#include <QFile>

namespace levlab::cli {

namespace {

/// Tables older than this are flagged: venues revise their tiers.
constexpr qint64 kOldAfterDays = 90;

QString venueText(engine::Venue v)
{
    const std::string_view name = engine::venueName(v);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

int listTables(const model::TierLibrary& lib)
{
    std::vector<QStringList> rows;
    const QDate today = QDate::currentDate();
    auto add = [&](const model::TierTable& t, bool inUse) {
        const qint64 age = QDate::fromString(t.asOf, Qt::ISODate).daysTo(today);
        rows.push_back({venueText(t.venue), t.symbols.value(0), QString::number(t.table.brackets.size()), t.asOf,
                        t.user ? QStringLiteral("imported") : QStringLiteral("shipped"),
                        QString::fromLatin1(!inUse ? "fallback" : age > kOldAfterDays ? "in use, over 90 days old" : "in use")});
    };
    for (const model::TierTable& t : lib.tables()) {
        const model::TierTable* used = lib.find(t.venue, t.symbols.value(0));
        add(t, used == &t);
    }
    for (const model::TierTable& t : lib.userTables())
        add(t, true);
    printText(formatTable({QStringLiteral("venue"), QStringLiteral("symbol"), QStringLiteral("rows"),
                           QStringLiteral("as of"), QStringLiteral("table"), QStringLiteral("status")},
                          rows));
    return kExitOk;
}

}  // namespace

int runTiers(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Imports today's risk-limit table from a venue's JSON response saved to FILE, checks it (floors\n"
        "rising without gaps, maintenance amounts continuous, maximum leverage never rising with size;\n"
        "a refusal names the row and the reason) and stores it for this user, to be used from then on\n"
        "in place of the shipped table, which stays as the fallback. The responses read:\n"
        "  binance      GET /fapi/v1/leverageBracket (needs an account: save it yourself)\n"
        "  bybit        GET /v5/market/risk-limit\n"
        "  okx          GET /api/v5/public/position-tiers (tiers in contracts: --contract-size)\n"
        "  gate         GET /futures/usdt/risk_limit_tiers\n"
        "  hyperliquid  POST /info {\"type\":\"meta\"}\n"
        "  bitmex       GET /api/v1/instrument\n"
        "Without FILE, lists the tables and which one is in use, with its date."));
    parser.addOption(helpOption());
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("saved JSON response (optional)"), QStringLiteral("[FILE]"));
    const QCommandLineOption venue(QStringLiteral("venue"), QStringLiteral("binance, bybit, okx, gate, hyperliquid or bitmex."),
                                   QStringLiteral("V"));
    const QCommandLineOption symbol(QStringLiteral("symbol"), QStringLiteral("The symbol as the venue names it (BTCUSDT, BTC-USDT-SWAP, BTC_USDT, BTC, XBTUSD)."),
                                    QStringLiteral("S"));
    const QCommandLineOption fetched(QStringLiteral("fetched-at"),
                                     QStringLiteral("When the response was fetched, ISO-8601 UTC (default: now)."),
                                     QStringLiteral("TIME"));
    const QCommandLineOption contractSize(QStringLiteral("contract-size"),
                                          QStringLiteral("OKX: base units per contract (0.01 for BTC-USDT-SWAP)."),
                                          QStringLiteral("N"));
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("Where the user's tables are kept (default: %1).")
                                                            .arg(model::userTierDirectory()),
                                 QStringLiteral("DIR"));
    const QCommandLineOption dryRun(QStringLiteral("check"), QStringLiteral("Check the response only; store nothing."));
    for (const auto* o : {&venue, &symbol, &fetched, &contractSize, &dir, &dryRun})
        parser.addOption(*o);
    if (!parser.parse(args))
        return refuse(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return printCommandHelp(parser, QStringLiteral("tiers"));
    const QString directory = parser.isSet(dir) ? parser.value(dir) : model::userTierDirectory();
    const QStringList pos = parser.positionalArguments();
    if (pos.isEmpty())
        return listTables(model::TierLibrary::loadWithUserTables(directory));
    if (pos.size() != 1)
        return refuse(QStringLiteral("tiers takes one saved response (see levlab-cli tiers --help)"));

    model::TierImportRequest request;
    const auto v = engine::venueFromName(parser.value(venue).toStdString());
    if (!v || *v == engine::Venue::Textbook)
        return refuse(QStringLiteral("--venue: give binance, bybit, okx, gate, hyperliquid or bitmex"));
    request.venue = *v;
    request.symbol = parser.value(symbol);
    if (request.symbol.isEmpty())
        return refuse(QStringLiteral("--symbol: name the symbol the table is for"));
    request.fetchedAt = parser.isSet(fetched) ? QDateTime::fromString(parser.value(fetched), Qt::ISODate)
                                              : QDateTime::currentDateTimeUtc();
    if (!request.fetchedAt.isValid())
        return refuse(QStringLiteral("--fetched-at: '%1' is not an ISO-8601 time").arg(parser.value(fetched)));
    if (parser.isSet(contractSize)) {
        const auto n = parseNumber(parser.value(contractSize));
        if (!n || !(*n > 0.0))
            return refuse(QStringLiteral("--contract-size: give a number greater than 0"));
        request.contractSize = n;
    }
    QFile file(pos.front());
    if (!file.open(QIODevice::ReadOnly))
        return refuse(QStringLiteral("%1: cannot be read").arg(pos.front()));
    const auto table = model::importTierResponse(request, file.readAll());
    if (!table)
        return refuse(QStringLiteral("%1: %2").arg(pos.front(), QString::fromStdString(table.error().message())));
    QString text = QStringLiteral("%1 %2: %3 rows, fetched %4, from %5.\n")
                       .arg(venueText(table->venue), request.symbol)
                       .arg(table->table.brackets.size())
                       .arg(table->fetchedAt, table->source);
    if (!parser.isSet(dryRun)) {
        const auto saved = model::saveUserTable(*table, directory);
        if (!saved)
            return refuse(QString::fromStdString(saved.error().message()));
        const model::TierLibrary shipped = model::TierLibrary::loadShipped();
        const model::TierTable* fallback = shipped.find(table->venue, request.symbol);
        text += QStringLiteral("Saved to %1; used from now on").arg(*saved)
                + (fallback ? QStringLiteral(" in place of the shipped table of %1.\n").arg(fallback->asOf)
                            : QStringLiteral(".\n"));
    }
    printText(text);
    return kExitOk;
}

}  // namespace levlab::cli
