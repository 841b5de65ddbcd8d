#include "core/model/scenario/venue_plans.h"

#include "core/model/json/json_reader.h"
#include "core/model/scenario/scenario.h"
#include "core/model/tiers/tier_library.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace levlab::model {

namespace {

/// The venue's symbol for the same asset and contract kind, or `symbol` itself.
QString symbolOn(engine::Venue venue, const QString& symbol, engine::ContractKind kind, const TierLibrary& tiers)
{
    if (const TierTable* t = tiers.find(venue, symbol); t && t->contract == kind)
        return symbol;
    const QString base = baseAsset(symbol);
    for (const TierTable& t : tiers.tables()) {
        if (t.venue == venue && t.contract == kind && !t.symbols.isEmpty() && baseAsset(t.symbols.front()) == base)
            return t.symbols.front();
    }
    return symbol;
}

}  // namespace

engine::Result<std::vector<VenuePlan>> planOnEveryVenue(const QByteArray& bytes, const TierLibrary& tiers)
{
    auto plan = parseScenario(bytes, tiers);
    if (!plan)
        return plan.error();
    if (plan->positions.size() != 1)
        return fieldError(QStringLiteral("positions"),
                          QStringLiteral("a plan holds exactly one position (this one has %1)").arg(plan->positions.size()));
    QJsonObject root = parseJsonObject(bytes).value();
    QJsonArray positions = root.value(QStringLiteral("positions")).toArray();
    QJsonObject position = positions.at(0).toObject();
    const QString symbol = position.value(QStringLiteral("symbol")).toString();
    const engine::ContractKind kind = plan->positions.front().contract.kind;

    std::vector<VenuePlan> out;
    for (engine::Venue venue : engine::kAllVenues) {
        VenuePlan v;
        v.venue = venue;
        v.symbol = symbolOn(venue, symbol, kind, tiers);
        root.insert(QStringLiteral("venue"), QString::fromLatin1(engine::venueName(venue).data()));
        if (!v.symbol.isEmpty())
            position.insert(QStringLiteral("symbol"), v.symbol);
        positions.replace(0, position);
        root.insert(QStringLiteral("positions"), positions);
        v.scenario = QJsonDocument(root).toJson(QJsonDocument::Compact);
        auto account = parseScenario(v.scenario, tiers);
        if (account)
            v.account = std::move(account).value();
        else
            v.refusal = account.error();
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace levlab::model
