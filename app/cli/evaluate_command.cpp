#include "app/cli/cli_io.h"
#include "app/cli/commands.h"

#include "core/engine/account/account.h"
#include "core/model/file/document.h"
#include "core/model/file/document_binding.h"
#include "core/model/file/document_plan.h"
#include "core/model/scenario/scenario.h"
#include "core/model/tiers/tier_library.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>

#include <cstdio>

namespace levlab::cli {

namespace {

QString table(const engine::AccountResult& r)
{
    std::vector<QStringList> rows;
    for (const auto& p : r.positions) {
        const QString unknown = QStringLiteral("?");
        rows.push_back({QString::fromStdString(p.id), money(p.notional), p.initialMarginKnown ? money(p.initialMargin) : unknown,
                        p.maintenanceKnown ? money(p.maintenanceMargin) : unknown, p.maintenanceKnown ? percent(p.mmRate, 3) : unknown,
                        money(p.unrealizedPnl), optionalPrice(p.bankruptcyPrice),
                        p.liquidationKnown ? optionalPrice(p.liquidationPrice) : unknown,
                        p.liquidationDistance ? percent(*p.liquidationDistance) : QStringLiteral("-"),
                        money(p.fundingPayment, 4)});
    }
    QString out = formatTable({QStringLiteral("position"), QStringLiteral("notional"), QStringLiteral("initial"),
                               QStringLiteral("maint."), QStringLiteral("mmr"), QStringLiteral("uPnL"),
                               QStringLiteral("bankruptcy"), QStringLiteral("liquidation"), QStringLiteral("distance"),
                               QStringLiteral("funding/int.")},
                              rows);
    QStringList notes;
    for (const auto& p : r.positions) {
        for (const auto& n : p.notes)
            notes << QStringLiteral("? %1: %2").arg(QString::fromStdString(p.id), QString::fromStdString(n));
    }
    if (!notes.isEmpty())
        out += notes.join(QLatin1Char('\n')) + QLatin1Char('\n');
    out += QStringLiteral("\nwallet %1   equity %2   maintenance %3   margin ratio %4\n")
               .arg(money(r.walletBalance), money(r.equity), r.maintenanceKnown ? money(r.maintenanceMargin) : QStringLiteral("?"),
                    r.marginRatio ? percent(*r.marginRatio) : QStringLiteral("-"));
    out += QStringLiteral("cross account liquidated by a uniform move of %1\n")
               .arg(r.shockToLiquidation   ? percent(*r.shockToLiquidation)
                    : r.crossMaintenanceKnown ? QStringLiteral("none (no cross exposure that can be liquidated)")
                                              : QStringLiteral("? (a cross position has no maintenance rate)"));
    return out;
}

/// A plan or portfolio file: the figures the window shows for it, under "plan" and "portfolio".
int evaluateDocument(const QString& origin, const QByteArray& bytes, bool asTable)
{
    auto doc = model::readDocument(bytes);
    if (!doc)
        return refuse(QStringLiteral("%1:%2").arg(origin, QString::fromStdString(doc.error().message())));
    const model::TierLibrary tiers = model::TierLibrary::loadShipped();
    auto figures = model::evaluateDocument(doc.value(), tiers);
    if (!figures)
        return refuse(QStringLiteral("%1:%2").arg(origin, QString::fromStdString(figures.error().message())));
    for (const QString& notice : doc.value().notices)
        std::fprintf(stderr, "levlab-cli: %s: %s\n", qPrintable(origin), qPrintable(notice));
    const auto& f = figures.value();
    if (asTable) {
        QString out;
        if (f.plan)
            out += QStringLiteral("Plan\n") + table(*f.plan);
        if (f.portfolio)
            out += QString(f.plan ? QStringLiteral("\n") : QString()) + QStringLiteral("Portfolio\n") + table(*f.portfolio);
        printText(out);
        return kExitOk;
    }
    QJsonObject out;
    if (f.plan)
        out.insert(QStringLiteral("plan"), model::accountResultToJson(*f.plan));
    if (f.portfolio)
        out.insert(QStringLiteral("portfolio"), model::accountResultToJson(*f.portfolio));
    printJson(out);
    return kExitOk;
}

}  // namespace

int runEvaluate(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Evaluates a scenario: one wallet and its positions on a venue.\n"
        "Reads JSON from FILE, or from standard input when FILE is - or absent, and writes the\n"
        "margin, liquidation and account results as JSON. A .levlab plan or portfolio saved by\n"
        "the window gives the figures the window shows for it."));
    parser.addOption(helpOption());
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("scenario or .levlab file, or - for standard input"),
                                 QStringLiteral("[FILE|-]"));
    const QCommandLineOption tableOption(QStringLiteral("table"), QStringLiteral("Print a readable table instead of JSON."));
    parser.addOption(tableOption);
    if (!parser.parse(args))
        return refuse(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return printCommandHelp(parser, QStringLiteral("evaluate"));
    const QStringList pos = parser.positionalArguments();
    if (pos.size() > 1)
        return refuse(QStringLiteral("evaluate takes one scenario file"));

    QByteArray bytes;
    QString origin = QStringLiteral("standard input");
    if (pos.isEmpty() || pos.front() == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return refuse(QStringLiteral("cannot read standard input"));
        bytes = in.readAll();
    } else {
        QFile in(pos.front());
        origin = pos.front();
        if (!in.open(QIODevice::ReadOnly))
            return refuse(QStringLiteral("%1: %2").arg(pos.front(), in.errorString()));
        bytes = in.readAll();
    }

    if (model::isDocument(origin, bytes))
        return evaluateDocument(origin, bytes, parser.isSet(tableOption));
    const model::TierLibrary tiers = model::TierLibrary::loadShipped();
    auto scenario = model::parseScenario(bytes, tiers);
    if (!scenario)
        return refuse(QStringLiteral("%1: %2").arg(origin, QString::fromStdString(scenario.error().message())));
    auto result = engine::evaluateAccount(scenario.value());
    if (!result)
        return refuse(QStringLiteral("%1: %2").arg(origin, QString::fromStdString(result.error().message())));
    if (parser.isSet(tableOption))
        printText(table(result.value()));
    else
        printBytes(model::accountResultToJsonText(result.value()));
    return kExitOk;
}

}  // namespace levlab::cli
