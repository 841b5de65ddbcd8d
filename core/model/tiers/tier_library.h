#pragma once

#include "core/engine/contract/contract.h"
#include "core/engine/margin/bracket.h"
#include "core/engine/result.h"
#include "core/engine/venue/venue.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace levlab::model {

/// A venue's published risk-limit table for one symbol, as shipped in
/// resources/tiers: the rows, and where and when they were read.
struct TierTable final {
    engine::Venue venue = engine::Venue::Textbook;
    QStringList symbols;  ///< the names the symbol goes by ("BTCUSDT", "BTC-USDT-SWAP")
    engine::ContractKind contract = engine::ContractKind::Linear;
    double tickSize = 0.01;  ///< price increment
    std::optional<double> contractSize;  ///< base units (linear) or USD (inverse) per contract; required for tiers in contracts
    QString asOf;         ///< date the table was published or read, YYYY-MM-DD
    QString source;       ///< the public page it comes from
    QString note;         ///< how the table was read, when the file says
    QString notionalCurrency;  ///< the currency the rows' notionals are in ("USDT"), when the file says
    QString fetchedAt;    ///< a table the user refreshed or imported: when it was fetched (ISO, UTC)
    bool user = false;    ///< refreshed or imported by the user, not shipped
    engine::BracketTable table;
};

/// Parses one tier file. Errors name the field ("brackets[2].mm_rate") or the
/// line of a syntax error; a field the format does not know is refused; the table
/// is validated as the engine would.
engine::Result<TierTable> parseTierTable(const QByteArray& bytes);

/// The tables shipped with the application, overlaid by the tables the user
/// refreshed or imported: a user table is used from then on for its venue and
/// symbol, and the shipped one stays the offline fallback.
class TierLibrary final {
public:
    /// Every table under the resource prefix :/tiers. A shipped file that does
    /// not parse is a build defect; it is reported in `errors()` and skipped.
    static TierLibrary loadShipped();

    /// Shipped tables overlaid by the user's tables saved in `userDirectory`
    /// (see user_tiers.h); a user file that does not read is reported in errors() and skipped.
    static TierLibrary loadWithUserTables(const QString& userDirectory);

    /// The table of `venue` for `symbol` (matched case-insensitively against
    /// every alias): the user's if there is one, else the shipped one, else nullptr.
    [[nodiscard]] const TierTable* find(engine::Venue venue, const QString& symbol) const;
    /// The shipped table only, whatever the user imported.
    [[nodiscard]] const TierTable* findShipped(engine::Venue venue, const QString& symbol) const;
    /// Puts `table` over the shipped one for its venue and symbol (replacing an earlier user table).
    void overlay(TierTable table);
    [[nodiscard]] const std::vector<TierTable>& userTables() const { return m_user; }
    [[nodiscard]] const std::vector<TierTable>& tables() const { return m_tables; }
    [[nodiscard]] const QStringList& errors() const { return m_errors; }

    void add(TierTable table) { m_tables.push_back(std::move(table)); }

private:
    std::vector<TierTable> m_tables;
    std::vector<TierTable> m_user;
    QStringList m_errors;
};

}  // namespace levlab::model
