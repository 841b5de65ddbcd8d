#include "core/engine/stress/plan_stress.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace levlab::engine {

namespace {

constexpr std::size_t kMaxPaths = 1'000'000;
constexpr int kMaxSteps = 100'000;
constexpr std::size_t kChunk = 64;  ///< paths a thread takes at a time

PlanOutcome finished(TradeSimulator& s)
{
    s.closeAtEnd();
    return {s.outcome(), s.result()};
}

/// Both plans over one path, generated as it goes and only as long as one is open.
void runPath(const TradePlan& plan, const TradePlan& plain, const StressRunOptions& o, std::size_t index, PlanOutcome& withRules,
             PlanOutcome& without)
{
    market::PricePath path(market::pathSeed(o.seed, index), o.regime, plan.position.entryPrice, o.stepSeconds);
    // Both were opened once before the run, so opening again cannot fail.
    TradeSimulator a = TradeSimulator::open(plan, path.current(), false).value();
    TradeSimulator b = TradeSimulator::open(plain, path.current(), false).value();
    for (int i = 0; i < o.steps && (!a.closed() || !b.closed()); ++i) {
        const PathPoint& p = path.next();
        a.advance(p);
        b.advance(p);
    }
    withRules = finished(a);
    without = finished(b);
}

}  // namespace

std::vector<PathPoint> stressPath(const TradePlan& plan, const StressRunOptions& o, std::size_t index)
{
    market::PricePath path(market::pathSeed(o.seed, index), o.regime, plan.position.entryPrice, o.stepSeconds);
    std::vector<PathPoint> out{path.current()};
    out.reserve(static_cast<std::size_t>(o.steps) + 1);
    for (int i = 0; i < o.steps; ++i)
        out.push_back(path.next());
    return out;
}

OutcomeSummary summarize(const std::vector<PlanOutcome>& outcomes, const StressRunOptions& o)
{
    OutcomeSummary s;
    if (outcomes.empty())
        return s;
    std::vector<double> results;
    results.reserve(outcomes.size());
    double sum = 0.0;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        ++s.counts[static_cast<std::size_t>(outcomes[i].outcome)];
        results.push_back(outcomes[i].result);
        sum += outcomes[i].result;
        if (i == 0 || outcomes[i].result < s.worstResult) {
            s.worstResult = outcomes[i].result;
            s.worstPath = i;
        }
    }
    s.worstSeed = market::pathSeed(o.seed, s.worstPath);
    s.mean = sum / static_cast<double>(outcomes.size());
    std::sort(results.begin(), results.end());
    const std::size_t n = results.size();
    s.median = n % 2 == 1 ? results[n / 2] : 0.5 * (results[n / 2 - 1] + results[n / 2]);
    const auto rank = static_cast<std::size_t>(std::ceil(0.05 * static_cast<double>(n)));
    s.percentile5 = results[std::max<std::size_t>(rank, 1) - 1];
    return s;
}

std::optional<Error> refuseUnopenable(const TradePlan& plan)
{
    const TradePlan plain = plainPlan(plan);
    for (const TradePlan* p : {&plan, &plain}) {
        auto opened = TradeSimulator::open(*p, PathPoint{0, p->position.entryPrice, p->position.entryPrice}, false);
        if (!opened)
            return opened.error();
    }
    return std::nullopt;
}

Result<PlanStressResult> stressPlan(const TradePlan& plan, const StressRunOptions& o)
{
    if (o.paths < 1 || o.paths > kMaxPaths)
        return Error{"paths", "must be a whole number from 1 to " + std::to_string(kMaxPaths)};
    if (o.steps < 1 || o.steps > kMaxSteps)
        return Error{"steps", "must be a whole number from 1 to " + std::to_string(kMaxSteps)};
    if (!(std::isfinite(o.stepSeconds) && o.stepSeconds > 0.0 && o.stepSeconds <= 86400.0))
        return Error{"step_seconds", "must lie in (0, 86400]"};
    if (auto refused = refuseUnopenable(plan))
        return *refused;
    const TradePlan plain = plainPlan(plan);
    PlanStressResult out;
    out.pathsWithRules.resize(o.paths);
    out.pathsPlain.resize(o.paths);
    std::atomic<std::size_t> nextChunk{0};
    const auto work = [&] {
        for (;;) {
            const std::size_t first = nextChunk.fetch_add(kChunk);
            if (first >= o.paths)
                return;
            for (std::size_t i = first; i < std::min(first + kChunk, o.paths); ++i)
                runPath(plan, plain, o, i, out.pathsWithRules[i], out.pathsPlain[i]);
        }
    };
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const auto threads = static_cast<unsigned>(
        std::min<std::size_t>(o.threads == 0 ? hardware : o.threads, (o.paths + kChunk - 1) / kChunk));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (auto& t : pool)
        t.join();
    out.withRules = summarize(out.pathsWithRules, o);
    out.plain = summarize(out.pathsPlain, o);
    return out;
}

}  // namespace levlab::engine
