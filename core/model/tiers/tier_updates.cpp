#include "core/model/tiers/tier_updates.h"

#include "core/model/tiers/user_tiers.h"

#include <QFile>
#include <QFileInfo>

namespace levlab::model {

namespace {

QString venueText(engine::Venue v)
{
    const std::string_view name = engine::venueDisplayName(v);
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}

}  // namespace

TierUpdates::TierUpdates(TierLibrary& library, QString directory, QObject* parent)
    : QObject(parent), m_library(library), m_directory(std::move(directory))
{
}

TierStatus TierUpdates::status(engine::Venue venue, const QString& symbol, const QDate& today) const
{
    return tierStatus(m_library.find(venue, symbol), venue, symbol, today);
}

engine::Result<TierImportRequest> TierUpdates::requestFor(engine::Venue venue, const QString& symbol) const
{
    TierImportRequest r;
    r.venue = venue;
    // The venue's own name for the symbol is the first of the table's names.
    const TierTable* table = m_library.find(venue, symbol);
    r.symbol = table != nullptr ? table->symbols.value(0) : symbol;
    if (venue == engine::Venue::Okx) {
        r.contractSize = table != nullptr && table->contractSize ? table->contractSize : okxContractSize(r.symbol);
        if (!r.contractSize)
            return engine::Error { "contract_size",
                "OKX counts the tiers of " + r.symbol.toStdString()
                    + " in contracts of an unknown size: import it with levlab-cli tiers --contract-size" };
    }
    return r;
}

void TierUpdates::refresh(engine::Venue venue, const QString& symbol)
{
    auto request = requestFor(venue, symbol);
    if (!request) {
        emit finished(false, QString::fromStdString(request.error().message()));
        return;
    }
    m_fetcher.fetch(*request, [this, request = *request](engine::Result<TierTable> table) {
        if (!table) {
            emit finished(false,
                QStringLiteral("Risk-limit table not refreshed: %1").arg(QString::fromStdString(table.error().reason)));
            return;
        }
        const auto saved = adopt(std::move(table).value());
        emit finished(bool(saved), saved ? *saved : QString::fromStdString(saved.error().message()));
    });
}

engine::Result<QString> TierUpdates::importFile(engine::Venue venue, const QString& symbol, const QString& path)
{
    auto asked = requestFor(venue, symbol);
    if (!asked)
        return asked.error();
    TierImportRequest request = std::move(asked).value();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return engine::Error { "", QFileInfo(path).fileName().toStdString() + " cannot be read" };
    request.fetchedAt = QFileInfo(file).lastModified().toUTC();
    auto imported = importTierResponse(request, file.readAll());
    if (!imported)
        return engine::Error { "",
            QFileInfo(path).fileName().toStdString() + " was not imported (" + imported.error().message()
                + "); nothing was changed" };
    TierTable table = std::move(imported).value();
    markImported(table, path);
    return adopt(std::move(table));
}

engine::Result<QString> TierUpdates::adopt(TierTable table)
{
    const auto saved = saveUserTable(table, m_directory);
    if (!saved)
        return engine::Error { "", "the table could not be stored (" + saved.error().message() + "); nothing was changed" };
    const QString text = QStringLiteral("%1 %2: %3 risk-limit rows as of %4, in use from now on.")
                             .arg(venueText(table.venue), table.symbols.value(0))
                             .arg(table.table.brackets.size())
                             .arg(table.asOf);
    m_library.overlay(std::move(table));
    emit tablesChanged();
    return text;
}

}  // namespace levlab::model
