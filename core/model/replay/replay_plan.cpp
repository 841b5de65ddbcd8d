#include "core/model/replay/replay_plan.h"

#include "core/model/json/json_reader.h"
#include "core/model/scenario/scenario.h"
#include "core/model/tiers/tier_library.h"

#include "core/engine/contract/contract.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace levlab::model {

engine::Result<ReplayPlan> readReplayPlan(const QByteArray& bytes, const TierLibrary& tiers)
{
    QJsonParseError error{};
    QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return parseScenario(bytes, tiers).error();  // the scenario reader says where and why
    QJsonObject root = doc.object();
    QJsonArray positions = root.value(QStringLiteral("positions")).toArray();
    if (positions.size() != 1) {
        return engine::Error{"positions", "a replay runs one position; this plan has " + std::to_string(positions.size())};
    }
    QJsonObject position = positions.at(0).toObject();
    // At market: the scenario reader needs a price to evaluate; the replay gives the real one.
    const QJsonValue entryValue = position.value(QStringLiteral("entry_price"));
    const bool atMarket = entryValue.isUndefined() || entryValue.isNull() || entryValue.toString() == QLatin1String("market");
    if (atMarket)
        position[QStringLiteral("entry_price")] = 1.0;
    positions[0] = position;
    root[QStringLiteral("positions")] = positions;
    auto account = parseScenario(QJsonDocument(root).toJson(QJsonDocument::Compact), tiers);
    if (!account)
        return account.error();
    const engine::PositionInput& p = account->positions.front();
    const JsonFields fields(position, QStringLiteral("positions[0]"));
    auto stop = fields.optionalNumber(QStringLiteral("stop_loss"));
    if (!stop)
        return stop.error();
    auto target = fields.optionalNumber(QStringLiteral("take_profit"));
    if (!target)
        return target.error();
    if (!p.leverage)
        return engine::Error{"positions[0].leverage", "is required for a replay"};

    PlanInputs in;
    in.venue = account->venue;
    in.symbol = QString::fromStdString(p.symbol);
    in.side = p.side;
    in.entryAtMarket = atMarket;
    in.entryPrice = atMarket ? 0.0 : p.entryPrice;
    in.sizeMode = SizeMode::Quantity;
    in.size = p.quantity;
    in.leverage = *p.leverage;
    in.marginMode = p.mode;
    in.feeRate = p.feeRate;
    in.mmRate = p.mmRate;
    in.stopLoss = stop.value();
    in.takeProfit = target.value();
    in.wallet = account->walletBalance.value_or(0.0);
    ReplayPlan plan{in, in.wallet > 0.0};
    if (!plan.walletGiven && !atMarket)
        fitWallet(plan, p.entryPrice, tiers);
    return plan;
}

void fitWallet(ReplayPlan& plan, double price, const TierLibrary& tiers)
{
    if (plan.walletGiven || !(price > 0.0))
        return;
    const TierTable* t = tiers.find(plan.inputs.venue, plan.inputs.symbol);
    const auto kind = t ? t->contract : engine::ContractKind::Linear;
    plan.inputs.wallet = engine::positionValue(kind, plan.inputs.size, price);
}

}  // namespace levlab::model
