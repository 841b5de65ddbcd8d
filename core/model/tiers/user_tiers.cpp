#include "core/model/tiers/user_tiers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace levlab::model {

QString userTierDirectory()
{
    // The window's AppDataLocation (organisation "LeverageLab", application "Leverage Lab"),
    // spelled out so that levlab-cli, a program of another name, stores into the same place.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/LeverageLab/Leverage Lab/tiers");
}

QByteArray tierTableJson(const TierTable& t)
{
    QJsonObject o;
    o.insert(QStringLiteral("venue"),
        QString::fromLatin1(engine::venueName(t.venue).data(), qsizetype(engine::venueName(t.venue).size())));
    o.insert(QStringLiteral("symbols"), QJsonArray::fromStringList(t.symbols));
    o.insert(QStringLiteral("contract"),
        t.contract == engine::ContractKind::Inverse ? QStringLiteral("inverse") : QStringLiteral("linear"));
    o.insert(QStringLiteral("tick_size"), t.tickSize);
    o.insert(QStringLiteral("as_of"), t.asOf);
    o.insert(QStringLiteral("fetched_at"), t.fetchedAt);
    o.insert(QStringLiteral("source"), t.source);
    if (!t.note.isEmpty())
        o.insert(QStringLiteral("note"), t.note);
    o.insert(QStringLiteral("style"),
        t.table.style == engine::BracketStyle::Step ? QStringLiteral("step") : QStringLiteral("cumulative"));
    if (t.table.unit == engine::BracketUnit::Contracts)
        o.insert(QStringLiteral("unit"), QStringLiteral("contracts"));
    if (t.contractSize)
        o.insert(QStringLiteral("contract_size"), *t.contractSize);
    QJsonArray rows;
    for (const engine::Bracket& b : t.table.brackets) {
        QJsonObject r;
        r.insert(QStringLiteral("notional_floor"), b.notionalFloor);
        r.insert(QStringLiteral("notional_cap"), b.notionalCap);
        r.insert(QStringLiteral("mm_rate"), b.mmRate);
        r.insert(QStringLiteral("maintenance_amount"), b.maintenanceAmount);
        r.insert(QStringLiteral("max_leverage"), b.maxLeverage);
        rows.append(r);
    }
    o.insert(QStringLiteral("brackets"), rows);
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

engine::Result<QString> saveUserTable(const TierTable& table, const QString& directory)
{
    if (!QDir().mkpath(directory))
        return engine::Error { "", "cannot create the folder " + directory.toStdString() };
    static const QRegularExpression unsafe(QStringLiteral("[^a-z0-9]+"));
    const QString venue
        = QString::fromLatin1(engine::venueName(table.venue).data(), qsizetype(engine::venueName(table.venue).size()));
    const QString name
        = venue + QLatin1Char('_') + table.symbols.value(0).toLower().replace(unsafe, QStringLiteral("-"));
    const QString path = QDir(directory).filePath(name + QStringLiteral(".json"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return engine::Error { "", "cannot write " + path.toStdString() + ": " + file.errorString().toStdString() };
    file.write(tierTableJson(table));
    if (!file.commit())
        return engine::Error { "", "cannot write " + path.toStdString() + ": " + file.errorString().toStdString() };
    return path;
}

TierLibrary TierLibrary::loadWithUserTables(const QString& userDirectory)
{
    TierLibrary lib = loadShipped();
    const QDir dir(userDirectory);
    for (const QString& name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            lib.m_errors << QStringLiteral("%1: cannot be read").arg(file.fileName());
            continue;
        }
        auto t = parseTierTable(file.readAll());
        if (!t) {
            lib.m_errors << QStringLiteral("%1: %2").arg(file.fileName(), QString::fromStdString(t.error().message()));
            continue;
        }
        lib.overlay(std::move(t).value());
    }
    return lib;
}

} // namespace levlab::model
