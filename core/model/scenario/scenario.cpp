#include "core/model/scenario/scenario.h"

#include "core/model/json/json_reader.h"
#include "core/model/json/json_writer.h"
#include "core/model/tiers/tier_library.h"

#include <QJsonArray>
#include <QLocale>
#include <QJsonDocument>

#include <cmath>
#include <optional>

namespace levlab::model {

namespace {

using engine::Error;
using engine::Result;

/// One of `names`, or an error listing them.
template <typename T>
Result<T> choice(const JsonFields& f, const QString& key, std::initializer_list<std::pair<const char*, T>> names,
                 std::optional<T> fallback)
{
    if (!f.has(key)) {
        if (fallback)
            return *fallback;
        return fieldError(f.fieldName(key), QStringLiteral("is required"));
    }
    auto s = f.string(key);
    if (!s)
        return s.error();
    QStringList allowed;
    for (const auto& [name, value] : names) {
        if (s.value() == QLatin1String(name))
            return value;
        allowed << QLatin1String(name);
    }
    return fieldError(f.fieldName(key), QStringLiteral("'%1' is not one of %2").arg(s.value(), allowed.join(QStringLiteral(", "))));
}

Result<engine::BracketTable> parseInlineBrackets(const JsonFields& f)
{
    const QJsonValue v = f.object().value(QStringLiteral("brackets"));
    if (!v.isArray() || v.toArray().isEmpty())
        return fieldError(f.fieldName(QStringLiteral("brackets")), QStringLiteral("must be a non-empty array"));
    engine::BracketTable table;
    bool anyAmount = false;
    const QJsonArray rows = v.toArray();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QString path = f.fieldName(QStringLiteral("brackets[%1]").arg(i));
        if (!rows.at(i).isObject())
            return fieldError(path, QStringLiteral("must be an object"));
        const JsonFields row(rows.at(i).toObject(), path);
        engine::Bracket b;
        auto floor = row.number(QStringLiteral("notional_floor"), i == 0 ? std::optional<double>(0.0) : std::nullopt);
        auto cap = row.number(QStringLiteral("notional_cap"));
        auto rate = row.number(QStringLiteral("mm_rate"));
        auto amount = row.number(QStringLiteral("maintenance_amount"), 0.0);
        auto lev = row.number(QStringLiteral("max_leverage"), 0.0);  // left out: the row sets no cap
        for (const auto* r : {&floor, &cap, &rate, &amount, &lev}) {
            if (!*r)
                return r->error();
        }
        b.notionalFloor = floor.value();
        b.notionalCap = cap.value();
        b.mmRate = rate.value();
        b.maintenanceAmount = amount.value();
        b.maxLeverage = lev.value();
        anyAmount = anyAmount || b.maintenanceAmount != 0.0;
        table.brackets.push_back(b);
    }
    // Rows with deductions are a cumulative table; rows without are steps that
    // raise the whole position's rate.
    table.style = anyAmount ? engine::BracketStyle::Cumulative : engine::BracketStyle::Step;
    return table;
}

Result<engine::PositionInput> parsePosition(const JsonFields& f, engine::Venue venue, const TierLibrary& tiers, qsizetype index)
{
    engine::PositionInput p;
    auto id = f.string(QStringLiteral("id"), QStringLiteral("p%1").arg(index));
    auto symbol = f.string(QStringLiteral("symbol"), QString());
    if (!id)
        return id.error();
    if (!symbol)
        return symbol.error();
    p.id = id.value().toStdString();
    p.symbol = symbol.value().toStdString();

    auto contract = choice<engine::ContractKind>(f, QStringLiteral("contract"),
                                                 {{"linear", engine::ContractKind::Linear}, {"inverse", engine::ContractKind::Inverse}},
                                                 engine::ContractKind::Linear);
    auto side = choice<engine::Side>(f, QStringLiteral("side"), {{"long", engine::Side::Long}, {"short", engine::Side::Short}},
                                     std::nullopt);
    auto mode = choice<engine::MarginMode>(f, QStringLiteral("mode"),
                                           {{"isolated", engine::MarginMode::Isolated},
                                            {"cross", engine::MarginMode::Cross},
                                            {"strict_isolated", engine::MarginMode::StrictIsolated}},
                                           engine::MarginMode::Isolated);
    if (!contract)
        return contract.error();
    if (!side)
        return side.error();
    if (!mode)
        return mode.error();
    p.contract.kind = contract.value();
    p.side = side.value();
    p.mode = mode.value();

    auto size = f.number(QStringLiteral("contract_size"), 1.0);
    const bool sizeGiven = f.has(QStringLiteral("contract_size"));
    auto tick = f.number(QStringLiteral("tick_size"), 0.0);
    auto lot = f.number(QStringLiteral("lot_size"), 0.0);
    auto quantity = f.number(QStringLiteral("quantity"));
    auto entry = f.number(QStringLiteral("entry_price"));
    auto fee = f.number(QStringLiteral("fee_rate"), 0.0);
    auto funding = f.number(QStringLiteral("funding_rate"), 0.0);
    for (const auto* r : {&size, &tick, &lot, &quantity, &entry, &fee, &funding}) {
        if (!*r)
            return r->error();
    }
    p.contract.contractSize = size.value();
    p.contract.tickSize = tick.value();
    p.contract.lotSize = lot.value();
    p.quantity = quantity.value();
    p.entryPrice = entry.value();
    p.feeRate = fee.value();
    p.fundingRate = funding.value();

    auto mark = f.optionalNumber(QStringLiteral("mark_price"));
    auto margin = f.optionalNumber(QStringLiteral("isolated_margin"));
    auto mmRate = f.optionalNumber(QStringLiteral("mm_rate"));
    auto amount = f.optionalNumber(QStringLiteral("maintenance_amount"));
    auto maxLev = f.optionalNumber(QStringLiteral("max_leverage"));
    auto leverage = f.optionalNumber(QStringLiteral("leverage"));
    for (const auto* r : {&mark, &margin, &mmRate, &amount, &maxLev, &leverage}) {
        if (!*r)
            return r->error();
    }
    p.markPrice = mark.value();
    p.isolatedMargin = margin.value();
    p.mmRate = mmRate.value();
    p.maintenanceAmount = amount.value();
    p.maxLeverage = maxLev.value();
    if (amount.value() && !mmRate.value())
        p.mmRate = std::nullopt;  // the engine refuses this with its own message

    p.leverage = leverage.value();  // the engine says when it is needed

    if (f.has(QStringLiteral("brackets"))) {
        auto table = parseInlineBrackets(f);
        if (!table)
            return table.error();
        p.brackets = std::move(table).value();
        auto unit = choice<engine::BracketUnit>(f, QStringLiteral("bracket_unit"),
                                                {{"notional", engine::BracketUnit::Notional}, {"contracts", engine::BracketUnit::Contracts}},
                                                engine::BracketUnit::Notional);
        if (!unit)
            return unit.error();
        p.brackets.unit = unit.value();
    } else if (!p.mmRate) {
        if (const TierTable* t = tiers.find(venue, symbol.value())) {
            if (t->contract != p.contract.kind)
                return fieldError(f.fieldName(QStringLiteral("contract")),
                                  QStringLiteral("%1 on %2 is %3 contract")
                                      .arg(symbol.value(), QString::fromLatin1(engine::venueName(venue).data()),
                                           t->contract == engine::ContractKind::Linear ? QStringLiteral("a linear")
                                                                                       : QStringLiteral("an inverse")));
            p.brackets = t->table;
            if (t->contractSize && t->table.unit == engine::BracketUnit::Contracts) {
                // The tiers count contracts of the table's size: a position in other units would read the wrong row.
                if (!sizeGiven)
                    p.contract.contractSize = *t->contractSize;
                else if (p.contract.contractSize != *t->contractSize)
                    return fieldError(f.fieldName(QStringLiteral("contract_size")),
                                      QStringLiteral("is %1, but %2's tiers count contracts of %3")
                                          .arg(p.contract.contractSize)
                                          .arg(symbol.value())
                                          .arg(*t->contractSize));
            }
        }
        // No table and no rate: the engine leaves out what needs one and says so.
    }
    return p;
}

}  // namespace

QJsonValue jsonNumber(std::optional<double> v)
{
    if (!v || !std::isfinite(*v))
        return QJsonValue(QJsonValue::Null);
    return QJsonValue(*v);
}

Result<engine::AccountInput> parseScenario(const QByteArray& bytes, const TierLibrary& tiers)
{
    auto root = parseJsonObject(bytes);
    if (!root)
        return root.error();
    const JsonFields f(root.value(), QString());
    engine::AccountInput account;

    auto venue = f.string(QStringLiteral("venue"), QStringLiteral("textbook"));
    if (!venue)
        return venue.error();
    const auto v = engine::venueFromName(venue.value().toStdString());
    if (!v) {
        QStringList names;
        for (engine::Venue each : engine::kAllVenues)
            names << QString::fromLatin1(engine::venueName(each).data());
        return fieldError(QStringLiteral("venue"),
                          QStringLiteral("'%1' is not one of %2").arg(venue.value(), names.join(QStringLiteral(", "))));
    }
    account.venue = *v;

    auto wallet = f.optionalNumber(QStringLiteral("wallet_balance"));
    if (!wallet)
        return wallet.error();
    account.walletBalance = wallet.value();

    const QJsonValue positions = f.object().value(QStringLiteral("positions"));
    if (!positions.isArray())
        return fieldError(QStringLiteral("positions"), QStringLiteral("must be an array of positions"));
    const QJsonArray array = positions.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("positions[%1]").arg(i);
        if (!array.at(i).isObject())
            return fieldError(path, QStringLiteral("must be an object"));
        auto p = parsePosition(JsonFields(array.at(i).toObject(), path), account.venue, tiers, i);
        if (!p)
            return p.error();
        account.positions.push_back(std::move(p).value());
    }
    return account;
}

namespace {

std::optional<double> knownOrNone(bool known, double v) { return known ? std::optional(v) : std::nullopt; }

void writePosition(JsonText& j, const engine::PositionResult& p)
{
    const bool mm = p.maintenanceKnown;
    const bool liq = p.liquidationKnown;
    j.open('{');
    j.item("bankruptcy_price");
    j.number(p.bankruptcyPrice);
    j.item("bracket");
    j.number(mm && p.bracket >= 0 ? std::optional<double>(p.bracket + 1) : std::nullopt);
    j.item("equity");
    j.number(p.equity);
    j.item("funding_payment");
    j.number(p.fundingPayment);
    j.item("id");
    j.string(p.id);
    j.item("initial_margin");
    j.number(knownOrNone(p.initialMarginKnown, p.initialMargin));
    j.item("liquidated");
    if (liq)
        j.boolean(p.liquidated);
    else
        j.null();
    j.item("liquidation_distance");
    j.number(p.liquidationDistance);
    j.item("liquidation_price");
    j.number(p.liquidationPrice);
    j.item("maintenance_amount");
    j.number(knownOrNone(mm, p.maintenanceAmount));
    j.item("maintenance_margin");
    j.number(knownOrNone(mm, p.maintenanceMargin));
    j.item("margin");
    j.number(knownOrNone(p.marginKnown, p.margin));
    j.item("margin_ratio");
    j.number(knownOrNone(liq, p.marginRatio));
    j.item("max_leverage");
    j.number(p.maxLeverage > 0.0 ? std::optional(p.maxLeverage) : std::nullopt);
    j.item("mm_rate");
    j.number(knownOrNone(mm, p.mmRate));
    j.item("notes");
    j.open('[');
    for (const auto& n : p.notes) {
        j.item();
        j.string(n);
    }
    j.close(']');
    j.item("notional");
    j.number(p.notional);
    j.item("unrealized_pnl");
    j.number(p.unrealizedPnl);
    j.close('}');
}

}  // namespace

QByteArray accountResultToJsonText(const engine::AccountResult& r)
{
    JsonText j(1024 + r.positions.size() * 900);
    j.open('{');
    j.item("account");
    j.open('{');
    j.item("cross_equity");
    j.number(r.crossEquity);
    j.item("cross_maintenance_margin");
    j.number(knownOrNone(r.crossMaintenanceKnown, r.crossMaintenanceMargin));
    j.item("cross_wallet");
    j.number(r.crossWallet);
    j.item("equity");
    j.number(r.equity);
    j.item("maintenance_margin");
    j.number(knownOrNone(r.maintenanceKnown, r.maintenanceMargin));
    j.item("margin_ratio");
    j.number(r.marginRatio);
    j.item("shock_to_liquidation");
    j.number(r.shockToLiquidation);
    j.item("wallet_balance");
    j.number(r.walletBalance);
    j.close('}');
    j.item("positions");
    j.open('[');
    for (const auto& p : r.positions) {
        j.item();
        writePosition(j, p);
    }
    j.close(']');
    j.close('}');
    QByteArray out = j.take();
    out += '\n';
    return out;
}

QJsonObject accountResultToJson(const engine::AccountResult& r)
{
    return QJsonDocument::fromJson(accountResultToJsonText(r)).object();
}

}  // namespace levlab::model
