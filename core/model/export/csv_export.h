#pragma once

#include <QByteArray>

namespace levlab::model {

class PortfolioModel;
class RiskModel;

/// The planned position's inputs and risk figures as CSV, one figure per row under
/// the header `figure,value,unit`. Values are unformatted (a point for decimals, no
/// thousands separators) with every digit a double holds; fractions are fractions
/// (0.0812, not 8.12%); a figure that does not exist (no stop, no liquidation
/// price) has an empty value. Units: price, money (the settlement currency),
/// contracts, fraction, ratio, hours, count, x (leverage), or text.
[[nodiscard]] QByteArray riskFiguresCsv(const RiskModel& model);

/// The portfolio, one position per row under the header
/// `id,symbol,side,margin_mode,quantity,entry,leverage,mark,margin,initial_margin,maintenance_margin,unrealized_pnl,liquidation_price,liquidation_distance`;
/// numbers as in riskFiguresCsv, distances as fractions of the mark.
[[nodiscard]] QByteArray portfolioCsv(const PortfolioModel& portfolio);

/// A number as the CSV files write it: shortest round-trip digits, never an exponent.
[[nodiscard]] QByteArray csvNumber(double value);

} // namespace levlab::model
