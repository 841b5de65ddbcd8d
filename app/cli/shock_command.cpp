#include "app/cli/cli_io.h"
#include "app/cli/commands.h"

#include "core/engine/account/layouts.h"
#include "core/model/scenario/scenario.h"
#include "core/model/tiers/tier_library.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>

namespace levlab::cli {

int runShock(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Price shocks across margin layouts. For each uniform move (every mark = entry × (1 + move)),\n"
        "the scenario as entered, all cross and all isolated: the equity left and the positions\n"
        "liquidated, in order. An isolated liquidation loses its margin; a cross one, the whole\n"
        "cross balance. Reads the evaluate format from FILE or standard input."));
    parser.addOption(helpOption());
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("scenario file, or - for standard input"),
                                 QStringLiteral("[FILE|-]"));
    const QCommandLineOption moves(QStringLiteral("moves"), QStringLiteral("Moves, comma separated (-0.45 or -45%)."),
                                   QStringLiteral("M,M,…"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON instead of a table."));
    parser.addOptions({moves, json});
    if (!parser.parse(args))
        return refuse(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return printCommandHelp(parser, QStringLiteral("shock"));
    if (!parser.isSet(moves))
        return refuse(QStringLiteral("--moves is required (see levlab-cli shock --help)"));
    // Moves are fractions; "%" marks a percentage. (Unlike --risk, a bare −1 or less is not read as percent.)
    std::vector<double> list;
    for (const QString& item : parser.value(moves).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QString t = item.trimmed();
        const bool pct = t.endsWith(QLatin1Char('%'));
        if (pct)
            t.chop(1);
        auto v = parseNumber(t);
        if (!v)
            return refuse(QStringLiteral("--moves: '%1' is not a number").arg(item));
        list.push_back(pct ? *v / 100.0 : *v);
    }
    if (list.empty())
        return refuse(QStringLiteral("--moves: give at least one move"));

    const QStringList pos = parser.positionalArguments();
    if (pos.size() > 1)
        return refuse(QStringLiteral("shock takes one scenario file"));
    QFile in;
    QString origin = QStringLiteral("standard input");
    if (pos.isEmpty() || pos.front() == QLatin1String("-")) {
        if (!in.open(stdin, QIODevice::ReadOnly))
            return refuse(QStringLiteral("cannot read standard input"));
    } else {
        in.setFileName(pos.front());
        origin = pos.front();
        if (!in.open(QIODevice::ReadOnly))
            return refuse(QStringLiteral("%1: %2").arg(origin, in.errorString()));
    }
    const model::TierLibrary tiers = model::TierLibrary::loadShipped();
    auto scenario = model::parseScenario(in.readAll(), tiers);
    if (!scenario)
        return refuse(QStringLiteral("%1: %2").arg(origin, QString::fromStdString(scenario.error().message())));

    // The same money in every layout: without wallet_balance an isolated-only
    // scenario's wallet is its isolated margins, which all cross then shares.
    engine::AccountInput account = std::move(scenario).value();
    if (!account.walletBalance) {
        auto asEntered = engine::evaluateAccount(account);
        if (!asEntered)
            return refuse(QStringLiteral("%1: %2").arg(origin, QString::fromStdString(asEntered.error().message())));
        account.walletBalance = asEntered->walletBalance;
    }

    QJsonArray out;
    std::vector<QStringList> rows;
    for (double move : list) {
        QJsonObject layouts;
        QStringList row{percent(move)};
        for (engine::Layout layout : engine::kAllLayouts) {
            auto r = engine::outcomeOfMove(engine::arrange(account, layout), move);
            if (!r)
                return refuse(QStringLiteral("%1: %2").arg(origin, QString::fromStdString(r.error().message())));
            QJsonArray ids;
            QStringList names;
            for (const auto& id : r->liquidated) {
                ids.append(QString::fromStdString(id));
                names << QString::fromStdString(id);
            }
            QJsonObject o;
            o[QStringLiteral("equity")] = r->equity;
            o[QStringLiteral("liquidated")] = ids;
            o[QStringLiteral("cross_liquidated")] = r->crossLiquidated;
            layouts[QString::fromLatin1(engine::layoutName(layout).data())] = o;
            row << money(r->equity) << (names.isEmpty() ? QStringLiteral("-") : names.join(QStringLiteral(" → ")));
        }
        QJsonObject m;
        m[QStringLiteral("move")] = move;
        m[QStringLiteral("layouts")] = layouts;
        out.append(m);
        rows.push_back(row);
    }
    if (parser.isSet(json)) {
        QJsonObject root;
        root[QStringLiteral("moves")] = out;
        printJson(root);
    } else {
        printText(formatTable({QStringLiteral("move"), QStringLiteral("as entered"), QStringLiteral("liquidated"),
                               QStringLiteral("all cross"), QStringLiteral("liquidated"), QStringLiteral("all isolated"),
                               QStringLiteral("liquidated")},
                              rows));
    }
    return kExitOk;
}

}  // namespace levlab::cli
