#pragma once

#include "core/model/tiers/tier_fetch.h"
#include "core/model/tiers/tier_library.h"
#include "core/model/tiers/tier_status.h"

#include <QObject>
#include <QString>

namespace levlab::model {

/// The window's way to today's risk-limit tables: refreshes a venue's table from its
/// public endpoint or imports a saved response, checks it, stores it for the user
/// (user_tiers.h, with its fetch time and source) and lays it over `library`, which the
/// models read from then on. A refusal changes nothing. The shipped tables stay the
/// offline fallback.
class TierUpdates final : public QObject {
    Q_OBJECT
public:
    /// `directory`: where the user's tables are kept (userTierDirectory() in the app).
    TierUpdates(TierLibrary& library, QString directory, QObject* parent = nullptr);

    /// The table in use for `venue` and `symbol`, and its status on `today` (see tierStatus).
    [[nodiscard]] TierStatus status(engine::Venue venue, const QString& symbol, const QDate& today) const;

    /// Starts fetching the table of `venue` for `symbol` (any name of it); finished() says how it went.
    void refresh(engine::Venue venue, const QString& symbol);
    [[nodiscard]] bool busy() const { return m_fetcher.busy(); }
    [[nodiscard]] TierFetcher& fetcher() { return m_fetcher; }

    /// Imports the venue's response saved in `path`, dated by the file's modification time.
    /// Returns the message to show: what was imported, or why nothing was.
    engine::Result<QString> importFile(engine::Venue venue, const QString& symbol, const QString& path);

signals:
    /// A table was stored and is in use from now on: models reading the library recompute.
    void tablesChanged();
    /// A refresh ended: `ok` and one sentence to show.
    void finished(bool ok, const QString& message);

private:
    /// The request for the table of `venue` in use for `symbol` (its venue name, OKX's contract size).
    [[nodiscard]] engine::Result<TierImportRequest> requestFor(engine::Venue venue, const QString& symbol) const;
    engine::Result<QString> adopt(TierTable table);

    TierLibrary& m_library;
    QString m_directory;
    TierFetcher m_fetcher;
};

}  // namespace levlab::model
