#include "core/model/plan/risk_model.h"

#include "core/model/plan/risk_model_detail.h"
#include "core/model/tiers/tier_library.h"

namespace levlab::model {

using detail::positiveFinite;
using detail::refusal;

RiskModel::Outcome RiskModel::setSide(engine::Side side)
{
    PlanInputs c = m_inputs;
    c.side = side;
    // A stop and target belong to one side; mirror them through the entry.
    const double entry = m_snapshot.entry;
    if (side != m_inputs.side && positiveFinite(entry) && m_state != TradeState::Open) {
        if (c.stopLoss)
            c.stopLoss = snapToTick(2.0 * entry - *c.stopLoss);
        if (c.takeProfit)
            c.takeProfit = snapToTick(2.0 * entry - *c.takeProfit);
        c.ladder = detail::mapPrices(c.ladder, [&](double p) { return snapToTick(2.0 * entry - p); });
    }
    return apply(c, "side");
}

RiskModel::Outcome RiskModel::setEntryAtMarket(bool atMarket)
{
    PlanInputs c = m_inputs;
    c.entryAtMarket = atMarket;
    // Fixed where the entry is now; it waits for a price the trader types or drags
    // before it can fill, so unticking "at market" never opens a trade by itself.
    if (!atMarket && positiveFinite(m_market.mark))
        c.entryPrice = snapToTick(m_market.mark);
    if (auto r = apply(c, "entry"))
        return r;
    m_entryArmed = atMarket;
    emit tradeStateChanged(m_state);
    return std::nullopt;
}

RiskModel::Outcome RiskModel::setEntryPrice(double p)
{
    if (auto r = checkPrice("entry", p))
        return r;
    PlanInputs c = m_inputs;
    c.entryPrice = p;
    c.entryAtMarket = false;
    if (auto r = apply(c, "entry"))
        return r;
    if (!m_entryArmed) {
        m_entryArmed = true;
        emit tradeStateChanged(m_state);
    }
    return std::nullopt;
}

RiskModel::Outcome RiskModel::setSizeMode(SizeMode mode)
{
    if (mode == m_inputs.sizeMode)
        return std::nullopt;
    PlanInputs c = m_inputs;
    c.sizeMode = mode;
    // Keep the same position when only the way of stating it changes.
    const double entry = m_snapshot.entry;
    const TierTable* table = m_tiers.find(c.venue, c.symbol);
    const bool linear = table && table->contract == engine::ContractKind::Linear;
    switch (mode) {
    case SizeMode::Quantity: c.size = m_snapshot.quantity; break;
    case SizeMode::Notional: c.size = linear ? m_snapshot.quantity * entry : m_snapshot.quantity; break;
    case SizeMode::RiskPercent:
        if (!c.stopLoss)
            return refusal("size", tr("sizing by risk needs a stop-loss"));
        c.size = m_snapshot.riskAtStopOfWallet.value_or(0.01);
        break;
    }
    if (!positiveFinite(c.size))
        c.size = mode == SizeMode::RiskPercent ? 0.01 : m_inputs.size;
    return apply(c, "size");
}

RiskModel::Outcome RiskModel::setSize(double size)
{
    if (auto r = checkSize(m_inputs.sizeMode, size))
        return r;
    PlanInputs c = m_inputs;
    c.size = size;
    return apply(c, "size");
}

RiskModel::Outcome RiskModel::setLeverage(double leverage)
{
    if (auto r = checkLeverage(leverage))
        return r;
    PlanInputs c = m_inputs;
    c.leverage = leverage;
    return apply(c, "leverage");
}

RiskModel::Outcome RiskModel::setMarginMode(engine::MarginMode mode)
{
    PlanInputs c = m_inputs;
    c.marginMode = mode;
    if (mode == engine::MarginMode::Cross)
        c.extraMargin = 0.0;
    return apply(c, "margin_mode");
}

RiskModel::Outcome RiskModel::setWallet(double wallet)
{
    if (auto r = checkWallet(wallet))
        return r;
    PlanInputs c = m_inputs;
    c.wallet = wallet;
    return apply(c, "wallet");
}

RiskModel::Outcome RiskModel::setExtraMargin(double margin)
{
    if (auto r = checkExtraMargin(m_inputs.marginMode, margin))
        return r;
    if (margin < m_inputs.extraMargin && m_inputs.marginMode == engine::MarginMode::StrictIsolated && m_state == TradeState::Open)
        return refusal("extra_margin", tr("strict isolated margin cannot be removed while the position is open"));
    PlanInputs c = m_inputs;
    c.extraMargin = margin;
    return apply(c, "extra_margin");
}

RiskModel::Outcome RiskModel::setStopLoss(std::optional<double> stop)
{
    if (auto r = checkPrice("stop_loss", stop))
        return r;
    if (!stop && m_inputs.sizeMode == SizeMode::RiskPercent)
        return refusal("stop_loss", tr("sizing by risk needs a stop-loss; change the size mode first"));
    PlanInputs c = m_inputs;
    c.stopLoss = stop;
    return apply(c, "stop_loss");
}

RiskModel::Outcome RiskModel::setTakeProfit(std::optional<double> target)
{
    if (auto r = checkPrice("take_profit", target))
        return r;
    if (target && !m_inputs.ladder.targets.empty())
        return refusal("take_profit", tr("the exit ladder holds this plan's take-profits; change them under Exits"));
    PlanInputs c = m_inputs;
    c.takeProfit = target;
    return apply(c, "take_profit");
}

RiskModel::Outcome RiskModel::enableStopLoss(bool on)
{
    if (!on)
        return setStopLoss(std::nullopt);
    if (m_inputs.stopLoss)
        return std::nullopt;
    return setStopLoss(snapToTick(m_snapshot.entry * (1.0 - engine::sign(m_inputs.side) * kDefaultStopDistance)));
}

RiskModel::Outcome RiskModel::enableTakeProfit(bool on)
{
    if (!on)
        return setTakeProfit(std::nullopt);
    if (m_inputs.takeProfit)
        return std::nullopt;
    return setTakeProfit(snapToTick(m_snapshot.entry * (1.0 + engine::sign(m_inputs.side) * kDefaultTargetDistance)));
}

RiskModel::Outcome RiskModel::setExitTrigger(TriggerPrice trigger)
{
    PlanInputs c = m_inputs;
    c.exitTrigger = trigger;
    return apply(c, "exit_trigger");
}

RiskModel::Outcome RiskModel::setHorizonHours(double hours)
{
    if (auto r = checkHorizon(hours))
        return r;
    PlanInputs c = m_inputs;
    c.horizonHours = hours;
    return apply(c, "horizon");
}

RiskModel::Outcome RiskModel::setFeeRate(double rate)
{
    if (auto r = checkFeeRate(rate))
        return r;
    PlanInputs c = m_inputs;
    c.feeRate = rate;
    return apply(c, "fee_rate");
}

}  // namespace levlab::model
