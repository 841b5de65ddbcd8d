// Hyperliquid's meta margin tables and BitMEX's instrument risk limit and step:
// neither venue publishes rows, so the rows are built as each documents them.
#include "core/model/tiers/tier_import_detail.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace levlab::model::detail {

namespace {
/// Hyperliquid margin tables with an id below 50 are a single tier at that leverage and are not listed.
constexpr int kFlatTablesBelow = 50;
/// BitMEX's risk-limit page lists the base limit and nine steps above it.
constexpr int kBitmexSteps = 9;
constexpr double kSatoshi = 1e-8;
}  // namespace

engine::Result<TierTable> importHyperliquidMeta(const TierImportRequest& req, const QJsonValue& root)
{
    const QJsonObject meta = root.toObject();
    QJsonObject asset;
    for (const QJsonValue& v : meta.value(QLatin1String("universe")).toArray())
        if (v.toObject().value(QLatin1String("name")).toString() == req.symbol)
            asset = v.toObject();
    if (asset.isEmpty())
        return engine::Error{"universe", "the meta response lists no asset named " + req.symbol.toStdString()};
    const auto assetMax = num(asset.value(QLatin1String("maxLeverage")));
    if (!assetMax || !(*assetMax >= 1.0))
        return engine::Error{"universe." + req.symbol.toStdString() + ".maxLeverage", "is missing or below 1"};
    // The tiers: the asset's margin table, or one tier at its maximum leverage.
    std::vector<std::pair<double, double>> tiers;  // lower bound, max leverage
    const int id = asset.value(QLatin1String("marginTableId")).toInt(0);
    for (const QJsonValue& v : meta.value(QLatin1String("marginTables")).toArray()) {
        const QJsonArray pair = v.toArray();
        if (pair.size() != 2 || pair.at(0).toInt(-1) != id)
            continue;
        const QJsonArray rows = pair.at(1).toObject().value(QLatin1String("marginTiers")).toArray();
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const auto lower = num(rows.at(i).toObject().value(QLatin1String("lowerBound")));
            const auto lev = num(rows.at(i).toObject().value(QLatin1String("maxLeverage")));
            if (!lower || !lev || !(*lev >= 1.0))
                return missing(std::size_t(i), !lower ? "lowerBound" : "maxLeverage");
            tiers.emplace_back(*lower, *lev);
        }
    }
    if (tiers.empty()) {
        if (id >= kFlatTablesBelow)
            return engine::Error{"marginTables", "the asset's margin table " + std::to_string(id) + " is not in the response"};
        tiers.emplace_back(0.0, *assetMax);
    }
    // Maintenance is half the initial margin at the tier's maximum leverage (Hyperliquid Docs,
    // Trading › Margin tiers); the deduction that keeps it continuous comes from finish().
    std::vector<RawTier> rows;
    for (std::size_t i = 0; i < tiers.size(); ++i) {
        const double cap = i + 1 < tiers.size() ? tiers[i + 1].first : std::max(1e9, tiers[i].first * 2.0);
        rows.push_back({tiers[i].first, cap, 1.0 / (2.0 * tiers[i].second), tiers[i].second, std::nullopt});
    }
    return finish(req, rows, engine::BracketStyle::Cumulative, engine::BracketUnit::Notional,
                  engine::ContractKind::Linear, QStringLiteral("Hyperliquid POST /info {\"type\":\"meta\"}, margin table %1").arg(id));
}

engine::Result<TierTable> importBitmexInstrument(const TierImportRequest& req, const QJsonValue& root)
{
    QJsonObject inst;
    const QJsonArray all = root.isArray() ? root.toArray() : QJsonArray{root};
    for (const QJsonValue& v : all)
        if (v.toObject().value(QLatin1String("symbol")).toString() == req.symbol)
            inst = v.toObject();
    if (inst.isEmpty())
        return engine::Error{"symbol", "the instrument response has no " + req.symbol.toStdString()};
    const auto limit = num(inst.value(QLatin1String("riskLimit")));
    const auto step = num(inst.value(QLatin1String("riskStep")));
    const auto im = num(inst.value(QLatin1String("initMargin")));
    const auto mm = num(inst.value(QLatin1String("maintMargin")));
    if (!limit || !step || !im || !mm)
        return engine::Error{!limit ? "riskLimit" : !step ? "riskStep" : !im ? "initMargin" : "maintMargin",
                             "is missing or not a number"};
    if (!(*limit > 0.0 && *step > 0.0 && *im > 0.0 && *mm > 0.0 && *mm < *im))
        return engine::Error{"riskLimit", "the risk limit, step and margins must be positive, maintenance below initial"};
    // Limits are in satoshi (XBt). Each step above the base limit raises both the
    // initial and the maintenance margin of the whole position by the base maintenance rate.
    std::vector<RawTier> rows;
    for (int k = 0; k <= kBitmexSteps; ++k) {
        const double floor = k == 0 ? 0.0 : (*limit + (k - 1) * *step) * kSatoshi;
        const double cap = (*limit + k * *step) * kSatoshi;
        const double init = *im + k * *mm;
        rows.push_back({floor, cap, *mm * (k + 1), std::round(100.0 / init) / 100.0, std::nullopt});
    }
    return finish(req, rows, engine::BracketStyle::Step, engine::BracketUnit::Notional, engine::ContractKind::Inverse,
                  QStringLiteral("BitMEX GET /api/v1/instrument (riskLimit, riskStep, initMargin, maintMargin)"));
}

}  // namespace levlab::model::detail
