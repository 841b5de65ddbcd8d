#include "app/cli/cli_io.h"
#include "app/cli/commands.h"
#include "app/cli/plan_input.h"

#include "core/engine/venue/venue_compare.h"
#include "core/model/file/document_plan.h"
#include "core/model/scenario/scenario.h"
#include "core/model/scenario/venue_plans.h"
#include "core/model/tiers/tier_library.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace levlab::cli {

namespace {

/// The figures `evaluate` writes for the position, taken from its own JSON writer so
/// that each venue's numbers are exactly evaluate's.
QJsonObject evaluateFigures(const engine::PositionResult& p)
{
    engine::AccountResult one;
    one.positions = {p};
    return model::accountResultToJson(one).value(QStringLiteral("positions")).toArray().at(0).toObject();
}

QJsonArray strings(const std::vector<std::string>& list)
{
    QJsonArray out;
    for (const auto& s : list)
        out.append(QString::fromStdString(s));
    return out;
}

QJsonObject venueJson(const model::VenuePlan& plan, const engine::VenueFigures& f)
{
    QJsonObject o{{QStringLiteral("venue"), QString::fromLatin1(engine::venueName(plan.venue).data())},
                  {QStringLiteral("symbol"), plan.symbol}};
    const QJsonValue null(QJsonValue::Null);
    if (!f.position) {
        for (const char* key : {"initial_margin", "maintenance_margin", "liquidation_price", "bankruptcy_price", "liquidation_distance",
                                "bracket", "max_leverage", "fees", "funding_payment"})
            o.insert(QLatin1String(key), null);
        o.insert(QStringLiteral("reasons"), QJsonArray{});
        o.insert(QStringLiteral("refused"), QString::fromStdString(f.refusal ? f.refusal->message() : std::string()));
        return o;
    }
    const QJsonObject e = evaluateFigures(*f.position);
    for (const char* key : {"initial_margin", "maintenance_margin", "liquidation_price", "bankruptcy_price", "liquidation_distance",
                            "bracket", "max_leverage", "funding_payment", "notes"})
        o.insert(QLatin1String(key), e.value(QLatin1String(key)));
    o.insert(QStringLiteral("fees"),
             QJsonObject{{QStringLiteral("open"), model::jsonNumber(f.openFee)}, {QStringLiteral("close"), model::jsonNumber(f.closeFee)}});
    o.insert(QStringLiteral("reasons"), strings(f.reasons));
    o.insert(QStringLiteral("refused"), null);
    return o;
}

QString cell(const QJsonValue& v, int decimals = 2) { return v.isDouble() ? money(v.toDouble(), decimals) : QStringLiteral("-"); }

QString table(const std::vector<model::VenuePlan>& plans, const std::vector<engine::VenueFigures>& figures)
{
    std::vector<QStringList> rows;
    QString reasons;
    for (std::size_t i = 0; i < plans.size(); ++i) {
        const QJsonObject o = venueJson(plans[i], figures[i]);
        const QString name = QString::fromLatin1(engine::venueDisplayName(plans[i].venue).data());
        if (!figures[i].position) {
            rows.push_back({name, QStringLiteral("refused")});
            reasons += QStringLiteral("%1: %2\n").arg(name, o.value(QStringLiteral("refused")).toString());
            continue;
        }
        // Amounts are in the settlement currency: a coin (inverse) needs more decimals than USDT.
        const bool coin = plans[i].account && !plans[i].account->positions.empty()
                          && plans[i].account->positions.front().contract.kind == engine::ContractKind::Inverse;
        const int d = coin ? 8 : 2;
        const QJsonValue distance = o.value(QStringLiteral("liquidation_distance"));
        const QJsonValue maxLev = o.value(QStringLiteral("max_leverage"));
        rows.push_back({name, cell(o.value(QStringLiteral("initial_margin")), d), cell(o.value(QStringLiteral("maintenance_margin")), d),
                        cell(o.value(QStringLiteral("liquidation_price"))), cell(o.value(QStringLiteral("bankruptcy_price"))),
                        distance.isDouble() ? percent(distance.toDouble()) : QStringLiteral("-"),
                        o.value(QStringLiteral("bracket")).isDouble() ? QString::number(o.value(QStringLiteral("bracket")).toInt()) : QStringLiteral("-"),
                        maxLev.isDouble() ? leverageText(maxLev.toDouble()) : QStringLiteral("-"),
                        money(figures[i].openFee + figures[i].closeFee, d), cell(o.value(QStringLiteral("funding_payment")), coin ? 8 : 4)});
        QStringList lines;
        for (const auto& r : figures[i].reasons)
            lines << QStringLiteral("  - ") + QString::fromStdString(r);
        reasons += QStringLiteral("%1 (%2):\n%3\n").arg(name, plans[i].symbol, lines.join(QLatin1Char('\n')));
    }
    return formatTable({QStringLiteral("venue"), QStringLiteral("initial"), QStringLiteral("maint."), QStringLiteral("liquidation"),
                        QStringLiteral("bankruptcy"), QStringLiteral("distance"), QStringLiteral("row"), QStringLiteral("max lev."),
                        QStringLiteral("fees"), QStringLiteral("funding/int.")},
                       rows)
           + QStringLiteral("\nWhy they differ:\n") + reasons;
}

}  // namespace

int runCompare(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The same trade on every venue: the plan's one position evaluated under each venue's rules\n"
        "and its own risk-limit table for the same asset, side by side, with a reason for each way a\n"
        "venue's rule differs. Each venue's figures are those of levlab-cli evaluate with that venue."));
    parser.addOption(helpOption());
    parser.addPositionalArgument(QStringLiteral("PLAN"), QStringLiteral("plan file (evaluate format, one position) or .levlab file, or - for standard input"),
                                 QStringLiteral("PLAN"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON instead of a table."));
    parser.addOption(json);
    if (!parser.parse(args))
        return refuse(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return printCommandHelp(parser, QStringLiteral("compare"));
    int exit = kExitOk;
    const auto input = readPlanInput(parser.positionalArguments(), QStringLiteral("compare"), exit);
    if (!input)
        return exit;
    const model::TierLibrary tiers = model::TierLibrary::loadShipped();
    auto plans = model::planOnEveryVenue(input->bytes, tiers, input->origin);
    if (!plans)
        return refuse(model::planRefusal(input->origin, plans.error()));
    std::vector<engine::AccountInput> accounts;
    for (const auto& p : plans.value())
        accounts.push_back(p.account.value_or(engine::AccountInput{p.venue, std::nullopt, {}, true}));
    std::vector<engine::VenueFigures> figures = engine::compareVenues(accounts);
    for (std::size_t i = 0; i < figures.size(); ++i) {
        if (plans.value()[i].refusal)
            figures[i].refusal = plans.value()[i].refusal;
    }
    if (parser.isSet(json)) {
        QJsonArray venues;
        for (std::size_t i = 0; i < figures.size(); ++i)
            venues.append(venueJson(plans.value()[i], figures[i]));
        printJson({{QStringLiteral("venues"), venues}});
    } else {
        printText(table(plans.value(), figures));
    }
    return kExitOk;
}

}  // namespace levlab::cli
