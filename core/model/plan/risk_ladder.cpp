#include "core/model/plan/risk_model.h"

#include "core/engine/trade/partial_close.h"
#include "core/model/plan/ladder_limits.h"
#include "core/model/plan/messages.h"
#include "core/model/plan/risk_model_detail.h"
#include "core/model/scenario/venue_plans.h"
#include "core/model/tiers/tier_library.h"

namespace levlab::model {

using detail::positiveFinite;
using detail::refusal;

namespace detail {

engine::ExitPlan exitPlanOf(const PlanInputs& in)
{
    engine::ExitPlan x;
    x.stopLoss = in.stopLoss;
    x.trigger = in.exitTrigger == TriggerPrice::Last ? engine::ExitTrigger::Last : engine::ExitTrigger::Mark;
    if (!in.ladder.targets.empty())
        x.targets = in.ladder.targets;
    else if (in.takeProfit)
        x.targets = {engine::TakeProfit{*in.takeProfit, 1.0}};
    x.stopMoves = in.ladder.stopMoves;
    x.trailing = in.ladder.trailing;
    x.topUps = in.ladder.topUps;
    x.deleverages = in.ladder.deleverages;
    return x;
}

}  // namespace detail

namespace {

bool percentShare(double v, bool whole) { return std::isfinite(v) && v > 0.0 && (whole ? v <= 1.0 : v < 1.0); }

/// The checks whose engine wording speaks of fractions, in the percentages the fields show.
std::optional<Refusal> checkShares(const ExitLadder& l)
{
    auto at = [](const char* base, std::size_t i, const char* member) {
        return QStringLiteral("%1[%2].%3").arg(QLatin1String(base)).arg(i).arg(QLatin1String(member));
    };
    for (std::size_t i = 0; i < l.targets.size(); ++i) {
        if (!percentShare(l.targets[i].share, true))
            return Refusal{at("exit_ladder.targets", i, "share"), QObject::tr("must be more than 0% and at most 100%")};
    }
    if (l.trailing && !l.trailing->inPrice && !percentShare(l.trailing->distance, false))
        return Refusal{QStringLiteral("trailing_stop.distance"), QObject::tr("must be more than 0% and less than 100%")};
    if (l.topUps.size() > kMaxMarginRules)
        return Refusal{QStringLiteral("margin_rules.top_up"), QObject::tr("holds at most %1 top-up rules").arg(kMaxMarginRules)};
    if (l.deleverages.size() > kMaxMarginRules)
        return Refusal{QStringLiteral("margin_rules.deleverage"), QObject::tr("holds at most %1 deleveraging rules").arg(kMaxMarginRules)};
    for (std::size_t i = 0; i < l.topUps.size(); ++i) {
        if (!percentShare(l.topUps[i].marginRatio, false))
            return Refusal{at("margin_rules.top_up", i, "at_margin_ratio"),
                           QObject::tr("must be more than 0% and less than 100% (100% is liquidation)")};
    }
    for (std::size_t i = 0; i < l.deleverages.size(); ++i) {
        if (!percentShare(l.deleverages[i].marginRatio, false))
            return Refusal{at("margin_rules.deleverage", i, "at_margin_ratio"),
                           QObject::tr("must be more than 0% and less than 100% (100% is liquidation)")};
        if (!percentShare(l.deleverages[i].share, true))
            return Refusal{at("margin_rules.deleverage", i, "close"), QObject::tr("must be more than 0% and at most 100%")};
    }
    return std::nullopt;
}

PositionEvent::Kind eventKind(engine::TradeStep::Kind k)
{
    using K = engine::TradeStep::Kind;
    switch (k) {
    case K::TakeProfit: return PositionEvent::Kind::TookProfit;
    case K::StopLoss:
    case K::BreakEvenStop:
    case K::TrailingStop: return PositionEvent::Kind::StoppedOut;
    case K::Liquidation: return PositionEvent::Kind::Liquidated;
    case K::TopUp:
    case K::Deleverage:
    case K::StopMoved:
    case K::EndOfPath: return PositionEvent::Kind::ClosedByHand;
    }
    return PositionEvent::Kind::ClosedByHand;
}

}  // namespace

std::optional<Refusal> RiskModel::checkLadder(const PlanInputs& in, const RiskSnapshot& s, const char* field,
                                              const MarketState& market) const
{
    if (in.ladder.empty() || !s.valid)
        return std::nullopt;
    if (auto r = checkShares(in.ladder))
        return r;
    auto plan = tradePlan(in, market);
    if (!plan)
        return std::nullopt;  // the snapshot's own checks speak for the position
    auto e = engine::validateExitPlan(plan->position, plan->exits);
    if (!e)
        return std::nullopt;
    Refusal r = detail::fromEngine(*e, field);
    const QString f = QLatin1String(field);
    if (f != QLatin1String("exits") && !r.field.startsWith(f))
        return Refusal{f, tr("this would break the exit plan: %1").arg(r.message())};
    return r;
}

RiskModel::Outcome RiskModel::setExitLadder(const ExitLadder& ladder)
{
    if (ladder.targets.size() > engine::kMaxTargets)
        return refusal("exits", tr("holds at most %1 take-profits").arg(engine::kMaxTargets));
    if (auto r = checkShares(ladder))
        return r;
    PlanInputs c = m_inputs;
    c.ladder = ladder;
    if (!ladder.targets.empty())
        c.takeProfit.reset();  // the ladder holds the take-profits now
    return apply(c, "exits");
}

const std::vector<engine::TradeStep>& RiskModel::tradeSteps() const
{
    static const std::vector<engine::TradeStep> none;
    if (m_sim)
        return m_sim->steps();
    if (m_state == TradeState::Closed && !m_log.empty())
        return m_log.back().steps;
    return none;
}

void RiskModel::startLadder()
{
    m_sim.reset();
    if (m_inputs.ladder.empty())
        return;
    auto plan = tradePlan(m_inputs, m_market);
    if (!plan)
        return;
    const engine::PathPoint start{m_market.timeMs, m_market.mark, positiveFinite(m_market.last) ? m_market.last : m_market.mark};
    auto sim = engine::TradeSimulator::open(plan.value(), start);
    if (sim)
        m_sim = std::move(sim).value();
    overlayLadder();
}

void RiskModel::advanceLadder(const MarketState& after)
{
    if (!m_sim || !positiveFinite(after.mark))
        return;
    const std::size_t seen = m_sim->steps().size();
    m_sim->advance({after.timeMs, after.mark, positiveFinite(after.last) ? after.last : after.mark});
    const auto& steps = m_sim->steps();
    for (std::size_t i = seen; i < steps.size(); ++i) {
        const engine::TradeStep& st = steps[i];
        if (st.kind == engine::TradeStep::Kind::TakeProfit && st.quantityLeft > 0.0)
            m_events.push_back({PositionEvent::Kind::TookProfit, st.timeMs, st.price, -st.result, st.result, st.fees});
    }
    if (m_sim->closed())
        finishLadder();
    else
        overlayLadder();
}

void RiskModel::finishLadder()
{
    const engine::TradeStep& last = m_sim->steps().back();
    PositionEvent e;
    e.kind = eventKind(last.kind);
    e.timeMs = last.timeMs;
    e.price = last.price;
    e.result = m_sim->result();
    e.loss = -e.result;
    e.fees = m_sim->holding().feesPaid;
    m_events.push_back(e);
    m_log.push_back({m_inputs, m_sim->holding().openingQuantity, m_openedMs, e, m_sim->steps()});
    constexpr std::size_t kMaxLog = 500;
    if (m_log.size() > kMaxLog)
        m_log.erase(m_log.begin());
    m_sim.reset();
    setState(TradeState::Closed);
    emit eventOccurred(e);
}

void RiskModel::overlayLadder()
{
    if (!m_sim || !m_snapshot.valid)
        return;
    m_snapshot.quantityLeft = m_sim->holding().position.quantity;
    m_snapshot.stopNow = m_sim->stop();
    m_snapshot.position.liquidationPrice = m_sim->liquidationPrice();
}

std::vector<engine::VenueFigures> RiskModel::compareVenues() const
{
    std::vector<engine::AccountInput> perVenue;
    const TierTable* own = m_tiers.find(m_inputs.venue, m_inputs.symbol);
    if (!own)
        return {};
    for (engine::Venue venue : engine::kAllVenues) {
        PlanInputs in = m_inputs;
        in.venue = venue;
        in.symbol = symbolOn(venue, m_inputs.symbol, own->contract, m_tiers);
        engine::AccountInput account;
        account.venue = venue;
        account.walletBalance = in.wallet;
        if (auto plan = tradePlan(in, m_market)) {
            account.positions = {plan->position};
        } else if (auto ownPlan = tradePlan(m_inputs, m_market)) {
            // A venue with no table for the asset: as `compare` reads the plan, without
            // its rows, so the engine leaves out what needs them and says so.
            engine::PositionInput p = ownPlan->position;
            decltype(p.contract) contract;
            contract.kind = p.contract.kind;
            p.contract = contract;
            p.brackets = {};
            account.positions = {p};
        }
        perVenue.push_back(std::move(account));
    }
    return engine::compareVenues(perVenue);
}

}  // namespace levlab::model
