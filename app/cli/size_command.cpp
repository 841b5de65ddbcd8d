#include "app/cli/cli_io.h"
#include "app/cli/commands.h"

#include "core/engine/sizing/sizing.h"
#include "core/model/scenario/scenario.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace levlab::cli {

int runSize(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Sizes a position from the capital it may lose at its stop.\n"
        "quantity = capital × risk ÷ |entry − stop|; a stop below the entry is a long, above it a short.\n"
        "Fractions may be written 0.01 or 1%."));
    parser.addOption(helpOption());
    const QCommandLineOption capital(QStringLiteral("capital"), QStringLiteral("Account capital."), QStringLiteral("C"));
    const QCommandLineOption risk(QStringLiteral("risk"), QStringLiteral("Share of capital risked at the stop (0.01 or 1%)."),
                                  QStringLiteral("R"));
    const QCommandLineOption entry(QStringLiteral("entry"), QStringLiteral("Entry price."), QStringLiteral("P"));
    const QCommandLineOption stop(QStringLiteral("stop"), QStringLiteral("Stop-loss price."), QStringLiteral("S"));
    const QCommandLineOption leverage(QStringLiteral("leverage"), QStringLiteral("Leverage for margin and liquidation."),
                                      QStringLiteral("L"));
    const QCommandLineOption takeProfit(QStringLiteral("take-profit"), QStringLiteral("Take-profit price, for reward:risk."),
                                        QStringLiteral("T"));
    const QCommandLineOption mmr(QStringLiteral("mmr"), QStringLiteral("Maintenance margin rate (default 0.5%)."),
                                 QStringLiteral("R"), QStringLiteral("0.005"));
    const QCommandLineOption buffer(QStringLiteral("buffer"),
                                    QStringLiteral("Room wanted between stop and liquidation, a share of entry (default 0.5%)."),
                                    QStringLiteral("B"), QStringLiteral("0.005"));
    const QCommandLineOption side(QStringLiteral("side"),
                                  QStringLiteral("long or short; checks the stop is on the losing side (default: from the stop)."),
                                  QStringLiteral("SIDE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON instead of a table."));
    parser.addOptions({capital, risk, entry, stop, leverage, takeProfit, mmr, buffer, side, json});
    if (!parser.parse(args))
        return refuse(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return printCommandHelp(parser, QStringLiteral("size"));
    for (const auto* required : {&capital, &risk, &entry, &stop}) {
        if (!parser.isSet(*required))
            return refuse(QStringLiteral("--%1 is required (see levlab-cli size --help)").arg(required->names().front()));
    }
    engine::SizingInput in;
    auto number = [&](const QCommandLineOption& o, bool fraction) {
        return fraction ? parseFraction(parser.value(o)) : parseNumber(parser.value(o));
    };
    struct Field {
        const QCommandLineOption* option;
        bool fraction;
    };
    for (Field f : {Field{&capital, false}, Field{&risk, true}, Field{&entry, false}, Field{&stop, false},
                    Field{&mmr, true}, Field{&buffer, true}}) {
        if (!number(*f.option, f.fraction))
            return refuse(QStringLiteral("--%1: '%2' is not a number").arg(f.option->names().front(), parser.value(*f.option)));
    }
    in.capital = engine::Money(*number(capital, false));
    in.risk = engine::Rate(*number(risk, true));
    in.entry = engine::Price(*number(entry, false));
    in.stop = engine::Price(*number(stop, false));
    in.mmRate = engine::Rate(*number(mmr, true));
    in.stopBuffer = engine::Rate(*number(buffer, true));
    if (parser.isSet(leverage)) {
        auto l = number(leverage, false);
        if (!l)
            return refuse(QStringLiteral("--leverage: '%1' is not a number").arg(parser.value(leverage)));
        in.leverage = engine::Leverage(*l);
    }
    if (parser.isSet(side)) {
        const QString v = parser.value(side);
        if (v == QLatin1String("long"))
            in.side = engine::Side::Long;
        else if (v == QLatin1String("short"))
            in.side = engine::Side::Short;
        else
            return refuse(QStringLiteral("--side: '%1' is not long or short").arg(v));
    }
    if (parser.isSet(takeProfit)) {
        auto t = number(takeProfit, false);
        if (!t)
            return refuse(QStringLiteral("--take-profit: '%1' is not a number").arg(parser.value(takeProfit)));
        in.takeProfit = engine::Price(*t);
    }

    auto r = engine::sizePosition(in);
    if (!r)
        return refuse(QStringLiteral("--%1: %2")
                          .arg(QString::fromStdString(r.error().field).replace(QLatin1Char('_'), QLatin1Char('-')),
                               QString::fromStdString(r.error().reason)));
    const auto& s = r.value();
    if (parser.isSet(json)) {
        QJsonObject o;
        o[QStringLiteral("side")] = s.side == engine::Side::Long ? QStringLiteral("long") : QStringLiteral("short");
        o[QStringLiteral("risk_amount")] = s.riskAmount.value();
        o[QStringLiteral("quantity")] = s.quantity.value();
        o[QStringLiteral("notional")] = s.notional.value();
        o[QStringLiteral("initial_margin")] = model::jsonNumber(s.initialMargin ? std::optional(s.initialMargin->value()) : std::nullopt);
        o[QStringLiteral("stop_distance")] = s.stopDistance.value();
        o[QStringLiteral("reward_risk")] = model::jsonNumber(s.rewardRisk);
        o[QStringLiteral("liquidation_price")] =
            model::jsonNumber(s.liquidationPrice ? std::optional(s.liquidationPrice->value()) : std::nullopt);
        o[QStringLiteral("max_leverage_for_stop")] =
            model::jsonNumber(s.maxLeverageForStop ? std::optional(s.maxLeverageForStop->value()) : std::nullopt);
        QJsonArray warnings;
        for (const auto& w : s.warnings)
            warnings.append(QString::fromStdString(w));
        o[QStringLiteral("warnings")] = warnings;
        // Every null says why.
        QJsonArray notes;
        if (!in.leverage)
            notes.append(QStringLiteral("initial_margin, liquidation_price: give --leverage"));
        else if (!s.liquidationPrice)
            notes.append(QStringLiteral("liquidation_price: no price liquidates this position at this leverage"));
        if (!s.rewardRisk)
            notes.append(QStringLiteral("reward_risk: give --take-profit"));
        o[QStringLiteral("notes")] = notes;
        printJson(o);
        return kExitOk;
    }
    std::vector<QStringList> rows{
        {QStringLiteral("side"), s.side == engine::Side::Long ? QStringLiteral("long") : QStringLiteral("short")},
        {QStringLiteral("risk amount"), money(s.riskAmount.value())},
        {QStringLiteral("quantity"), money(s.quantity.value(), 6)},
        {QStringLiteral("notional"), money(s.notional.value())},
        {QStringLiteral("initial margin"), s.initialMargin ? money(s.initialMargin->value()) : QStringLiteral("- (give --leverage)")},
        {QStringLiteral("stop distance"), percent(s.stopDistance.value(), 3)},
        {QStringLiteral("reward:risk"), s.rewardRisk ? QStringLiteral("%1 : 1").arg(money(*s.rewardRisk)) : QStringLiteral("-")},
        {QStringLiteral("liquidation price"),
         s.liquidationPrice ? money(s.liquidationPrice->value()) : (in.leverage ? QStringLiteral("none") : QStringLiteral("- (give --leverage)"))},
        {QStringLiteral("max leverage for stop"), s.maxLeverageForStop ? money(s.maxLeverageForStop->value()) + QLatin1Char('x') : QStringLiteral("-")},
    };
    QString out = formatTable({QStringLiteral("sizing"), QStringLiteral("value")}, rows);
    for (const auto& w : s.warnings)
        out += QStringLiteral("warning: %1\n").arg(QString::fromStdString(w));
    printText(out);
    return kExitOk;
}

}  // namespace levlab::cli
