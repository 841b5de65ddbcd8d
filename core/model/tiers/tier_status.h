#pragma once

#include "core/engine/venue/venue.h"
#include "core/model/tiers/tier_library.h"

#include <QDate>
#include <QString>
#include <QUrl>

namespace levlab::model {

/// A table older than this is flagged: venues revise their risk limits.
inline constexpr qint64 kTierOldAfterDays = 90;

/// Which risk-limit table the figures use, in a trader's words.
struct TierStatus final {
    /// One short line: "Binance BTCUSDT tiers · 2021-03-26 · Binance docs — 5 years old: import today's".
    QString text;
    /// The whole story, for a tooltip: the source, how it was read, the fallback.
    QString details;
    bool old = false;      ///< older than kTierOldAfterDays
    qint64 ageDays = 0;    ///< days from the table's date to `today` (0 when it is in the future)
};

/// The status of `table` (the one in use for `venue` and `symbol`, or nullptr: none) on `today`.
[[nodiscard]] TierStatus tierStatus(const TierTable* table, engine::Venue venue, const QString& symbol, const QDate& today);

/// True when the venue publishes its risk-limit table on a public endpoint the app can
/// refresh from (Bybit, OKX, Gate, Hyperliquid, BitMEX); Binance's needs an account.
[[nodiscard]] bool tierRefreshable(engine::Venue venue);

/// Records how a user table came: fetched from `url`, or imported from the saved file `path`.
void markFetched(TierTable& table, const QUrl& url);
void markImported(TierTable& table, const QString& path);
[[nodiscard]] bool wasFetched(const TierTable& table);

}  // namespace levlab::model
