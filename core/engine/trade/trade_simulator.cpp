#include "core/engine/trade/trade_simulator.h"

#include "core/engine/trade/exit_race.h"
#include "core/engine/trade/margin_rules.h"
#include "core/engine/trade/partial_close.h"
#include "core/engine/trade/trailing.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace levlab::engine {

/// What the market reaches next within one move, and at which share of it.
struct TradeSimulator::Event final {
    enum class Kind { Liquidation, Stop, TopUp, Deleverage, Target };  // the order of ties
    Kind kind = Kind::Liquidation;
    std::size_t rule = 0;
    double at = 0.0;     ///< share of the remaining move
    double level = 0.0;
    bool trailing = false;
};

namespace {

constexpr int kMaxEventsPerMove = 64;  ///< a guard: no real plan fires this many levels in one move

double lerp(double a, double b, double t) { return a + (b - a) * t; }

}  // namespace

Result<TradeSimulator> TradeSimulator::open(const TradePlan& plan, const PathPoint& start, bool keepLog)
{
    auto h = openHolding(plan);
    if (!h)
        return h.error();
    return TradeSimulator(plan, std::move(h).value(), start, keepLog);
}

TradeSimulator::TradeSimulator(const TradePlan& plan, Holding h, const PathPoint& start, bool keepLog)
    : m_exits(plan.exits), m_h(std::move(h)), m_at(start), m_keepLog(keepLog), m_stop(plan.exits.stopLoss),
      m_topUpAt(plan.exits.topUps.size()), m_topUpTimes(plan.exits.topUps.size(), 0), m_topUpAdded(plan.exits.topUps.size(), 0.0),
      m_deleverageAt(plan.exits.deleverages.size()), m_deleverageTimes(plan.exits.deleverages.size(), 0)
{
    refreshLevels(start.mark > 0.0 ? start.mark : m_h.position.entryPrice);
    track(m_exits.trigger == ExitTrigger::Last ? start.last : start.mark);
    updateBand();
}

void TradeSimulator::updateBand()
{
    const double s = sign(m_h.position.side);
    constexpr double kNone = std::numeric_limits<double>::infinity();
    m_bandMark = -kNone;
    const auto adverse = [&](const std::optional<double>& level) {
        if (level)
            m_bandMark = std::max(m_bandMark, s * *level);
    };
    adverse(m_liquidation);
    for (const auto& l : m_topUpAt)
        adverse(l);
    for (const auto& l : m_deleverageAt)
        adverse(l);
    bool trailing = false;
    const auto stop = effectiveStop(trailing);
    m_bandStop = stop ? s * *stop : -kNone;
    m_bandTarget = m_nextTarget < m_exits.targets.size() ? s * m_exits.targets[m_nextTarget].price : kNone;
}

void TradeSimulator::refreshLevels(double mark)
{
    m_liquidation = liquidationPriceOf(m_h, mark);
    for (std::size_t i = 0; i < m_exits.topUps.size(); ++i) {
        const bool armed = topUpAmount(m_exits.topUps[i], m_topUpTimes[i], m_topUpAdded[i]) > 0.0;
        m_topUpAt[i] = armed ? priceAtMarginRatio(m_h, mark, m_exits.topUps[i].marginRatio) : std::nullopt;
    }
    for (std::size_t i = 0; i < m_exits.deleverages.size(); ++i) {
        const bool armed = m_deleverageTimes[i] < m_exits.deleverages[i].maxTimes;
        m_deleverageAt[i] = armed ? priceAtMarginRatio(m_h, mark, m_exits.deleverages[i].marginRatio) : std::nullopt;
    }
}

void TradeSimulator::track(double trigger)
{
    if (!m_exits.trailing || !(trigger > 0.0))
        return;
    const Side side = m_h.position.side;
    if (!m_trailingActive) {
        if (!trailingActive(*m_exits.trailing, side, trigger))
            return;
        m_trailingActive = true;
        m_best = trigger;
    }
    m_best = side == Side::Long ? std::max(m_best, trigger) : std::min(m_best, trigger);
}

std::optional<double> TradeSimulator::effectiveStop(bool& trailing) const
{
    trailing = false;
    std::optional<double> level = m_stop;
    if (m_trailingActive) {
        const double t = trailingLevel(*m_exits.trailing, m_h.position.side, m_best);
        // The tighter of the two: the one nearer the market.
        if (t > 0.0 && (!level || sign(m_h.position.side) * (t - *level) > 0.0)) {
            level = t;
            trailing = true;
        }
    }
    return level;
}

std::optional<TradeSimulator::Event> TradeSimulator::firstEvent(double mark0, double mark1, double trig0, double trig1) const
{
    const double s = sign(m_h.position.side);
    std::optional<Event> best;
    const auto offer = [&](Event::Kind kind, std::size_t rule, std::optional<double> at, double level, bool trailing = false) {
        if (at && (!best || *at < best->at))
            best = Event{kind, rule, *at, level, trailing};
    };
    if (m_liquidation)
        offer(Event::Kind::Liquidation, 0, reachedAt(mark0, mark1, *m_liquidation, -s), *m_liquidation);
    bool trailing = false;
    if (const auto stop = effectiveStop(trailing))
        offer(Event::Kind::Stop, 0, reachedAt(trig0, trig1, *stop, -s), *stop, trailing);
    for (std::size_t i = 0; i < m_topUpAt.size(); ++i) {
        if (m_topUpAt[i])
            offer(Event::Kind::TopUp, i, reachedAt(mark0, mark1, *m_topUpAt[i], -s), *m_topUpAt[i]);
    }
    for (std::size_t i = 0; i < m_deleverageAt.size(); ++i) {
        if (m_deleverageAt[i])
            offer(Event::Kind::Deleverage, i, reachedAt(mark0, mark1, *m_deleverageAt[i], -s), *m_deleverageAt[i]);
    }
    if (m_nextTarget < m_exits.targets.size()) {
        const double tp = m_exits.targets[m_nextTarget].price;
        offer(Event::Kind::Target, 0, reachedAt(trig0, trig1, tp, s), tp);
    }
    return best;
}

bool TradeSimulator::advance(const PathPoint& next)
{
    if (m_closed)
        return false;
    const bool onLast = m_exits.trigger == ExitTrigger::Last;
    const double trigFrom = onLast ? m_at.last : m_at.mark;
    const double trigTo = onLast ? next.last : next.mark;
    const double s = sign(m_h.position.side);
    const auto inBand = [&](double mark, double trig) {
        return s * mark > m_bandMark && s * trig > m_bandStop && s * trig < m_bandTarget;
    };
    if (inBand(m_at.mark, trigFrom) && inBand(next.mark, trigTo)) {
        // Most moves reach no level: only the trailing stop's best price can change.
        const double best = m_best;
        track(trigTo);
        if (m_best != best)
            updateBand();
        m_at = next;
        return true;
    }
    double t = 0.0;  // share of the move done
    for (int n = 0; n < kMaxEventsPerMove && !m_closed; ++n) {
        const double mark0 = lerp(m_at.mark, next.mark, t);
        const double trig0 = lerp(trigFrom, trigTo, t);
        track(trig0);
        const auto e = firstEvent(mark0, next.mark, trig0, trigTo);
        if (!e)
            break;
        t += e->at * (1.0 - t);
        const bool gap = e->at == 0.0;  // passed before the move began: it fills at the market
        const double mark = gap ? mark0 : lerp(m_at.mark, next.mark, t);
        const double trig = gap ? trig0 : lerp(trigFrom, trigTo, t);
        Event fill = *e;
        if (gap && (e->kind == Event::Kind::Stop))
            fill.level = trig;
        else if (gap && e->kind != Event::Kind::Target)
            fill.level = mark;
        const auto timeMs = m_at.timeMs + static_cast<std::int64_t>(std::llround(t * static_cast<double>(next.timeMs - m_at.timeMs)));
        apply(fill, timeMs, mark);
    }
    if (!m_closed) {
        track(trigTo);
        updateBand();
    }
    m_at = next;
    return !m_closed;
}

void TradeSimulator::apply(const Event& e, std::int64_t timeMs, double mark)
{
    switch (e.kind) {
    case Event::Kind::Liquidation:
        liquidate(timeMs, e.level);
        return;
    case Event::Kind::Stop: {
        const TradeStep::Kind kind = e.trailing ? TradeStep::Kind::TrailingStop
                                     : m_stopKind == StopKind::BreakEven ? TradeStep::Kind::BreakEvenStop
                                                                         : TradeStep::Kind::StopLoss;
        closeWith(kind, timeMs, e.level, m_h.position.quantity, 0);
        return;
    }
    case Event::Kind::TopUp: {
        TradeStep s;
        s.kind = TradeStep::Kind::TopUp;
        s.timeMs = timeMs;
        s.price = e.level;
        s.added = topUpAmount(m_exits.topUps[e.rule], m_topUpTimes[e.rule], m_topUpAdded[e.rule]);
        m_h = topUp(m_h, s.added);
        ++m_topUpTimes[e.rule];
        m_topUpAdded[e.rule] += s.added;
        refreshLevels(mark);
        s.quantityLeft = m_h.position.quantity;
        s.liquidationAfter = m_liquidation;
        log(s);
        return;
    }
    case Event::Kind::Deleverage:
        ++m_deleverageTimes[e.rule];
        closeWith(TradeStep::Kind::Deleverage, timeMs, e.level, m_h.position.quantity * m_exits.deleverages[e.rule].share, 0);
        if (!m_closed)
            refreshLevels(mark);
        return;
    case Event::Kind::Target: {
        const std::size_t i = m_nextTarget++;
        double sharesSoFar = 0.0;
        for (std::size_t k = 0; k <= i; ++k)
            sharesSoFar += m_exits.targets[k].share;
        // The rung that completes 100% takes the rest, whatever deleveraging left.
        const double q = sharesSoFar >= 1.0 - 1e-9 ? m_h.position.quantity : m_exits.targets[i].share * m_h.openingQuantity;
        const int target = static_cast<int>(i) + 1;
        closeWith(TradeStep::Kind::TakeProfit, timeMs, e.level, q, target);
        if (!m_closed) {
            moveStops(target, timeMs);
            refreshLevels(mark);
        }
        return;
    }
    }
}

void TradeSimulator::closeWith(TradeStep::Kind kind, std::int64_t timeMs, double price, double quantity, int target)
{
    const PartialClose c = closePart(m_h, quantity, price);
    TradeStep s;
    s.kind = kind;
    s.timeMs = timeMs;
    s.price = price;
    s.quantityClosed = c.quantity;
    s.result = c.result;
    if (c.after.position.quantity <= 0.0 && isIsolated(m_h.position.mode))
        s.result = std::max(s.result, -collateralOf(m_h));  // an isolated position can lose no more than its margin
    s.fees = c.closeFee;
    s.target = target;
    s.quantityLeft = c.after.position.quantity;
    s.liquidationAfter = c.liquidationAfter;
    m_h = c.after;
    m_liquidation = c.liquidationAfter;
    m_result += s.result;
    log(s);
    if (m_h.position.quantity <= 0.0)
        finish(kind);
}

void TradeSimulator::liquidate(std::int64_t timeMs, double price)
{
    TradeStep s;
    s.kind = TradeStep::Kind::Liquidation;
    s.timeMs = timeMs;
    s.price = price;
    s.quantityClosed = m_h.position.quantity;
    s.result = -collateralOf(m_h);  // the margin (a cross position: the wallet) behind it is gone
    m_result += s.result;
    m_h.position.quantity = 0.0;
    log(s);
    finish(TradeStep::Kind::Liquidation);
}

void TradeSimulator::moveStops(int target, std::int64_t timeMs)
{
    const double s = sign(m_h.position.side);
    for (const StopMove& m : m_exits.stopMoves) {
        if (m.afterTarget != target)
            continue;
        std::optional<double> level = m.breakEven ? breakEvenPrice(m_h.position.contract.kind, m_h.position.side, openExposure(m_h),
                                                                   m_h.position.entryPrice, m_h.position.feeRate, m_h.feesPaid)
                                                  : std::optional<double>(m.price);
        // A stop only ever moves in the trade's favour.
        if (!level || (m_stop && s * (*level - *m_stop) <= 0.0))
            continue;
        m_stop = level;
        m_stopKind = m.breakEven ? StopKind::BreakEven : StopKind::Moved;
        TradeStep step;
        step.kind = TradeStep::Kind::StopMoved;
        step.timeMs = timeMs;
        step.price = *level;
        step.target = target;
        step.quantityLeft = m_h.position.quantity;
        step.liquidationAfter = m_liquidation;
        log(step);
    }
}

void TradeSimulator::closeAtEnd()
{
    if (m_closed)
        return;
    closeWith(TradeStep::Kind::EndOfPath, m_at.timeMs, m_at.mark, m_h.position.quantity, 0);
}

void TradeSimulator::log(const TradeStep& s)
{
    if (m_keepLog)
        m_steps.push_back(s);
}

void TradeSimulator::finish(TradeStep::Kind kind)
{
    m_closed = true;
    switch (kind) {
    case TradeStep::Kind::TakeProfit: m_outcome = TradeOutcome::Targets; break;
    case TradeStep::Kind::StopLoss: m_outcome = TradeOutcome::Stop; break;
    case TradeStep::Kind::BreakEvenStop: m_outcome = TradeOutcome::BreakEven; break;
    case TradeStep::Kind::TrailingStop: m_outcome = TradeOutcome::Trailing; break;
    case TradeStep::Kind::Liquidation: m_outcome = TradeOutcome::Liquidation; break;
    case TradeStep::Kind::Deleverage: m_outcome = TradeOutcome::Deleverage; break;
    case TradeStep::Kind::TopUp:
    case TradeStep::Kind::StopMoved:
    case TradeStep::Kind::EndOfPath: m_outcome = TradeOutcome::OpenAtEnd; break;
    }
}

Result<TradeRun> simulateTrade(const TradePlan& plan, std::span<const PathPoint> path)
{
    if (path.empty())
        return Error{"path", "holds no prices"};
    auto sim = TradeSimulator::open(plan, path.front());
    if (!sim)
        return sim.error();
    TradeSimulator& s = sim.value();
    for (std::size_t i = 1; i < path.size() && s.advance(path[i]); ++i) {
    }
    s.closeAtEnd();
    return TradeRun{s.steps(), s.outcome(), s.result()};
}

const char* outcomeName(TradeOutcome o)
{
    switch (o) {
    case TradeOutcome::Targets: return "targets";
    case TradeOutcome::Stop: return "stop";
    case TradeOutcome::BreakEven: return "break_even";
    case TradeOutcome::Trailing: return "trailing_stop";
    case TradeOutcome::Liquidation: return "liquidation";
    case TradeOutcome::Deleverage: return "deleverage";
    case TradeOutcome::OpenAtEnd: return "open_at_end";
    }
    return "open_at_end";
}

const char* stepKindName(TradeStep::Kind k)
{
    switch (k) {
    case TradeStep::Kind::TakeProfit: return "take_profit";
    case TradeStep::Kind::StopLoss: return "stop_loss";
    case TradeStep::Kind::BreakEvenStop: return "break_even_stop";
    case TradeStep::Kind::TrailingStop: return "trailing_stop";
    case TradeStep::Kind::Liquidation: return "liquidation";
    case TradeStep::Kind::TopUp: return "top_up";
    case TradeStep::Kind::Deleverage: return "deleverage";
    case TradeStep::Kind::StopMoved: return "stop_moved";
    case TradeStep::Kind::EndOfPath: return "end_of_path";
    }
    return "take_profit";
}

}  // namespace levlab::engine
