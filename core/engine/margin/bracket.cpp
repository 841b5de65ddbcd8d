#include "core/engine/margin/bracket.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace levlab::engine {

int bracketIndexFor(const BracketTable& table, double notional)
{
    const auto& rows = table.brackets;
    if (rows.empty())
        return -1;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (notional < rows[i].notionalCap)
            return static_cast<int>(i);
    }
    return static_cast<int>(rows.size()) - 1;
}

const Bracket* bracketFor(const BracketTable& table, double notional)
{
    const int i = bracketIndexFor(table, notional);
    return i < 0 ? nullptr : &table.brackets[static_cast<std::size_t>(i)];
}

std::optional<Error> validateTable(const BracketTable& table, const std::string& field)
{
    const auto& rows = table.brackets;
    if (rows.empty())
        return Error{field, "the bracket table is empty"};
    if (table.unit == BracketUnit::Contracts && table.style != BracketStyle::Step)
        return Error{field, "tiers measured in contracts raise the whole position's rate (a step table): they carry no deduction"};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Bracket& b = rows[i];
        const auto row = [&field, i] { return field + "[" + std::to_string(i) + "]"; };
        if (!std::isfinite(b.notionalFloor) || !std::isfinite(b.notionalCap) || b.notionalFloor < 0
            || b.notionalCap <= b.notionalFloor)
            return Error{row(), "notional_cap must be greater than notional_floor, both finite and not negative"};
        if (!(b.mmRate > 0.0 && b.mmRate < 1.0))
            return Error{row() + ".mm_rate", "must lie between 0 and 1 (a fraction: 0.005 is 0.5%)"};
        if (b.maxLeverage != 0.0 && (!(b.maxLeverage >= 1.0) || !std::isfinite(b.maxLeverage)))
            return Error{row() + ".max_leverage", "must be at least 1 (or left out: no cap)"};
        if (!std::isfinite(b.maintenanceAmount) || b.maintenanceAmount < 0)
            return Error{row() + ".maintenance_amount", "must be a finite number, not negative"};
        // The requirement is smallest at the row's floor; a deduction above it there would make it negative.
        if (b.maintenanceAmount > b.mmRate * b.notionalFloor + 0.01)
            return Error{row() + ".maintenance_amount", "is " + numberText(b.maintenanceAmount) + ", above mm_rate × notional_floor ("
                                                            + numberText(b.mmRate * b.notionalFloor)
                                                            + "): the maintenance margin would be negative"};
        if (i == 0) {
            if (b.notionalFloor != 0.0)
                return Error{row() + ".notional_floor", "the first bracket must start at 0"};
            continue;
        }
        const Bracket& prev = rows[i - 1];
        if (std::abs(b.notionalFloor - prev.notionalCap) > 1e-9 * std::max(1.0, prev.notionalCap))
            return Error{row() + ".notional_floor", "must equal the previous bracket's notional_cap"};
        if (table.style == BracketStyle::Step) {
            if (b.maintenanceAmount != 0.0)
                return Error{row() + ".maintenance_amount", "step tables raise the whole position's rate and carry no deduction"};
        } else {
            const double expected = prev.maintenanceAmount + b.notionalFloor * (b.mmRate - prev.mmRate);
            if (std::abs(expected - b.maintenanceAmount) > 0.01)
                return Error{row() + ".maintenance_amount",
                             "is " + numberText(b.maintenanceAmount) + " but the previous amount + notional_floor × the rate step gives "
                                 + numberText(expected) + ": the maintenance margin would jump at the row's floor"};
        }
    }
    return std::nullopt;
}

}  // namespace levlab::engine
