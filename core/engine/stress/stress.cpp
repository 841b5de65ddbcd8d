#include "core/engine/stress/stress.h"

#include "core/engine/limits.h"

#include <cmath>
#include <optional>
#include <string>

namespace levlab::engine {

namespace {

std::optional<Error> checkLeverages(Rate mmRate, const std::vector<Leverage>& leverages)
{
    if (!(std::isfinite(mmRate.value()) && mmRate.value() >= 0.0 && mmRate.value() < 1.0))
        return Error{"mmr", "must lie in [0, 1)"};
    if (leverages.empty())
        return Error{"leverage", "give at least one leverage"};
    for (std::size_t i = 0; i < leverages.size(); ++i) {
        const double l = leverages[i].value();
        const std::string f = "leverage[" + std::to_string(i) + "]";
        if (!std::isfinite(l) || l <= 0.0)
            return Error{f, "must be a finite number greater than 0"};
        if (!within(l, kMinLeverage, kMaxLeverage))
            return Error{f, "must lie between " + numberText(kMinLeverage) + " and " + numberText(kMaxLeverage)
                                + " (1 means no leverage; below it the margin exceeds the position)"};
        if (1.0 / l <= mmRate.value())
            return Error{f, "at this leverage the maintenance margin takes the whole initial margin"};
    }
    return std::nullopt;
}

}  // namespace

Result<std::vector<StressRow>> stressTable(Money margin, Price entry, Rate mmRate, const std::vector<Leverage>& leverages)
{
    if (!(std::isfinite(margin.value()) && margin.value() > 0.0))
        return Error{"margin", "must be a finite amount greater than 0"};
    if (margin.value() > kMaxAmount)
        return Error{"margin", "must be at most " + numberText(kMaxAmount)};
    if (!(std::isfinite(entry.value()) && entry.value() > 0.0))
        return Error{"entry", "must be a finite price greater than 0"};
    if (!within(entry.value(), kMinPrice, kMaxPrice))
        return Error{"entry", "must lie between " + numberText(kMinPrice) + " and " + numberText(kMaxPrice)};
    if (auto e = checkLeverages(mmRate, leverages))
        return *e;
    std::vector<StressRow> rows;
    rows.reserve(leverages.size());
    for (Leverage l : leverages) {
        StressRow r;
        r.leverage = l;
        r.notional = margin * l.value();
        r.initialMargin = margin;
        r.maintenanceMargin = r.notional * mmRate;
        r.absorbableLoss = margin - r.maintenanceMargin;
        r.dropToLiquidation = Rate(r.absorbableLoss.value() / r.notional.value());
        r.liquidationPrice = Price(entry.value() * (1.0 - r.dropToLiquidation.value()));
        rows.push_back(r);
    }
    return rows;
}

Result<std::vector<std::vector<ShockCell>>> shockGrid(Rate mmRate, const std::vector<double>& shocks,
                                                      const std::vector<Leverage>& leverages)
{
    if (auto e = checkLeverages(mmRate, leverages))
        return *e;
    if (shocks.empty())
        return Error{"shock", "give at least one price move"};
    std::vector<std::vector<ShockCell>> grid;
    for (std::size_t i = 0; i < shocks.size(); ++i) {
        const double shock = shocks[i];
        if (!std::isfinite(shock) || shock <= -1.0)
            return Error{"shock[" + std::to_string(i) + "]", "must be a finite move above -100%"};
        std::vector<ShockCell> row;
        for (Leverage l : leverages) {
            ShockCell c;
            c.shock = shock;
            c.leverage = l.value();
            const double drop = 1.0 / l.value() - mmRate.value();
            c.liquidated = shock <= -drop;
            c.returnOnMargin = c.liquidated ? -1.0 : shock * l.value();
            row.push_back(c);
        }
        grid.push_back(std::move(row));
    }
    return grid;
}

}  // namespace levlab::engine
