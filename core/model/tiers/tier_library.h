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
    engine::BracketTable table;
};

/// Parses one tier file. Errors name the field ("brackets[2].mm_rate") or the
/// line of a syntax error; a field the format does not know is refused; the table
/// is validated as the engine would.
engine::Result<TierTable> parseTierTable(const QByteArray& bytes);

/// The tables shipped with the application.
class TierLibrary final {
public:
    /// Every table under the resource prefix :/tiers. A shipped file that does
    /// not parse is a build defect; it is reported in `errors()` and skipped.
    static TierLibrary loadShipped();

    /// The table of `venue` for `symbol` (matched case-insensitively against
    /// every alias), or nullptr.
    [[nodiscard]] const TierTable* find(engine::Venue venue, const QString& symbol) const;
    [[nodiscard]] const std::vector<TierTable>& tables() const { return m_tables; }
    [[nodiscard]] const QStringList& errors() const { return m_errors; }

    void add(TierTable table) { m_tables.push_back(std::move(table)); }

private:
    std::vector<TierTable> m_tables;
    QStringList m_errors;
};

}  // namespace levlab::model
