#include "core/model/file/document_plan.h"

#include "core/model/file/document.h"
#include "core/model/file/document_binding.h"
#include "core/model/file/document_names.h"
#include "core/model/json/json_reader.h"
#include "core/model/plan/risk_model.h"
#include "core/model/plan/risk_model_detail.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace levlab::model {

namespace {

using namespace document_names;

/// A refusal at `path` of the document's text ("LINE:COL: reason").
engine::Error at(const Document& doc, const QString& path, const QString& reason)
{
    const QString where = doc.source ? doc.source->where(path) + QStringLiteral(": ") : QString();
    return engine::Error{"", (where + reason).toStdString()};
}

/// The plan's whole exits in the scenario's words (README, "Exit ladders and margin
/// rules"): stop_loss with its moves to a level, exit_ladder, break_even_after,
/// trailing_stop and margin_rules.
void insertExits(QJsonObject& root, const engine::ExitPlan& x)
{
    QJsonObject stop;
    if (x.stopLoss)
        stop.insert(QStringLiteral("price"), *x.stopLoss);
    QJsonArray moves;
    for (const engine::StopMove& m : x.stopMoves) {
        if (m.breakEven) {
            if (!root.contains(QStringLiteral("break_even_after")))
                root.insert(QStringLiteral("break_even_after"), QJsonObject{{QStringLiteral("target"), m.afterTarget}});
        } else {
            moves.append(QJsonObject{{QStringLiteral("after_target"), m.afterTarget}, {QStringLiteral("price"), m.price}});
        }
    }
    if (!moves.isEmpty())
        stop.insert(QStringLiteral("moves"), moves);
    if (!stop.isEmpty())
        root.insert(QStringLiteral("stop_loss"), stop);
    if (!x.targets.empty()) {
        QJsonArray rungs;
        for (const engine::TakeProfit& t : x.targets)
            rungs.append(QJsonObject{{QStringLiteral("price"), t.price}, {QStringLiteral("share"), t.share}});
        root.insert(QStringLiteral("exit_ladder"), QJsonObject{{QStringLiteral("targets"), rungs}});
    }
    if (x.trailing) {
        QJsonObject t{{x.trailing->inPrice ? QStringLiteral("distance_price") : QStringLiteral("distance"), x.trailing->distance}};
        if (x.trailing->activationPrice)
            t.insert(QStringLiteral("activation_price"), *x.trailing->activationPrice);
        root.insert(QStringLiteral("trailing_stop"), t);
    }
    QJsonArray topUps;
    for (const engine::TopUpRule& r : x.topUps) {
        QJsonObject o{{QStringLiteral("at_margin_ratio"), r.marginRatio}, {QStringLiteral("add"), r.amount}, {QStringLiteral("max_times"), r.maxTimes}};
        if (r.maxTotal)
            o.insert(QStringLiteral("max_total"), *r.maxTotal);
        topUps.append(o);
    }
    QJsonArray deleverages;
    for (const engine::DeleverageRule& r : x.deleverages) {
        deleverages.append(QJsonObject{
            {QStringLiteral("at_margin_ratio"), r.marginRatio}, {QStringLiteral("close"), r.share}, {QStringLiteral("max_times"), r.maxTimes}});
    }
    QJsonObject rules;
    if (!topUps.isEmpty())
        rules.insert(QStringLiteral("top_up"), topUps);
    if (!deleverages.isEmpty())
        rules.insert(QStringLiteral("deleverage"), deleverages);
    if (!rules.isEmpty())
        root.insert(QStringLiteral("margin_rules"), rules);
}

}  // namespace

bool isDocument(const QString& name, const QByteArray& bytes)
{
    if (name.endsWith(QLatin1Char('.') + QLatin1String(kDocumentSuffix)))
        return true;
    return QJsonDocument::fromJson(bytes).object().contains(QStringLiteral("format"));
}

engine::Result<QByteArray> documentPlanScenario(const QByteArray& bytes, const TierLibrary& tiers)
{
    auto read = readDocument(bytes);
    if (!read)
        return read.error();
    const Document& doc = read.value();
    if (!doc.plan) {
        return at(doc, doc.portfolio ? QStringLiteral("portfolio") : QStringLiteral("format"),
                  doc.portfolio ? QStringLiteral("this file holds a portfolio and no plan; a plan is needed here")
                                : QStringLiteral("this file holds no plan"));
    }
    const PlanInputs& in = doc.plan->inputs;
    const MarketState market = marketAt(doc.market, in.symbol);
    RiskModel risk(tiers);
    if (auto r = risk.load(in, doc.plan->life, market))
        return engine::Error{"", placeRefusal(doc, QStringLiteral("plan"), *r).toStdString()};
    const RiskSnapshot& s = risk.snapshot();
    if (!s.valid)
        return at(doc, QStringLiteral("plan"), s.problem);

    // The position the window evaluates (RiskModel::compute), field for field.
    QJsonObject p;
    p.insert(QStringLiteral("id"), QStringLiteral("plan"));
    p.insert(QStringLiteral("symbol"), in.symbol);
    p.insert(QStringLiteral("contract"), s.contract == engine::ContractKind::Inverse ? QStringLiteral("inverse") : QStringLiteral("linear"));
    p.insert(QStringLiteral("side"), QLatin1String(nameOf(kSides, in.side)));
    p.insert(QStringLiteral("quantity"), s.quantity);
    p.insert(QStringLiteral("entry_price"), s.entry);
    p.insert(QStringLiteral("mark_price"), market.mark > 0.0 ? market.mark : s.entry);
    p.insert(QStringLiteral("funding_rate"), market.fundingRate);
    p.insert(QStringLiteral("leverage"), in.leverage);
    p.insert(QStringLiteral("mode"), QLatin1String(nameOf(kModes, in.marginMode)));
    p.insert(QStringLiteral("fee_rate"), in.feeRate);
    if (in.mmRate)
        p.insert(QStringLiteral("mm_rate"), *in.mmRate);
    if (engine::isIsolated(in.marginMode) && in.extraMargin > 0.0)
        p.insert(QStringLiteral("isolated_margin"), s.notional / in.leverage + in.extraMargin);

    QJsonObject root;
    root.insert(QStringLiteral("venue"), QString::fromLatin1(engine::venueName(in.venue).data()));
    root.insert(QStringLiteral("wallet_balance"), in.wallet);
    root.insert(QStringLiteral("positions"), QJsonArray{p});
    insertExits(root, detail::exitPlanOf(in));
    root.insert(QStringLiteral("exit_trigger"), QLatin1String(nameOf(kTriggers, in.exitTrigger)));
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

engine::Result<QByteArray> planScenario(const QString& name, const QByteArray& bytes, const TierLibrary& tiers)
{
    if (isDocument(name, bytes))
        return documentPlanScenario(bytes, tiers);
    return bytes;
}

QString planRefusal(const QString& origin, const engine::Error& error)
{
    static const QRegularExpression placed(QStringLiteral("^\\d+:\\d+: "));
    const QString message = QString::fromStdString(error.message());
    if (error.field.empty() && placed.match(message).hasMatch())
        return origin + QLatin1Char(':') + message;
    return origin + QStringLiteral(": ") + message;
}

}  // namespace levlab::model
