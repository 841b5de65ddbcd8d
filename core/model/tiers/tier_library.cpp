#include "core/model/tiers/tier_library.h"

#include "core/model/json/json_reader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace levlab::model {

engine::Result<TierTable> parseTierTable(const QByteArray& bytes)
{
    auto root = parseJsonObject(bytes);
    if (!root)
        return root.error();
    const JsonFields f(root.value(), QString());
    TierTable t;

    auto venue = f.string(QStringLiteral("venue"));
    if (!venue)
        return venue.error();
    const auto v = engine::venueFromName(venue.value().toStdString());
    if (!v)
        return fieldError(QStringLiteral("venue"), QStringLiteral("'%1' is not a known venue").arg(venue.value()));
    t.venue = *v;

    const QJsonValue symbols = f.value(QStringLiteral("symbols"));
    if (!symbols.isArray() || symbols.toArray().isEmpty())
        return fieldError(QStringLiteral("symbols"), QStringLiteral("must be a non-empty array of names"));
    for (const QJsonValue s : symbols.toArray()) {
        if (!s.isString())
            return fieldError(QStringLiteral("symbols"), QStringLiteral("must hold strings"));
        t.symbols << s.toString();
    }

    auto contract = f.string(QStringLiteral("contract"));
    if (!contract)
        return contract.error();
    if (contract.value() == QLatin1String("linear"))
        t.contract = engine::ContractKind::Linear;
    else if (contract.value() == QLatin1String("inverse"))
        t.contract = engine::ContractKind::Inverse;
    else
        return fieldError(QStringLiteral("contract"), QStringLiteral("must be \"linear\" or \"inverse\""));

    auto tick = f.number(QStringLiteral("tick_size"), 0.01);
    if (!tick)
        return tick.error();
    if (!(tick.value() > 0.0))
        return fieldError(QStringLiteral("tick_size"), QStringLiteral("must be greater than 0"));
    t.tickSize = tick.value();

    auto asOf = f.string(QStringLiteral("as_of"));
    if (!asOf)
        return asOf.error();
    static const QRegularExpression date(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (!date.match(asOf.value()).hasMatch())
        return fieldError(QStringLiteral("as_of"), QStringLiteral("must be a date, YYYY-MM-DD"));
    t.asOf = asOf.value();

    auto source = f.string(QStringLiteral("source"));
    if (!source)
        return source.error();
    if (source.value().trimmed().isEmpty())
        return fieldError(QStringLiteral("source"), QStringLiteral("must name the public page the table comes from"));
    t.source = source.value();
    auto note = f.string(QStringLiteral("note"), QString());
    if (!note)
        return note.error();
    t.note = note.value();
    auto currency = f.string(QStringLiteral("notional_currency"), QString());
    if (!currency)
        return currency.error();
    t.notionalCurrency = currency.value();

    auto fetchedAt = f.string(QStringLiteral("fetched_at"), QString());
    if (!fetchedAt)
        return fetchedAt.error();
    t.fetchedAt = fetchedAt.value();

    auto style = f.string(QStringLiteral("style"));
    if (!style)
        return style.error();
    if (style.value() == QLatin1String("cumulative"))
        t.table.style = engine::BracketStyle::Cumulative;
    else if (style.value() == QLatin1String("step"))
        t.table.style = engine::BracketStyle::Step;
    else
        return fieldError(QStringLiteral("style"), QStringLiteral("must be \"cumulative\" or \"step\""));

    // OKX publishes some instruments' tiers in contracts: the rows then count the
    // position's size, and the file says what one contract is.
    auto unit = f.string(QStringLiteral("unit"), QStringLiteral("notional"));
    if (!unit)
        return unit.error();
    if (unit.value() == QLatin1String("contracts"))
        t.table.unit = engine::BracketUnit::Contracts;
    else if (unit.value() != QLatin1String("notional"))
        return fieldError(QStringLiteral("unit"), QStringLiteral("must be \"notional\" or \"contracts\""));
    auto contractSize = f.optionalNumber(QStringLiteral("contract_size"));
    if (!contractSize)
        return contractSize.error();
    if (contractSize.value() && !(std::isfinite(*contractSize.value()) && *contractSize.value() > 0.0))
        return fieldError(QStringLiteral("contract_size"), QStringLiteral("must be a number greater than 0"));
    if (t.table.unit == engine::BracketUnit::Contracts && !contractSize.value())
        return fieldError(QStringLiteral("contract_size"), QStringLiteral("is required when the tiers count contracts"));
    t.contractSize = contractSize.value();

    const QJsonValue rows = f.value(QStringLiteral("brackets"));
    if (!rows.isArray())
        return fieldError(QStringLiteral("brackets"), QStringLiteral("must be an array"));
    const QJsonArray array = rows.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("brackets[%1]").arg(i);
        if (!array.at(i).isObject())
            return fieldError(path, QStringLiteral("must be an object"));
        const JsonFields row(array.at(i).toObject(), path);
        engine::Bracket b;
        for (auto [key, slot] : {std::pair{"notional_floor", &b.notionalFloor}, std::pair{"notional_cap", &b.notionalCap},
                                 std::pair{"mm_rate", &b.mmRate}}) {
            auto n = row.number(QLatin1String(key));
            if (!n)
                return n.error();
            *slot = n.value();
        }
        auto amount = row.number(QStringLiteral("maintenance_amount"), 0.0);
        if (!amount)
            return amount.error();
        auto maxLeverage = row.number(QStringLiteral("max_leverage"), 0.0);  // left out: no cap
        if (!maxLeverage)
            return maxLeverage.error();
        b.maxLeverage = maxLeverage.value();
        b.maintenanceAmount = amount.value();
        if (auto unknown = row.refuseUnknown())
            return *unknown;
        t.table.brackets.push_back(b);
    }
    if (auto unknown = f.refuseUnknown())
        return *unknown;
    if (auto e = engine::validateTable(t.table, "brackets"))
        return *e;
    return t;
}

TierLibrary TierLibrary::loadShipped()
{
    TierLibrary lib;
    const QDir dir(QStringLiteral(":/tiers"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString& name : files) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            lib.m_errors << QStringLiteral("%1: cannot be read").arg(name);
            continue;
        }
        auto t = parseTierTable(file.readAll());
        if (!t) {
            lib.m_errors << QStringLiteral("%1: %2").arg(name, QString::fromStdString(t.error().message()));
            continue;
        }
        lib.m_tables.push_back(std::move(t).value());
    }
    return lib;
}

const TierTable* TierLibrary::find(engine::Venue venue, const QString& symbol) const
{
    for (const TierTable& t : m_user) {
        if (t.venue == venue && t.symbols.contains(symbol, Qt::CaseInsensitive))
            return &t;
    }
    return findShipped(venue, symbol);
}

void TierLibrary::overlay(TierTable table)
{
    table.user = true;
    // A user table answers to every name of the shipped table it replaces, and keeps its
    // instrument's tick and currency: a venue's risk-limit response says neither.
    if (const TierTable* shipped = findShipped(table.venue, table.symbols.value(0))) {
        for (const QString& alias : shipped->symbols)
            if (!table.symbols.contains(alias, Qt::CaseInsensitive))
                table.symbols << alias;
        table.tickSize = shipped->tickSize;
        if (table.notionalCurrency.isEmpty())
            table.notionalCurrency = shipped->notionalCurrency;
    }
    std::erase_if(m_user, [&](const TierTable& t) {
        return t.venue == table.venue && t.symbols.contains(table.symbols.value(0), Qt::CaseInsensitive);
    });
    m_user.push_back(std::move(table));
}

const TierTable* TierLibrary::findShipped(engine::Venue venue, const QString& symbol) const
{
    for (const TierTable& t : m_tables) {
        if (t.venue == venue && t.symbols.contains(symbol, Qt::CaseInsensitive))
            return &t;
    }
    return nullptr;
}

}  // namespace levlab::model
