#include "core/engine/history/odds.h"

#include "core/engine/account/account.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace levlab::engine {

namespace {

/// For every entry i whose period ends inside the data: the lowest low (long) or highest
/// high (short) of bars i … e(i), e(i) the last bar opening before time(i) + span.
struct Window final {
    std::vector<double> extreme;  ///< per entry; size = number of entries
};

Window windowExtremes(const std::vector<Bar>& bars, std::int64_t dataEnd, std::int64_t span, Side side)
{
    Window w;
    const std::size_t n = bars.size();
    const bool isLong = side == Side::Long;
    const auto value = [&](std::size_t j) { return isLong ? bars[j].low : bars[j].high; };
    // "a dominates b": a is at least as extreme, so b can never be the window's extreme again.
    const auto atLeastAsExtreme = [&](double a, double b) { return isLong ? a <= b : a >= b; };
    std::vector<std::size_t> queue(n);
    std::size_t head = 0, tail = 0;
    std::size_t next = 0;
    for (std::size_t i = 0; i < n && bars[i].time + span <= dataEnd; ++i) {
        while (next < n && bars[next].time < bars[i].time + span) {
            while (tail > head && atLeastAsExtreme(value(next), value(queue[tail - 1])))
                --tail;
            queue[tail++] = next++;
        }
        while (queue[head] < i)
            ++head;
        w.extreme.push_back(value(queue[head]));
    }
    return w;
}

struct Task final {
    Side side;
    std::size_t hoursIndex;
};

}  // namespace

Result<std::optional<double>> liquidationRatio(const OddsPosition& plan, Side side, double leverage)
{
    PositionInput p = plan.position;
    p.side = side;
    p.leverage = leverage;
    p.isolatedMargin.reset();
    if (p.mode == MarginMode::Cross)
        p.mode = MarginMode::Isolated;
    p.markPrice = p.entryPrice;
    auto r = evaluatePosition(plan.venue, p);
    if (!r)
        return r.error();
    if (!r->liquidationPrice)
        return std::optional<double>{};
    return std::optional<double>{*r->liquidationPrice / p.entryPrice};
}

std::optional<std::size_t> firstPassage(const std::vector<Bar>& bars, std::size_t from, std::size_t to, Side side,
                                        double level)
{
    for (std::size_t j = from; j <= to && j < bars.size(); ++j) {
        if (side == Side::Long ? bars[j].low <= level : bars[j].high >= level)
            return j;
    }
    return std::nullopt;
}

Result<OddsGrid> liquidationOdds(const std::vector<Bar>& bars, std::int64_t intervalSeconds, const OddsPosition& plan,
                                 const std::vector<double>& leverages, const std::vector<double>& hours,
                                 const std::vector<Side>& sides)
{
    if (plan.stopDistance && !(*plan.stopDistance > 0.0 && *plan.stopDistance < 1.0))
        return Error{"stop", "must lie between 0% and 100% of the entry"};
    for (double h : hours) {
        if (!(h > 0.0) || h > 24.0 * 3660.0)
            return Error{"hours", numberText(h) + " is not a holding period between 0 and 10 years"};
    }
    // Ratios first: a refused leverage refuses the grid before any work.
    std::vector<std::vector<std::optional<double>>> ratios(sides.size());
    for (std::size_t s = 0; s < sides.size(); ++s) {
        for (double lev : leverages) {
            auto r = liquidationRatio(plan, sides[s], lev);
            if (!r)
                return Error{"leverage", numberText(lev) + "x: " + r.error().reason};
            ratios[s].push_back(*r);
        }
    }
    OddsGrid grid;
    grid.cells.resize(sides.size() * leverages.size() * hours.size());
    if (bars.empty())
        return grid;
    const std::int64_t dataEnd = bars.back().time + intervalSeconds;

    std::vector<Task> tasks;
    for (std::size_t s = 0; s < sides.size(); ++s)
        for (std::size_t h = 0; h < hours.size(); ++h)
            tasks.push_back({sides[s], h});
    const auto cellAt = [&](std::size_t s, std::size_t l, std::size_t h) -> OddsCell& {
        return grid.cells[(s * leverages.size() + l) * hours.size() + h];
    };
    const auto run = [&](std::size_t t) {
        const Task task = tasks[t];
        const std::size_t s = t / hours.size();
        const bool isLong = task.side == Side::Long;
        const auto span = static_cast<std::int64_t>(std::llround(hours[task.hoursIndex] * 3600.0));
        const Window w = windowExtremes(bars, dataEnd, span, task.side);
        const std::size_t entries = w.extreme.size();
        std::optional<std::size_t> worst;
        double worstMove = 0.0;
        for (std::size_t i = 0; i < entries; ++i) {
            const double move = isLong ? 1.0 - w.extreme[i] / bars[i].open : w.extreme[i] / bars[i].open - 1.0;
            if (!worst || move > worstMove) {
                worst = i;
                worstMove = move;
            }
        }
        std::size_t stopHits = 0;
        if (plan.stopDistance) {
            const double stopRatio = isLong ? 1.0 - *plan.stopDistance : 1.0 + *plan.stopDistance;
            for (std::size_t i = 0; i < entries; ++i) {
                const double stop = stopRatio * bars[i].open;
                stopHits += (isLong ? w.extreme[i] <= stop : w.extreme[i] >= stop) ? 1 : 0;
            }
        }
        for (std::size_t l = 0; l < leverages.size(); ++l) {
            OddsCell& cell = cellAt(s, l, task.hoursIndex);
            cell.side = task.side;
            cell.leverage = leverages[l];
            cell.hours = hours[task.hoursIndex];
            cell.entries = entries;
            cell.liquidationRatio = ratios[s][l];
            cell.worstEntry = worst;
            cell.worstMove = worstMove;
            std::size_t hit = 0;
            if (const auto ratio = ratios[s][l]) {
                if (isLong) {
                    for (std::size_t i = 0; i < entries; ++i)
                        hit += w.extreme[i] <= *ratio * bars[i].open ? 1 : 0;
                } else {
                    for (std::size_t i = 0; i < entries; ++i)
                        hit += w.extreme[i] >= *ratio * bars[i].open ? 1 : 0;
                }
            }
            cell.liquidated = hit;
            cell.share = entries > 0 ? static_cast<double>(hit) / static_cast<double>(entries) : 0.0;
            if (plan.stopDistance) {
                const double stopRatio = isLong ? 1.0 - *plan.stopDistance : 1.0 + *plan.stopDistance;
                const auto ratio = ratios[s][l];
                cell.stopBeyondLiquidation = ratio && (isLong ? stopRatio <= *ratio : stopRatio >= *ratio);
                cell.stoppedFirst = cell.stopBeyondLiquidation ? 0 : stopHits;
            }
        }
    };
    // Two workers share the (side, period) tasks; each writes only its own cells.
    const unsigned workers = std::min<unsigned>(std::max(1u, std::thread::hardware_concurrency()),
                                                static_cast<unsigned>(tasks.size()));
    if (workers <= 1 || bars.size() < 10000) {
        for (std::size_t t = 0; t < tasks.size(); ++t)
            run(t);
    } else {
        std::vector<std::thread> pool;
        for (unsigned k = 0; k < workers; ++k) {
            pool.emplace_back([&, k] {
                for (std::size_t t = k; t < tasks.size(); t += workers)
                    run(t);
            });
        }
        for (auto& th : pool)
            th.join();
    }
    return grid;
}

}  // namespace levlab::engine
