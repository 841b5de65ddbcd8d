#include "core/engine/stress/history_stress.h"

#include "core/engine/history/bar_path.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace levlab::engine {

namespace {

constexpr std::size_t kChunk = 64;  ///< entries a thread takes at a time

std::int64_t spanSeconds(const HistoryRunOptions& o) { return static_cast<std::int64_t>(std::llround(o.hours * 3600.0)); }

/// How many bars from the first are entries: those whose period ends inside the data.
std::size_t entryCount(const std::vector<Bar>& bars, const HistoryRunOptions& o)
{
    if (bars.empty())
        return 0;
    const std::int64_t dataEnd = bars.back().time + o.intervalSeconds;
    const std::int64_t span = spanSeconds(o);
    const auto past = std::upper_bound(bars.begin(), bars.end(), dataEnd - span, [](std::int64_t t, const Bar& b) { return t < b.time; });
    return static_cast<std::size_t>(past - bars.begin());
}

/// Walks one plan through entry i's bars; stops as soon as it is closed.
template <typename Visit>
void walk(const std::vector<Bar>& bars, const HistoryRunOptions& o, std::size_t i, std::size_t count, Visit&& visit)
{
    for (std::size_t j = i; j < i + count; ++j) {
        const std::array<double, 4> prices = intraBarPath(bars[j]);
        const std::int64_t endMs = (bars[j].time + o.intervalSeconds) * 1000;
        for (std::size_t k = j == i ? 1 : 0; k < prices.size(); ++k) {
            if (!visit(PathPoint{endMs, prices[k], prices[k]}))
                return;
        }
    }
}

PlanOutcome finished(TradeSimulator& s)
{
    s.closeAtEnd();
    return {s.outcome(), s.result()};
}

}  // namespace

TradePlan planAtEntry(const TradePlan& plan, double price)
{
    TradePlan p = plan;
    const double from = plan.position.entryPrice;
    const double f = price / from;
    const auto scale = [f](std::optional<double>& v) {
        if (v)
            *v *= f;
    };
    p.position.entryPrice = price;
    p.position.markPrice = price;
    if (p.position.contract.kind == ContractKind::Linear) {
        p.position.quantity = plan.position.quantity * from / price;
    } else {
        // The same dollars in coin at the new price.
        const double coin = from / price;
        for (std::optional<double>* v : {&p.wallet, &p.position.isolatedMargin})
            if (*v)
                **v *= coin;
        for (TopUpRule& r : p.exits.topUps) {
            r.amount *= coin;
            if (r.maxTotal)
                *r.maxTotal *= coin;
        }
    }
    scale(p.exits.stopLoss);
    for (TakeProfit& t : p.exits.targets)
        t.price *= f;
    for (StopMove& m : p.exits.stopMoves)
        m.price *= f;
    if (p.exits.trailing) {
        if (p.exits.trailing->inPrice)
            p.exits.trailing->distance *= f;
        scale(p.exits.trailing->activationPrice);
    }
    return p;
}

std::size_t entryBars(const std::vector<Bar>& bars, const HistoryRunOptions& o, std::size_t i)
{
    if (i >= entryCount(bars, o))
        return 0;
    const std::int64_t end = bars[i].time + spanSeconds(o);
    const auto last = std::lower_bound(bars.begin() + static_cast<std::ptrdiff_t>(i), bars.end(), end,
                                       [](const Bar& b, std::int64_t t) { return b.time < t; });
    return static_cast<std::size_t>(last - bars.begin()) - i;
}

std::vector<PathPoint> historyPath(const std::vector<Bar>& bars, const HistoryRunOptions& o, std::size_t i)
{
    const std::size_t count = entryBars(bars, o, i);
    if (count == 0)
        return {};
    std::vector<PathPoint> out{PathPoint{bars[i].time * 1000, bars[i].open, bars[i].open}};
    walk(bars, o, i, count, [&](const PathPoint& p) {
        out.push_back(p);
        return true;
    });
    return out;
}

Result<HistoryStressResult> stressPlanOverHistory(const TradePlan& plan, const std::vector<Bar>& bars, const HistoryRunOptions& o)
{
    if (!(o.hours > 0.0) || o.hours > 24.0 * 3660.0)
        return Error{"hours", numberText(o.hours) + " is not a holding period between 0 and 10 years"};
    if (o.intervalSeconds < 1)
        return Error{"interval", "the bars' spacing must be at least one second"};
    if (!(std::isfinite(plan.position.entryPrice) && plan.position.entryPrice > 0.0))
        return Error{"entry_price", "must be a price above 0"};
    const std::size_t entries = entryCount(bars, o);
    if (entries == 0)
        return Error{"prices", "the history is shorter than the holding period of " + numberText(o.hours) + " h: no entry has a whole period"};
    if (auto refused = refuseUnopenable(plan))
        return *refused;
    const TradePlan plain = plainPlan(plan);
    HistoryStressResult out;
    out.entries = entries;
    PlanStressResult& r = out.run;
    r.pathsWithRules.resize(entries);
    r.pathsPlain.resize(entries);
    std::atomic<std::size_t> refusedAt{entries};
    const auto runEntry = [&](std::size_t i) {
        const double open = bars[i].open;
        const PathPoint start{bars[i].time * 1000, open, open};
        const TradePlan a = planAtEntry(plan, open);
        const TradePlan b = planAtEntry(plain, open);
        auto simA = TradeSimulator::open(a, start, false);
        auto simB = TradeSimulator::open(b, start, false);
        if (!simA || !simB) {
            // The plan moved to this price does not open: the earliest such entry refuses the run.
            std::size_t seen = refusedAt.load();
            while (i < seen && !refusedAt.compare_exchange_weak(seen, i)) {
            }
            return;
        }
        TradeSimulator& sa = simA.value();
        TradeSimulator& sb = simB.value();
        walk(bars, o, i, entryBars(bars, o, i), [&](const PathPoint& p) {
            sa.advance(p);
            sb.advance(p);
            return !sa.closed() || !sb.closed();
        });
        r.pathsWithRules[i] = finished(sa);
        r.pathsPlain[i] = finished(sb);
    };
    std::atomic<std::size_t> nextChunk{0};
    const auto work = [&] {
        for (;;) {
            const std::size_t first = nextChunk.fetch_add(kChunk);
            if (first >= entries)
                return;
            for (std::size_t i = first; i < std::min(first + kChunk, entries); ++i)
                runEntry(i);
        }
    };
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const auto threads = static_cast<unsigned>(std::min<std::size_t>(o.threads == 0 ? hardware : o.threads, (entries + kChunk - 1) / kChunk));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (auto& t : pool)
        t.join();
    if (const std::size_t i = refusedAt.load(); i < entries) {
        const double open = bars[i].open;
        auto a = TradeSimulator::open(planAtEntry(plan, open), PathPoint{0, open, open}, false);
        const Error e = a ? TradeSimulator::open(planAtEntry(plain, open), PathPoint{0, open, open}, false).error() : a.error();
        return Error{e.field, "the plan moved to the entry of bar " + std::to_string(i) + " (at " + numberText(open)
                                  + ") does not open: " + e.reason};
    }
    r.withRules = summarize(r.pathsWithRules, StressRunOptions{});
    r.plain = summarize(r.pathsPlain, StressRunOptions{});
    r.withRules.worstSeed = r.plain.worstSeed = 0;
    out.worstEntryTime = bars[r.withRules.worstPath].time;
    out.plainWorstEntryTime = bars[r.plain.worstPath].time;
    return out;
}

}  // namespace levlab::engine
