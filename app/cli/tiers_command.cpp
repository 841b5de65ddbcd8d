#include "app/cli/cli_io.h"
#include "app/cli/commands.h"

#include "core/model/tiers/tier_fetch.h"
#include "core/model/tiers/tier_import.h"
#include "core/model/tiers/tier_status.h"
#include "core/model/tiers/user_tiers.h"

#include <QCommandLineParser>
#include <QDate>
#include <QEventLoop>
#include <QFile>

namespace levlab::cli {

namespace {

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
        rows.push_back({ venueText(t.venue), t.symbols.value(0), QString::number(t.table.brackets.size()), t.asOf,
            t.user ? QStringLiteral("imported") : QStringLiteral("shipped"),
            QString::fromLatin1(!inUse    ? "fallback"
                    : age > model::kTierOldAfterDays ? "in use, over 90 days old"
                                          : "in use") });
    };
    for (const model::TierTable& t : lib.tables()) {
        const model::TierTable* used = lib.find(t.venue, t.symbols.value(0));
        add(t, used == &t);
    }
    for (const model::TierTable& t : lib.userTables())
        add(t, true);
    printText(formatTable({ QStringLiteral("venue"), QStringLiteral("symbol"), QStringLiteral("rows"),
                              QStringLiteral("as of"), QStringLiteral("table"), QStringLiteral("status") },
        rows));
    return kExitOk;
}

/// Fetches `request`'s table from the venue's public endpoint, waiting for the answer.
engine::Result<model::TierTable> fetchTable(const model::TierImportRequest& request, int timeoutMs)
{
    model::TierFetcher fetcher;
    fetcher.setTimeoutMs(timeoutMs);
    std::optional<engine::Result<model::TierTable>> out;
    QEventLoop loop;
    fetcher.fetch(request, [&](engine::Result<model::TierTable> t) {
        out = std::move(t);
        loop.quit();
    });
    loop.exec();
    return std::move(out).value();
}

} // namespace

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
        "With --fetch instead of FILE, fetches today's table from the venue's public endpoint (all but\n"
        "Binance); a refusal (HTTP 429, 5xx), no answer within --timeout or an answer that is not a valid\n"
        "table is said in words and nothing is stored.\n"
        "Without FILE or --fetch, lists the tables and which one is in use, with its date."));
    parser.addOption(helpOption());
    parser.addPositionalArgument(
        QStringLiteral("FILE"), QStringLiteral("saved JSON response (optional)"), QStringLiteral("[FILE]"));
    const QCommandLineOption venue(QStringLiteral("venue"),
        QStringLiteral("binance, bybit, okx, gate, hyperliquid or bitmex."), QStringLiteral("V"));
    const QCommandLineOption symbol(QStringLiteral("symbol"),
        QStringLiteral("The symbol as the venue names it (BTCUSDT, BTC-USDT-SWAP, BTC_USDT, BTC, XBTUSD)."),
        QStringLiteral("S"));
    const QCommandLineOption fetched(QStringLiteral("fetched-at"),
        QStringLiteral("When the response was fetched, ISO-8601 UTC (default: now)."), QStringLiteral("TIME"));
    const QCommandLineOption contractSize(QStringLiteral("contract-size"),
        QStringLiteral("OKX: base units per contract (0.01 for BTC-USDT-SWAP)."), QStringLiteral("N"));
    const QCommandLineOption dir(QStringLiteral("dir"),
        QStringLiteral("Where the user's tables are kept (default: %1).").arg(model::userTierDirectory()),
        QStringLiteral("DIR"));
    const QCommandLineOption dryRun(QStringLiteral("check"), QStringLiteral("Check the response only; store nothing."));
    const QCommandLineOption fetch(QStringLiteral("fetch"),
        QStringLiteral("Fetch the table from the venue's public endpoint instead of reading FILE."));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
        QStringLiteral("With --fetch: seconds to wait for the answer (default: %1).")
            .arg(model::TierFetcher::kDefaultTimeoutMs / 1000),
        QStringLiteral("S"));
    for (const auto* o : { &venue, &symbol, &fetched, &contractSize, &dir, &dryRun, &fetch, &timeout })
        parser.addOption(*o);
    if (!parser.parse(args))
        return refuse(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return printCommandHelp(parser, QStringLiteral("tiers"));
    const QString directory = parser.isSet(dir) ? parser.value(dir) : model::userTierDirectory();
    const QStringList pos = parser.positionalArguments();
    const bool fetching = parser.isSet(fetch);
    if (pos.isEmpty() && !fetching)
        return listTables(model::TierLibrary::loadWithUserTables(directory));
    if (pos.size() != (fetching ? 0 : 1))
        return refuse(fetching ? QStringLiteral("--fetch reads no FILE: give --venue and --symbol")
                               : QStringLiteral("tiers takes one saved response (see levlab-cli tiers --help)"));

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
    engine::Result<model::TierTable> table = engine::Error {};
    if (fetching) {
        int timeoutMs = model::TierFetcher::kDefaultTimeoutMs;
        if (parser.isSet(timeout)) {
            const auto n = parseNumber(parser.value(timeout));
            if (!n || !(*n > 0.0 && *n <= 600.0))
                return refuse(QStringLiteral("--timeout: give seconds, more than 0 and at most 600"));
            timeoutMs = static_cast<int>(*n * 1000.0);
        }
        if (request.venue == engine::Venue::Okx && !request.contractSize)
            request.contractSize = model::okxContractSize(request.symbol);
        table = fetchTable(request, timeoutMs);
        if (!table)
            return refuse(QString::fromStdString(table.error().message()));
    } else {
        QFile file(pos.front());
        if (!file.open(QIODevice::ReadOnly))
            return refuse(QStringLiteral("%1: cannot be read").arg(pos.front()));
        auto imported = model::importTierResponse(request, file.readAll());
        if (!imported)
            return refuse(QStringLiteral("%1: %2").arg(pos.front(), QString::fromStdString(imported.error().message())));
        model::TierTable t = std::move(imported).value();
        model::markImported(t, pos.front());
        table = std::move(t);
    }
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

} // namespace levlab::cli
