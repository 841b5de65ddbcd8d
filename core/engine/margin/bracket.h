#pragma once

#include "core/engine/result.h"

#include <optional>
#include <vector>

namespace levlab::engine {

/// One row of a venue's risk-limit (maintenance margin) table.
/// Notional is in the settlement currency: USDT for linear, coin for inverse.
struct Bracket final {
    double notionalFloor = 0.0;
    double notionalCap = 0.0;        ///< exclusive upper bound
    double mmRate = 0.0;             ///< maintenance margin rate of the whole position
    double maintenanceAmount = 0.0;  ///< "cum" deduction: MM = notional × rate − amount
    double maxLeverage = 0.0;        ///< 0: the row sets no cap
    friend bool operator==(const Bracket&, const Bracket&) = default;
};

/// How a table's rows combine.
/// - Cumulative (Binance, Bybit): each row carries a maintenance amount that
///   makes the requirement continuous across rows.
/// - Step (BitMEX, OKX, Gate): crossing a row raises the rate of the whole
///   position; there is no deduction.
enum class BracketStyle { Cumulative, Step };

/// What a table's floors and caps measure.
/// - Notional: the position's value in the settlement currency, which moves with
///   the price (the row is re-read at the liquidation price).
/// - Contracts: the position's size in contracts, as OKX publishes the tiers of
///   some instruments; the row does not move with the price.
enum class BracketUnit { Notional, Contracts };

struct BracketTable final {
    BracketStyle style = BracketStyle::Cumulative;
    BracketUnit unit = BracketUnit::Notional;
    std::vector<Bracket> brackets;
};

/// The row whose [floor, cap) holds `notional` (contracts for a Contracts table); the last row for anything
/// beyond the table, the first for anything below it. nullptr for an empty table.
const Bracket* bracketFor(const BracketTable& table, double notional);

/// Index of the row bracketFor() picks, or -1 for an empty table.
int bracketIndexFor(const BracketTable& table, double notional);

/// Checks a table is usable: rows ascending and contiguous, rates in (0, 1),
/// max leverage ≥ 1 or 0 (none), step tables without deductions, no deduction
/// above rate × floor (a negative requirement), and cumulative tables whose
/// amounts follow the documented rule amount[n] = amount[n−1] + floor[n] ×
/// (rate[n] − rate[n−1]) (Binance FAQ "How to Calculate Liquidation Price of
/// COIN-M Futures Contracts", section Maintenance Amount) to within 0.01.
std::optional<Error> validateTable(const BracketTable& table, const std::string& field);

}  // namespace levlab::engine
