#include "core/model/tiers/tier_import.h"

#include "core/model/tiers/tier_import_detail.h"

#include "core/engine/units/decimal_text.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace levlab::model {

namespace detail {

using engine::Error;
using engine::Result;


std::string rowName(std::size_t i) { return "tiers[" + std::to_string(i) + "]"; }

std::optional<double> num(const QJsonValue& v)
{
    if (v.isDouble() && std::isfinite(v.toDouble()))
        return v.toDouble();
    if (v.isString()) {
        const QByteArray t = v.toString().toLatin1();
        return engine::parseDecimal(std::string_view(t.constData(), std::size_t(t.size())));
    }
    return std::nullopt;
}

Error missing(std::size_t row, const char* field)
{
    return Error{rowName(row) + "." + field, "is missing or not a number"};
}

/// Builds and checks the table. Cumulative rows without a deduction get the one
/// that keeps the requirement continuous: amount[n] = amount[n−1] + floor[n] × (rate[n] − rate[n−1]).
Result<TierTable> finish(const TierImportRequest& req, std::vector<RawTier> rows, engine::BracketStyle style,
                         engine::BracketUnit unit, engine::ContractKind kind, const QString& source)
{
    if (rows.empty())
        return Error{"tiers", "the response holds no tier for " + req.symbol.toStdString()};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const RawTier& r = rows[i];
        if (!(r.cap > r.floor))
            return Error{rowName(i), "its upper bound is not above its lower bound"};
        if (i > 0 && r.floor != rows[i - 1].cap)
            return Error{rowName(i), "its lower bound " + engine::numberText(r.floor)
                                         + " does not continue the previous row's upper bound "
                                         + engine::numberText(rows[i - 1].cap)};
        if (i > 0 && r.maxLeverage > rows[i - 1].maxLeverage)
            return Error{rowName(i), "its maximum leverage " + engine::numberText(r.maxLeverage)
                                         + "x is above the previous row's " + engine::numberText(rows[i - 1].maxLeverage)
                                         + "x: a larger position cannot be allowed more leverage"};
        if (i > 0 && r.mmRate < rows[i - 1].mmRate)
            return Error{rowName(i), "its maintenance rate falls below the previous row's"};
    }
    TierTable t;
    t.venue = req.venue;
    t.symbols = {req.symbol};
    t.contract = kind;
    t.contractSize = req.contractSize;
    t.asOf = req.fetchedAt.toUTC().date().toString(Qt::ISODate);
    t.fetchedAt = req.fetchedAt.toUTC().toString(Qt::ISODate);
    t.source = source;
    t.user = true;
    t.table.style = style;
    t.table.unit = unit;
    double amount = 0.0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const RawTier& r = rows[i];
        if (style == engine::BracketStyle::Cumulative) {
            amount = r.deduction ? *r.deduction : (i == 0 ? 0.0 : amount + r.floor * (r.mmRate - rows[i - 1].mmRate));
        } else {
            amount = 0.0;
        }
        t.table.brackets.push_back({r.floor, r.cap, r.mmRate, amount, r.maxLeverage});
    }
    if (auto e = engine::validateTable(t.table, "tiers"))
        return *e;
    return t;
}

}  // namespace detail

namespace {

using engine::Error;
using engine::Result;
using namespace detail;

Result<QJsonValue> parse(const QByteArray& body)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Error{"", "the file is not JSON (" + error.errorString().toStdString() + " at byte "
                             + std::to_string(error.offset) + ")"};
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

Result<TierTable> binance(const TierImportRequest& req, const QJsonValue& root)
{
    // One symbol: an object; all symbols: an array of them.
    QJsonObject entry;
    const QJsonArray all = root.isArray() ? root.toArray() : QJsonArray{root};
    for (const QJsonValue& v : all)
        if (v.toObject().value(QLatin1String("symbol")).toString().compare(req.symbol, Qt::CaseInsensitive) == 0)
            entry = v.toObject();
    if (entry.isEmpty())
        return Error{"symbol", "the response has no brackets for " + req.symbol.toStdString()};
    std::vector<RawTier> rows;
    const QJsonArray brackets = entry.value(QLatin1String("brackets")).toArray();
    for (qsizetype i = 0; i < brackets.size(); ++i) {
        const QJsonObject b = brackets.at(i).toObject();
        const auto floor = num(b.value(QLatin1String("notionalFloor")));
        const auto cap = num(b.value(QLatin1String("notionalCap")));
        const auto rate = num(b.value(QLatin1String("maintMarginRatio")));
        const auto lev = num(b.value(QLatin1String("initialLeverage")));
        const auto cum = num(b.value(QLatin1String("cum")));
        if (!floor || !cap || !rate || !lev || !cum)
            return missing(std::size_t(i), !floor ? "notionalFloor" : !cap ? "notionalCap" : !rate ? "maintMarginRatio" : !lev ? "initialLeverage" : "cum");
        rows.push_back({*floor, *cap, *rate, *lev, *cum});
    }
    return finish(req, rows, engine::BracketStyle::Cumulative, engine::BracketUnit::Notional,
                  engine::ContractKind::Linear, QStringLiteral("Binance GET /fapi/v1/leverageBracket, saved by the user"));
}

Result<TierTable> bybit(const TierImportRequest& req, const QJsonValue& root)
{
    const QJsonObject o = root.toObject();
    if (o.value(QLatin1String("retCode")).toInt(-1) != 0)
        return Error{"retCode", "the response is a refusal: " + o.value(QLatin1String("retMsg")).toString().toStdString()};
    const QJsonObject result = o.value(QLatin1String("result")).toObject();
    const bool inverse = result.value(QLatin1String("category")).toString() == QLatin1String("inverse");
    std::vector<RawTier> rows;
    double floor = 0.0;
    for (const QJsonValue& v : result.value(QLatin1String("list")).toArray()) {
        const QJsonObject r = v.toObject();
        if (r.value(QLatin1String("symbol")).toString().compare(req.symbol, Qt::CaseInsensitive) != 0)
            continue;
        const std::size_t i = rows.size();
        const auto cap = num(r.value(QLatin1String("riskLimitValue")));
        auto mm = num(r.value(QLatin1String("maintenanceMargin")));
        auto im = num(r.value(QLatin1String("initialMargin")));
        const auto lev = num(r.value(QLatin1String("maxLeverage")));
        if (!cap || !mm || !im || !lev)
            return missing(i, !cap ? "riskLimitValue" : !mm ? "maintenanceMargin" : !im ? "initialMargin" : "maxLeverage");
        // Bybit writes the rates as fractions ("0.005") for linear and, in its inverse
        // example, as percentages ("0.5"): the initial margin at the max leverage tells which.
        if (std::fabs(*im * *lev - 100.0) < 1.0) {
            *mm /= 100.0;
            *im /= 100.0;
        } else if (!(std::fabs(*im * *lev - 1.0) < 0.01)) {
            return Error{rowName(i), "its initial margin " + engine::numberText(*im) + " does not match its maximum leverage "
                                         + engine::numberText(*lev) + "x"};
        }
        std::optional<double> deduction;
        const QJsonValue d = r.value(QLatin1String("mmDeduction"));
        if (!(d.isUndefined() || d.isNull() || d.toString() == QString())) {
            deduction = num(d);
            if (!deduction)
                return missing(i, "mmDeduction");
        }
        rows.push_back({floor, *cap, *mm, *lev, deduction});
        floor = *cap;
    }
    return finish(req, rows, engine::BracketStyle::Cumulative, engine::BracketUnit::Notional,
                  inverse ? engine::ContractKind::Inverse : engine::ContractKind::Linear,
                  QStringLiteral("Bybit GET /v5/market/risk-limit"));
}

Result<TierTable> okx(const TierImportRequest& req, const QJsonValue& root)
{
    const QJsonObject o = root.toObject();
    if (o.value(QLatin1String("code")).toString() != QLatin1String("0"))
        return Error{"code", "the response is a refusal: " + o.value(QLatin1String("msg")).toString().toStdString()};
    if (!req.contractSize || !(*req.contractSize > 0.0))
        return Error{"contract_size", "OKX counts these tiers in contracts: give the size of one contract"};
    std::vector<RawTier> rows;
    for (const QJsonValue& v : o.value(QLatin1String("data")).toArray()) {
        const QJsonObject r = v.toObject();
        const std::size_t i = rows.size();
        const auto minSz = num(r.value(QLatin1String("minSz")));
        const auto maxSz = num(r.value(QLatin1String("maxSz")));
        const auto mmr = num(r.value(QLatin1String("mmr")));
        const auto lev = num(r.value(QLatin1String("maxLever")));
        if (!minSz || !maxSz || !mmr || !lev)
            return missing(i, !minSz ? "minSz" : !maxSz ? "maxSz" : !mmr ? "mmr" : "maxLever");
        // OKX starts each tier one contract above the last one's maximum: the rows join there.
        const double floor = rows.empty() ? *minSz : rows.back().cap;
        if (!rows.empty() && (*minSz < rows.back().cap || *minSz > rows.back().cap + 1.0))
            return Error{rowName(i), "its minimum size " + engine::numberText(*minSz) + " leaves a gap after the previous row's "
                                         + engine::numberText(rows.back().cap) + " contracts"};
        rows.push_back({floor, *maxSz, *mmr, *lev, std::nullopt});
    }
    return finish(req, rows, engine::BracketStyle::Step, engine::BracketUnit::Contracts, engine::ContractKind::Linear,
                  QStringLiteral("OKX GET /api/v5/public/position-tiers (tiers in contracts of %1)")
                      .arg(*req.contractSize));
}

Result<TierTable> gate(const TierImportRequest& req, const QJsonValue& root)
{
    std::vector<RawTier> rows;
    bool deductions = false;
    for (const QJsonValue& v : root.toArray()) {
        const QJsonObject r = v.toObject();
        if (r.contains(QLatin1String("contract"))
            && r.value(QLatin1String("contract")).toString().compare(req.symbol, Qt::CaseInsensitive) != 0)
            continue;
        const std::size_t i = rows.size();
        const auto cap = num(r.value(QLatin1String("risk_limit")));
        const auto mm = num(r.value(QLatin1String("maintenance_rate")));
        const auto lev = num(r.value(QLatin1String("leverage_max")));
        if (!cap || !mm || !lev)
            return missing(i, !cap ? "risk_limit" : !mm ? "maintenance_rate" : "leverage_max");
        std::optional<double> deduction;
        if (r.contains(QLatin1String("deduction"))) {
            deduction = num(r.value(QLatin1String("deduction")));
            if (!deduction)
                return missing(i, "deduction");
            deductions = deductions || *deduction != 0.0;
        }
        rows.push_back({rows.empty() ? 0.0 : rows.back().cap, *cap, *mm, *lev, deduction});
    }
    // Gate's tiers with a deduction are cumulative; without one, each raises the whole position's rate.
    return finish(req, rows, deductions ? engine::BracketStyle::Cumulative : engine::BracketStyle::Step,
                  engine::BracketUnit::Notional, engine::ContractKind::Linear,
                  QStringLiteral("Gate GET /futures/usdt/risk_limit_tiers"));
}

}  // namespace

QString tierEndpoint(engine::Venue venue)
{
    switch (venue) {
    case engine::Venue::Binance:
        return QStringLiteral("GET /fapi/v1/leverageBracket");
    case engine::Venue::Bybit:
        return QStringLiteral("GET /v5/market/risk-limit");
    case engine::Venue::Okx:
        return QStringLiteral("GET /api/v5/public/position-tiers");
    case engine::Venue::Gate:
        return QStringLiteral("GET /futures/{settle}/risk_limit_tiers");
    case engine::Venue::Hyperliquid:
        return QStringLiteral("POST /info {\"type\":\"meta\"}");
    case engine::Venue::Bitmex:
        return QStringLiteral("GET /api/v1/instrument");
    case engine::Venue::Textbook:
        break;
    }
    return {};
}

engine::Result<TierTable> importTierResponse(const TierImportRequest& request, const QByteArray& body)
{
    if (request.symbol.trimmed().isEmpty())
        return engine::Error{"symbol", "name the symbol the table is for"};
    if (!request.fetchedAt.isValid())
        return engine::Error{"fetched_at", "say when the response was fetched"};
    auto root = parse(body);
    if (!root)
        return root.error();
    switch (request.venue) {
    case engine::Venue::Binance:
        return binance(request, *root);
    case engine::Venue::Bybit:
        return bybit(request, *root);
    case engine::Venue::Okx:
        return okx(request, *root);
    case engine::Venue::Gate:
        return gate(request, *root);
    case engine::Venue::Hyperliquid:
        return detail::importHyperliquidMeta(request, *root);
    case engine::Venue::Bitmex:
        return detail::importBitmexInstrument(request, *root);
    case engine::Venue::Textbook:
        break;
    }
    return engine::Error{"venue", "the textbook venue has no public table"};
}

}  // namespace levlab::model
