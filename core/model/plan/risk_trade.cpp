#include "core/model/plan/risk_model.h"

#include "core/engine/trade/partial_close.h"

#include "core/model/plan/messages.h"
#include "core/model/plan/risk_model_detail.h"

#include "core/engine/funding/funding.h"

#include <cmath>

namespace levlab::model {

using detail::positiveFinite;
using detail::refusal;

void RiskModel::recompute()
{
    auto s = compute(m_inputs, m_market);
    if (s) {
        m_snapshot = std::move(s).value();
        overlayLadder();
    } else {
        m_snapshot = RiskSnapshot{};
        m_snapshot.problem = detail::fromEngine(s.error(), "").message();
    }
}

void RiskModel::setState(TradeState state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit tradeStateChanged(state);
}

void RiskModel::anchorExits()
{
    m_anchorEntry = m_snapshot.entry;
    m_anchorStop = m_inputs.stopLoss;
    m_anchorTarget = m_inputs.takeProfit;
    m_anchorLadder = m_inputs.ladder;
}

PlanInputs RiskModel::following(PlanInputs in) const
{
    // Planning at market: the stop and target keep their distance from the entry as
    // it follows the mark, so the plan stays the plan the trader made.
    if (!in.entryAtMarket || !positiveFinite(m_anchorEntry) || !positiveFinite(m_market.mark))
        return in;
    const double ratio = m_market.mark / m_anchorEntry;
    if (m_anchorStop && in.stopLoss)
        in.stopLoss = snapToTick(*m_anchorStop * ratio);
    if (m_anchorTarget && in.takeProfit)
        in.takeProfit = snapToTick(*m_anchorTarget * ratio);
    if (m_anchorLadder.targets.size() == in.ladder.targets.size() && m_anchorLadder.stopMoves.size() == in.ladder.stopMoves.size())
        in.ladder = detail::mapPrices(m_anchorLadder, [&](double p) { return snapToTick(p * ratio); });
    return in;
}

void RiskModel::followMarket()
{
    if (m_state != TradeState::Planning)
        return;
    m_inputs = following(m_inputs);
    m_plan = m_inputs;
}

void RiskModel::setMarket(const MarketState& market)
{
    if (market == m_market)
        return;
    const MarketState before = m_market;
    m_market = market;
    followMarket();
    recompute();
    // Only when the snapshot fails (not on every tick): a notional that grew into a row
    // with a lower maximum brings a planned leverage down to it.
    if (!m_snapshot.valid && m_state == TradeState::Planning) {
        const QString lowered = lowerToRowMaximum(m_inputs);
        if (!lowered.isEmpty()) {
            m_plan = m_inputs;
            recompute();
            emit notice(lowered);
        }
    }
    detectEvents(before, market);
    publish();
}

void RiskModel::detectEvents(const MarketState& before, const MarketState& after)
{
    if (!m_snapshot.valid || !positiveFinite(before.mark))
        return;
    if (m_state == TradeState::Planning) {
        // A fixed entry is a limit order: a long fills once the last price is at or
        // below it, a short at or above.
        if (!m_inputs.entryAtMarket && m_entryArmed && engine::sign(m_inputs.side) * (after.last - m_inputs.entryPrice) <= 0.0
            && positiveFinite(after.last)) {
            m_plan = m_inputs;
            m_openedMs = after.timeMs;
            m_fundingPaid = 0.0;
            setState(TradeState::Open);
            startLadder();
        }
        return;
    }
    if (m_state != TradeState::Open)
        return;
    if (m_sim) {
        advanceLadder(after);
        return;
    }
    ExitLevels levels;
    levels.side = m_inputs.side;
    levels.liquidation = m_snapshot.position.liquidationPrice;
    levels.stopLoss = m_inputs.stopLoss;
    levels.takeProfit = m_inputs.takeProfit;
    levels.trigger = m_inputs.exitTrigger;
    const auto exit = firstExit(levels, before, after);
    if (!exit)
        return;
    switch (*exit) {
    case PositionEvent::Kind::Liquidated: close(*exit, *levels.liquidation, after.timeMs); break;
    case PositionEvent::Kind::StoppedOut: close(*exit, *levels.stopLoss, after.timeMs); break;
    case PositionEvent::Kind::TookProfit: close(*exit, *levels.takeProfit, after.timeMs); break;
    case PositionEvent::Kind::ClosedByHand: break;
    }
}

void RiskModel::close(PositionEvent::Kind kind, double price, qint64 timeMs)
{
    const RiskSnapshot& s = m_snapshot;
    PositionEvent e;
    e.kind = kind;
    e.timeMs = timeMs;
    e.price = price;
    // Funding already paid left the margin behind the position: it is lost on top of it.
    e.funding = m_fundingPaid;
    if (kind == PositionEvent::Kind::Liquidated) {
        e.result = -s.maxLoss - m_fundingPaid;  // the margin behind it is gone, fees and all
    } else {
        const double pnl = engine::profitAndLoss(s.contract, m_inputs.side, s.quantity, s.entry, price);
        e.fees = m_inputs.feeRate * (s.notional + engine::positionValue(s.contract, s.quantity, price));
        e.result = std::max(pnl - e.fees - m_fundingPaid, -s.maxLoss - m_fundingPaid);
    }
    e.loss = -e.result;
    m_events = {e};
    m_log.push_back({m_inputs, s.quantity, m_openedMs, e, {}});
    constexpr std::size_t kMaxLog = 500;
    if (m_log.size() > kMaxLog)
        m_log.erase(m_log.begin());
    setState(TradeState::Closed);
    emit eventOccurred(e);
}

double RiskModel::openResult() const
{
    const RiskSnapshot& s = m_snapshot;
    if (m_state != TradeState::Open || !s.valid || !positiveFinite(m_market.mark))
        return 0.0;
    if (m_sim) {
        // What the steps realised, and what closing the rest at the mark would.
        const engine::Holding& h = m_sim->holding();
        return m_sim->result() + engine::closePart(h, h.position.quantity, m_market.mark).result;
    }
    const double pnl = engine::profitAndLoss(s.contract, m_inputs.side, s.quantity, s.entry, m_market.mark);
    const double fees = m_inputs.feeRate * (s.notional + engine::positionValue(s.contract, s.quantity, m_market.mark));
    return std::max(pnl - fees - m_fundingPaid, -s.maxLoss - m_fundingPaid);
}

double RiskModel::settleFunding(double rate)
{
    const RiskSnapshot& s = m_snapshot;
    if (m_state != TradeState::Open || !s.valid || !std::isfinite(rate) || !positiveFinite(m_market.mark))
        return 0.0;
    const double paid = engine::fundingPayment(s.contract, m_inputs.side, s.quantity, m_market.mark, rate);
    if (!std::isfinite(paid))
        return 0.0;
    m_fundingPaid += paid;
    recompute();
    publish();
    return paid;
}

RiskModel::Outcome RiskModel::openAtMarket()
{
    if (m_state != TradeState::Planning)
        return refusal("trade", tr("a trade is already open or closed; plan again first"));
    if (!m_snapshot.valid || !positiveFinite(m_market.mark))
        return refusal("trade", tr("there is no price to open at yet"));
    const PlanInputs plan = m_inputs;
    PlanInputs c = m_inputs;
    c.entryAtMarket = false;
    c.entryPrice = snapToTick(m_market.mark);
    auto s = compute(c, m_market);
    if (!s)
        return detail::fromEngine(s.error(), "entry");
    if (auto r = checkExits(c, s.value(), "entry", TradeState::Open, m_market))
        return r;
    m_inputs = c;
    m_snapshot = std::move(s).value();
    m_plan = plan;
    m_events.clear();
    m_fundingPaid = 0.0;
    m_openedMs = m_market.timeMs;
    setState(TradeState::Open);
    startLadder();
    publish();
    return std::nullopt;
}

RiskModel::Outcome RiskModel::closeAtMarket()
{
    if (m_state != TradeState::Open)
        return refusal("trade", tr("no trade is open"));
    if (m_sim) {
        m_sim->closeAtEnd();
        finishLadder();
        publish();
        return std::nullopt;
    }
    close(PositionEvent::Kind::ClosedByHand, m_market.mark, m_market.timeMs);
    publish();
    return std::nullopt;
}

void RiskModel::planAgain()
{
    if (m_state == TradeState::Planning) {
        clearEvents();
        return;
    }
    m_inputs = m_plan;
    m_events.clear();
    m_fundingPaid = 0.0;
    m_sim.reset();
    m_entryArmed = true;
    setState(TradeState::Planning);
    followMarket();
    recompute();
    anchorExits();
    publish();
}

struct RiskModel::Memento final {
    PlanInputs inputs;
    PlanInputs plan;
    TradeState state = TradeState::Planning;
    std::vector<PositionEvent> events;
    std::vector<ClosedTrade> log;
    qint64 openedMs = 0;
    double anchorEntry = 0.0;
    std::optional<double> anchorStop;
    std::optional<double> anchorTarget;
    ExitLadder anchorLadder;
    std::optional<engine::TradeSimulator> sim;
    std::optional<UnitMemory> units;
    QHash<QString, SymbolPrices> symbolPrices;
    MarketState market;
    bool entryArmed = true;
    double fundingPaid = 0.0;
};

std::shared_ptr<const RiskModel::Memento> RiskModel::save() const
{
    return std::make_shared<const Memento>(Memento{m_inputs, m_plan, m_state, m_events, m_log, m_openedMs, m_anchorEntry,
                                                   m_anchorStop, m_anchorTarget, m_anchorLadder, m_sim, m_units, m_symbolPrices, m_market,
                                                   m_entryArmed, m_fundingPaid});
}

void RiskModel::restore(const Memento& m)
{
    m_inputs = m.inputs;
    m_plan = m.plan;
    m_events = m.events;
    m_log = m.log;
    m_openedMs = m.openedMs;
    m_anchorEntry = m.anchorEntry;
    m_anchorStop = m.anchorStop;
    m_anchorTarget = m.anchorTarget;
    m_anchorLadder = m.anchorLadder;
    m_sim = m.sim;
    m_units = m.units;
    m_symbolPrices = m.symbolPrices;
    m_market = m.market;
    m_entryArmed = m.entryArmed;
    m_fundingPaid = m.fundingPaid;
    recompute();
    const bool stateChanged = m_state != m.state;
    m_state = m.state;
    if (stateChanged)
        emit tradeStateChanged(m_state);
    publish();
}

void RiskModel::clearEvents()
{
    if (m_events.empty())
        return;
    m_events.clear();
    publish();
}

TradeLife RiskModel::tradeLife() const
{
    TradeLife life;
    life.state = m_state;
    life.planned = m_state == TradeState::Planning ? m_inputs : m_plan;
    life.openedMs = m_state == TradeState::Planning ? 0 : m_openedMs;
    if (m_state == TradeState::Closed && !m_events.empty())
        life.exit = m_events.front();
    life.entryArmed = m_state != TradeState::Planning || m_entryArmed;
    return life;
}

RiskModel::Outcome RiskModel::prepareLoad(const PlanInputs& in, const TradeLife& life, const MarketState& market,
                                          RiskSnapshot& snapshot) const
{
    if (auto r = checkWhole(in))
        return r;
    if (!in.entryAtMarket) {
        if (auto r = checkPrice("entry", in.entryPrice))
            return r;
    }
    if (in.sizeMode == SizeMode::RiskPercent && !in.stopLoss)
        return refusal("stop_loss", tr("sizing by risk needs a stop-loss"));
    if (life.state != TradeState::Planning) {
        if (in.entryAtMarket)
            return refusal("entry", tr("an open or closed trade has the price it opened at"));
        if (auto r = checkWhole(life.planned)) {
            r->field.prepend(QStringLiteral("planned."));
            return r;
        }
    }
    if (life.exit) {
        const PositionEvent& e = *life.exit;
        if (life.state != TradeState::Closed)
            return refusal("trade", tr("only a closed trade has an exit"));
        if (!(positiveFinite(e.price) && std::isfinite(e.result) && std::isfinite(e.fees) && e.fees >= 0.0))
            return refusal("trade", tr("the exit needs a price greater than 0, a finite result and fees of 0 or more"));
    }
    auto s = compute(in, market);
    if (!s)
        return detail::fromEngine(s.error(), "plan");
    // Each exit is named by its own field: the stop, then the target.
    PlanInputs stopOnly = in;
    stopOnly.takeProfit.reset();
    if (auto r = checkExits(stopOnly, s.value(), "stop_loss", life.state, market))
        return r;
    PlanInputs targetOnly = in;
    targetOnly.stopLoss.reset();
    if (auto r = checkExits(targetOnly, s.value(), "take_profit", life.state, market))
        return r;
    snapshot = std::move(s).value();
    return std::nullopt;
}

RiskModel::Outcome RiskModel::checkLoad(const PlanInputs& inputs, const TradeLife& life, const MarketState& market) const
{
    RiskSnapshot unused;
    return prepareLoad(inputs, life, market, unused);
}

RiskModel::Outcome RiskModel::load(const PlanInputs& inputs, const TradeLife& life, const MarketState& market)
{
    RiskSnapshot s;
    if (auto r = prepareLoad(inputs, life, market, s))
        return r;
    const bool planning = life.state == TradeState::Planning;
    m_inputs = inputs;
    m_market = market;
    m_snapshot = std::move(s);
    m_plan = planning ? inputs : life.planned;
    m_openedMs = planning ? 0 : life.openedMs;
    m_events.clear();
    if (life.exit)
        m_events.push_back(*life.exit);
    m_entryArmed = !planning || life.entryArmed;
    m_units.reset();
    m_symbolPrices.clear();
    m_fundingPaid = 0.0;  // a file keeps no funding paid on the way
    anchorExits();
    const bool stateChanged = m_state != life.state;
    m_state = life.state;
    // An open trade with an exit ladder is watched by its ladder again from here on (the
    // rungs filled before it was saved are not kept by a file).
    m_sim.reset();
    if (m_state == TradeState::Open)
        startLadder();
    if (stateChanged)
        emit tradeStateChanged(m_state);
    publish();
    return std::nullopt;
}

}  // namespace levlab::model
