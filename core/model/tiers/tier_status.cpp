#include "core/model/tiers/tier_status.h"

#include "core/model/tiers/tier_import.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>

namespace levlab::model {

namespace {

const QString kFetchedFrom = QStringLiteral("Fetched from ");
const QString kImportedFrom = QStringLiteral("Imported from ");

QString venueText(engine::Venue v)
{
    const std::string_view name = engine::venueDisplayName(v);
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}

QString tr(const char* text)
{
    return QCoreApplication::translate("TierStatus", text);
}

/// "5 years old", "1 year old", "4 months old".
QString ageText(qint64 days)
{
    if (days >= 365) {
        const qint64 years = days / 365;
        return years == 1 ? tr("1 year old") : tr("%1 years old").arg(years);
    }
    return tr("%1 months old").arg(days / 30);
}

}  // namespace

bool tierRefreshable(engine::Venue venue)
{
    switch (venue) {
    case engine::Venue::Bybit:
    case engine::Venue::Okx:
    case engine::Venue::Gate:
    case engine::Venue::Hyperliquid:
    case engine::Venue::Bitmex:
        return true;
    case engine::Venue::Binance:
    case engine::Venue::Textbook:
        break;
    }
    return false;
}

void markFetched(TierTable& table, const QUrl& url)
{
    table.note = kFetchedFrom + url.toString();
}

void markImported(TierTable& table, const QString& path)
{
    table.note = kImportedFrom + QFileInfo(path).fileName();
}

bool wasFetched(const TierTable& table)
{
    return table.user && table.note.startsWith(kFetchedFrom);
}

TierStatus tierStatus(const TierTable* table, engine::Venue venue, const QString& symbol, const QDate& today)
{
    TierStatus s;
    const QString venueName = venueText(venue);
    if (table == nullptr) {
        s.text = tr("No risk-limit table for %1 %2").arg(venueName, symbol);
        s.details = tr("Import the venue's saved response (Risk limits › Import saved response…).");
        return s;
    }
    const QString name = table->symbols.value(0);
    if (venue == engine::Venue::Textbook) {
        s.text = tr("Textbook %1 rule · the lessons' flat maintenance rate").arg(name);
        s.details = tr("Source: %1").arg(table->source);
        return s;
    }
    const QDate date = QDate::fromString(table->asOf, Qt::ISODate);
    s.ageDays = date.isValid() ? std::max<qint64>(0, date.daysTo(today)) : 0;
    s.old = s.ageDays > kTierOldAfterDays;
    const QString origin = !table->user ? tr("%1 docs").arg(venueName)
                         : wasFetched(*table) ? tr("fetched from %1").arg(venueName)
                                              : tr("imported response");
    s.text = tr("%1 %2 tiers · %3 · %4").arg(venueName, name, table->asOf, origin);
    if (s.old)
        s.text += tierRefreshable(venue) ? tr(" — %1: refresh or import today's").arg(ageText(s.ageDays))
                                         : tr(" — %1: import today's").arg(ageText(s.ageDays));
    QStringList lines{tr("Source: %1").arg(table->source)};
    if (!table->note.isEmpty())
        lines << table->note;
    if (table->user) {
        const QDateTime fetched = QDateTime::fromString(table->fetchedAt, Qt::ISODate);
        if (fetched.isValid())
            lines << tr("Fetched %1 UTC; the shipped table stays the offline fallback.")
                         .arg(fetched.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    } else {
        lines << tr("Shipped with the app, as of %1.").arg(table->asOf);
    }
    lines << (tierRefreshable(venue) ? tr("Risk limits › Refresh replaces it with today's table from %1.").arg(venueName)
                                     : tr("%1's table needs an account: save %2 and import it "
                                          "(Risk limits › Import saved response…).")
                                           .arg(venueName, tierEndpoint(venue)));
    s.details = lines.join(QLatin1Char('\n'));
    return s;
}

}  // namespace levlab::model
