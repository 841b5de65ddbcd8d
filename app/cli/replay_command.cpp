#include "app/cli/cli_io.h"
#include "app/cli/commands.h"

#include "core/engine/history/time_text.h"
#include "core/model/history/funding_import.h"
#include "core/model/history/price_import.h"
#include "core/model/plan/messages.h"
#include "core/model/plan/risk_model.h"
#include "core/model/replay/replay_journal.h"
#include "core/model/replay/replay_plan.h"
#include "core/model/replay/replay_source.h"
#include "core/model/tiers/tier_library.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace levlab::cli {

namespace {

int refuseFile(const QString& path, const engine::ImportReport& report)
{
    const QStringList lines = model::refusalLines(QFileInfo(path).fileName(), report);
    for (qsizetype i = 0; i + 1 < lines.size(); ++i)
        refuse(lines[i]);
    return refuse(lines.back());
}

}  // namespace

int runReplay(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Replays a price history against a plan, bar by bar, and prints what happened: the opening,\n"
        "each funding settlement (with --funding: the real rate, paid out of the isolated margin,\n"
        "which moves the liquidation price) and the one exit (stop, target or liquidation) with its\n"
        "time, price and result. Trade files carry last prices only: the bar's traded price stands in\n"
        "for the mark, walked through each bar open -> low -> high -> close when it closes at or above\n"
        "its open, open -> high -> low -> close when below. Times are the end of the bar an event\n"
        "happened in. The same events as the window's Replay.\n"
        "PLAN is a scenario in the evaluate format with one position, optionally with stop_loss and\n"
        "take_profit; without entry_price it opens at the replay's price at --from."));
    parser.addOption(helpOption());
    parser.addPositionalArgument(QStringLiteral("PLAN"), QStringLiteral("plan: a scenario file with one position"));
    const QCommandLineOption prices(QStringLiteral("prices"), QStringLiteral("Price history (CSV or JSON)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption funding(QStringLiteral("funding"), QStringLiteral("Funding history (CSV or JSON)."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption from(QStringLiteral("from"),
                                  QStringLiteral("Start at the bar opening at TIME (ISO-8601 UTC or epoch; default: the first bar)."),
                                  QStringLiteral("TIME"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write JSON instead of text."));
    parser.addOptions({prices, funding, from, json});
    if (!parser.parse(args))
        return refuse(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        return printCommandHelp(parser, QStringLiteral("replay"));
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1)
        return refuse(QStringLiteral("replay takes one plan file (see levlab-cli replay --help)"));
    if (!parser.isSet(prices))
        return refuse(QStringLiteral("--prices is required (see levlab-cli replay --help)"));
    std::optional<qint64> fromMs;
    if (parser.isSet(from)) {
        const auto t = engine::parseTimeMs(parser.value(from).toStdString());
        if (!t)
            return refuse(QStringLiteral("--from: '%1' is not a time (2020-03-12T00:00Z or epoch seconds)").arg(parser.value(from)));
        fromMs = *t;
    }

    const model::TierLibrary tiers = model::TierLibrary::loadShipped();
    QFile planFile(pos.front());
    if (!planFile.open(QIODevice::ReadOnly))
        return refuse(QStringLiteral("%1: %2").arg(pos.front(), planFile.errorString()));
    auto read = model::readReplayPlan(planFile.readAll(), tiers);
    if (!read)
        return refuse(QStringLiteral("%1: %2").arg(pos.front(), QString::fromStdString(read.error().message())));
    model::ReplayPlan plan = std::move(read).value();

    const QString pricePath = parser.value(prices);
    engine::PriceHistory history = model::importPriceFile(pricePath);
    if (!history.report.refused.empty())
        return refuseFile(pricePath, history.report);
    std::vector<engine::FundingSettlement> settlements;
    if (parser.isSet(funding)) {
        const QString path = parser.value(funding);
        engine::FundingHistory f = model::importFundingFile(path);
        if (!f.report.refused.empty()) {
            engine::ImportReport r;
            r.refused = f.report.refused;
            return refuseFile(path, r);
        }
        settlements = std::move(f.settlements);
    }

    model::RiskModel risk(tiers);
    model::ReplaySource source(QFileInfo(pricePath).fileName(), plan.inputs.symbol, std::move(history.bars));
    source.setFunding(std::move(settlements));
    QObject::connect(&source, &model::MarketSource::advanced, &risk,
                     [&] { risk.setMarket(source.state(risk.inputs().symbol)); });
    model::ReplayJournal journal(risk, source);
    source.start(fromMs ? *fromMs / 1000 : (source.bars().empty() ? 0 : source.bars().front().time));
    risk.setMarket(source.state(plan.inputs.symbol));
    model::fitWallet(plan, source.state().mark, tiers);
    if (auto r = risk.setInputs(plan.inputs))
        return refuse(QStringLiteral("%1: %2").arg(pos.front(), r->message()));
    if (plan.inputs.entryAtMarket) {
        if (auto r = risk.openAtMarket())
            return refuse(QStringLiteral("%1: %2").arg(pos.front(), r->message()));
    }
    model::playToExit(source, risk);

    const model::ReplayFormat format = journal.format();
    const bool open = risk.tradeState() == model::TradeState::Open;
    if (parser.isSet(json)) {
        QJsonArray events;
        for (const auto& e : journal.events())
            events.append(model::toJson(e));
        QJsonObject root;
        root[QStringLiteral("events")] = events;
        root[QStringLiteral("still_open")] = open;
        root[QStringLiteral("currency")] = format.currency;
        root[QStringLiteral("end")] = model::isoTime(source.nowMs() / 1000);
        if (open)
            root[QStringLiteral("open_result")] = risk.openResult();
        printJson(root);
        return kExitOk;
    }
    QStringList lines;
    for (const auto& e : journal.events())
        lines << model::describe(e, format);
    if (journal.events().empty())
        lines << QStringLiteral("The entry was never reached.");
    else if (open)
        lines << QStringLiteral("Still open at the end of the data (%1), result at the last price %2 %3.")
                     .arg(QString::fromStdString(engine::isoMinute(source.nowMs() / 1000)),
                          model::formatNumber(risk.openResult(), format.moneyDecimals), format.currency);
    printText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    return kExitOk;
}

}  // namespace levlab::cli
