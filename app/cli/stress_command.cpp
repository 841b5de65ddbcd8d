#include "app/cli/cli_io.h"
#include "app/cli/commands.h"

#include "core/engine/stress/stress.h"
#include "core/model/scenario/scenario.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QLocale>

#include <string>

namespace levlab::cli {

int runStress(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Stress table: one margin put to work at several leverages in an isolated long.\n"
        "For each leverage: notional, initial and maintenance margin, the loss absorbable before\n"
        "liquidation and the price drop that liquidates. With --shocks, also a price-shock × leverage\n"
        "grid of the return on margin."));
    parser.addOption(helpOption());
    const QCommandLineOption margin(QStringLiteral("margin"), QStringLiteral("Margin committed."), QStringLiteral("M"));
    const QCommandLineOption entry(QStringLiteral("entry"), QStringLiteral("Entry price."), QStringLiteral("P"));
    const QCommandLineOption mmr(QStringLiteral("mmr"), QStringLiteral("Maintenance margin rate (0.005 or 0.5%)."),
                                 QStringLiteral("R"));
    const QCommandLineOption leverage(QStringLiteral("leverage"), QStringLiteral("Leverages, comma separated (default 5,10,20,50,100)."),
                                      QStringLiteral("L,L,…"), QStringLiteral("5,10,20,50,100"));
    const QCommandLineOption shocks(QStringLiteral("shocks"),
                                    QStringLiteral("Price moves for the grid, comma separated (-0.05 or -5%)."),
                                    QStringLiteral("S,S,…"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON instead of a table."));
    parser.addOptions({margin, entry, mmr, leverage, shocks, json});
    if (!parser.parse(args))
        return refuse(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return printCommandHelp(parser, QStringLiteral("stress"));
    for (const auto* required : {&margin, &entry, &mmr}) {
        if (!parser.isSet(*required))
            return refuse(QStringLiteral("--%1 is required (see levlab-cli stress --help)").arg(required->names().front()));
    }
    const auto m = parseNumber(parser.value(margin));
    const auto e = parseNumber(parser.value(entry));
    const auto r = parseFraction(parser.value(mmr));
    const auto levs = parseList(parser.value(leverage), false);
    if (!m)
        return refuse(QStringLiteral("--margin: '%1' is not a number").arg(parser.value(margin)));
    if (!e)
        return refuse(QStringLiteral("--entry: '%1' is not a number").arg(parser.value(entry)));
    if (!r)
        return refuse(QStringLiteral("--mmr: '%1' is not a number").arg(parser.value(mmr)));
    if (!levs)
        return refuse(QStringLiteral("--leverage: '%1' is not a comma-separated list of numbers").arg(parser.value(leverage)));
    std::vector<engine::Leverage> leverages;
    for (double l : *levs)
        leverages.emplace_back(l);

    // The engine names list items "leverage[2]"; the user typed one option and a value.
    const auto optionError = [&](const engine::Error& err, const QString& option, const std::vector<double>& values) {
        const auto open = err.field.find('[');
        if (open == std::string::npos)
            return refuse(QStringLiteral("--%1").arg(QString::fromStdString(err.message())));
        const auto index = static_cast<std::size_t>(std::stoul(err.field.substr(open + 1)));
        return refuse(QStringLiteral("--%1: %2 %3").arg(option, QLocale::c().toString(values.at(index), 'g', 10),
                                                        QString::fromStdString(err.reason)));
    };
    auto rows = engine::stressTable(engine::Money(*m), engine::Price(*e), engine::Rate(*r), leverages);
    if (!rows)
        return rows.error().field.starts_with("leverage[") ? optionError(rows.error(), QStringLiteral("leverage"), *levs)
                                                           : refuse(QStringLiteral("--%1").arg(QString::fromStdString(rows.error().message())));
    std::optional<std::vector<std::vector<engine::ShockCell>>> grid;
    if (parser.isSet(shocks)) {
        const auto moves = parseList(parser.value(shocks), true);
        if (!moves)
            return refuse(QStringLiteral("--shocks: '%1' is not a comma-separated list of numbers").arg(parser.value(shocks)));
        auto g = engine::shockGrid(engine::Rate(*r), *moves, leverages);
        if (!g)
            return g.error().field.starts_with("shock[") ? optionError(g.error(), QStringLiteral("shocks"), *moves)
                                                         : refuse(QStringLiteral("--%1").arg(QString::fromStdString(g.error().message())));
        grid = std::move(g).value();
    }

    if (parser.isSet(json)) {
        QJsonArray out;
        for (const auto& row : rows.value()) {
            QJsonObject o;
            o[QStringLiteral("leverage")] = row.leverage.value();
            o[QStringLiteral("notional")] = model::jsonNumber(row.notional.value());
            o[QStringLiteral("initial_margin")] = model::jsonNumber(row.initialMargin.value());
            o[QStringLiteral("maintenance_margin")] = model::jsonNumber(row.maintenanceMargin.value());
            o[QStringLiteral("absorbable_loss")] = model::jsonNumber(row.absorbableLoss.value());
            o[QStringLiteral("drop_to_liquidation")] = model::jsonNumber(row.dropToLiquidation.value());
            o[QStringLiteral("liquidation_price")] = model::jsonNumber(row.liquidationPrice.value());
            out.append(o);
        }
        QJsonObject root;
        root[QStringLiteral("rows")] = out;
        if (grid) {
            QJsonArray g;
            for (const auto& gridRow : *grid) {
                QJsonObject o;
                o[QStringLiteral("shock")] = gridRow.front().shock;
                QJsonArray cells;
                for (const auto& c : gridRow) {
                    QJsonObject cell;
                    cell[QStringLiteral("leverage")] = c.leverage;
                    cell[QStringLiteral("return_on_margin")] = c.returnOnMargin;
                    cell[QStringLiteral("liquidated")] = c.liquidated;
                    cells.append(cell);
                }
                o[QStringLiteral("cells")] = cells;
                g.append(o);
            }
            root[QStringLiteral("shock_grid")] = g;
        }
        printJson(root);
        return kExitOk;
    }

    std::vector<QStringList> table;
    for (const auto& row : rows.value()) {
        table.push_back({leverageText(row.leverage.value()), money(row.notional.value()),
                         money(row.initialMargin.value()), money(row.maintenanceMargin.value()),
                         money(row.absorbableLoss.value()), percent(row.dropToLiquidation.value()),
                         money(row.liquidationPrice.value())});
    }
    QString out = formatTable({QStringLiteral("leverage"), QStringLiteral("notional"), QStringLiteral("initial margin"),
                               QStringLiteral("maintenance"), QStringLiteral("absorbable loss"),
                               QStringLiteral("drop to liq."), QStringLiteral("liq. price")},
                              table);
    if (grid) {
        QStringList header{QStringLiteral("move")};
        for (const auto& l : leverages)
            header << leverageText(l.value());
        std::vector<QStringList> g;
        for (const auto& gridRow : *grid) {
            QStringList cells{percent(gridRow.front().shock, 1)};
            for (const auto& c : gridRow)
                cells << (c.liquidated ? QStringLiteral("LIQUIDATED") : percent(c.returnOnMargin, 1));
            g.push_back(cells);
        }
        out += QStringLiteral("\nreturn on margin by price move and leverage\n") + formatTable(header, g);
    }
    printText(out);
    return kExitOk;
}

}  // namespace levlab::cli
