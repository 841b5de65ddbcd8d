#include "core/engine/history/odds.h"

#include "core/engine/account/account.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace levlab::engine {

namespace {

/// The bars' columns, contiguous: each pass over the entries reads only what it needs.
struct Columns final {
    std::vector<std::int64_t> time;
    std::vector<double> open;
    std::vector<double> low;
    std::vector<double> high;
};

Columns columnsOf(const std::vector<Bar>& bars)
{
    Columns c;
    c.time.reserve(bars.size());
    c.open.reserve(bars.size());
    c.low.reserve(bars.size());
    c.high.reserve(bars.size());
    for (const Bar& b : bars) {
        c.time.push_back(b.time);
        c.open.push_back(b.open);
        c.low.push_back(b.low);
        c.high.push_back(b.high);
    }
    return c;
}

/// For every entry i whose period ends inside the data: the lowest low (long) or highest
/// high (short) of bars i … e(i), e(i) the last bar opening before time(i) + span. A
/// monotonic queue holds the candidates; each bar enters and leaves it once.
template <bool IsLong>
void windowExtremes(const Columns& c, std::int64_t dataEnd, std::int64_t span, std::vector<double>& extreme,
                    std::vector<std::size_t>& queue)
{
    const std::vector<double>& value = IsLong ? c.low : c.high;
    const std::size_t n = value.size();
    extreme.clear();
    queue.resize(n);
    std::size_t head = 0, tail = 0, next = 0;
    for (std::size_t i = 0; i < n && c.time[i] + span <= dataEnd; ++i) {
        while (next < n && c.time[next] < c.time[i] + span) {
            const double v = value[next];
            // A bar at least as extreme as the queue's last makes that one useless.
            while (tail > head && (IsLong ? v <= value[queue[tail - 1]] : v >= value[queue[tail - 1]]))
                --tail;
            queue[tail++] = next++;
        }
        while (queue[head] < i)
            ++head;
        extreme.push_back(value[queue[head]]);
    }
}

struct Task final {
    std::size_t sideIndex;
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
            tasks.push_back({s, h});
    const auto cellAt = [&](std::size_t s, std::size_t l, std::size_t h) -> OddsCell& {
        return grid.cells[(s * leverages.size() + l) * hours.size() + h];
    };
    const Columns cols = columnsOf(bars);
    const auto run = [&](std::size_t t) {
        const Task task = tasks[t];
        const std::size_t s = task.sideIndex;
        const bool isLong = sides[s] == Side::Long;
        const auto span = static_cast<std::int64_t>(std::llround(hours[task.hoursIndex] * 3600.0));
        std::vector<double> extreme;
        std::vector<std::size_t> queue;
        extreme.reserve(bars.size());
        if (isLong)
            windowExtremes<true>(cols, dataEnd, span, extreme, queue);
        else
            windowExtremes<false>(cols, dataEnd, span, extreme, queue);
        const std::size_t entries = extreme.size();
        // Leverages that can be liquidated, nearest liquidation first: an entry reached by one
        // is reached by every one before it, so each entry counts how far down the list it goes.
        std::vector<std::size_t> order;
        for (std::size_t l = 0; l < leverages.size(); ++l) {
            if (ratios[s][l])
                order.push_back(l);
        }
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return isLong ? *ratios[s][a] > *ratios[s][b] : *ratios[s][a] < *ratios[s][b];
        });
        std::vector<double> levels;
        for (std::size_t l : order)
            levels.push_back(*ratios[s][l]);
        std::vector<std::size_t> reachedDepth(order.size() + 1, 0);
        const double stopRatio = !plan.stopDistance ? 0.0 : isLong ? 1.0 - *plan.stopDistance : 1.0 + *plan.stopDistance;
        std::size_t stopHits = 0;
        std::optional<std::size_t> worst;
        double worstMove = 0.0;
        const std::size_t m = levels.size();
        for (std::size_t i = 0; i < entries; ++i) {
            const double open = cols.open[i];
            const double x = extreme[i];
            std::size_t k = 0;
            if (isLong) {
                while (k < m && x <= levels[k] * open)
                    ++k;
                stopHits += x <= stopRatio * open ? 1 : 0;
            } else {
                while (k < m && x >= levels[k] * open)
                    ++k;
                stopHits += x >= stopRatio * open ? 1 : 0;
            }
            ++reachedDepth[k];
            const double move = isLong ? 1.0 - x / open : x / open - 1.0;
            if (!worst || move > worstMove) {
                worst = i;
                worstMove = move;
            }
        }
        // liquidated(order[p]) = entries that went at least p + 1 deep.
        std::vector<std::size_t> liquidated(leverages.size(), 0);
        std::size_t deeper = 0;
        for (std::size_t p = m; p-- > 0;) {
            deeper += reachedDepth[p + 1];
            liquidated[order[p]] = deeper;
        }
        for (std::size_t l = 0; l < leverages.size(); ++l) {
            OddsCell& cell = cellAt(s, l, task.hoursIndex);
            cell.side = sides[s];
            cell.leverage = leverages[l];
            cell.hours = hours[task.hoursIndex];
            cell.entries = entries;
            cell.liquidationRatio = ratios[s][l];
            cell.worstEntry = worst;
            cell.worstMove = worstMove;
            cell.liquidated = liquidated[l];
            cell.share = entries > 0 ? static_cast<double>(liquidated[l]) / static_cast<double>(entries) : 0.0;
            if (plan.stopDistance) {
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
