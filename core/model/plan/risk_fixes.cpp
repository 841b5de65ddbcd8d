#include "core/model/plan/risk_model.h"

#include "core/engine/sizing/back_solve.h"
#include "core/model/plan/risk_model_detail.h"
#include "core/model/tiers/tier_library.h"

#include <cmath>

namespace levlab::model {

using detail::refusal;


namespace {

/// The planned position as the engine's input, isolated at the model's inputs.
engine::PositionInput planAsPosition(const RiskSnapshot& s, const PlanInputs& in, const TierTable& table)
{
    engine::PositionInput p;
    p.contract.kind = table.contract;
    p.brackets = table.table;
    p.side = in.side;
    p.quantity = s.quantity;
    p.entryPrice = s.entry;
    p.mode = engine::MarginMode::Isolated;
    p.leverage = in.leverage;
    p.feeRate = in.feeRate;
    p.mmRate = in.mmRate;
    return p;
}

}  // namespace

RiskModel::Outcome RiskModel::setLiquidationTarget(double target)
{
    const TierTable* table = m_tiers.find(m_inputs.venue, m_inputs.symbol);
    if (!m_snapshot.valid || !table)
        return refusal("liquidation", tr("there is no position to solve for yet"));
    if (m_inputs.marginMode == engine::MarginMode::Cross)
        return refusal("liquidation", tr("a cross position's liquidation depends on the wallet; switch to isolated to set it by leverage"));
    auto lev = engine::leverageForLiquidation(m_inputs.venue, planAsPosition(m_snapshot, m_inputs, *table), target);
    if (!lev)
        return detail::fromEngine(lev.error(), "leverage");
    PlanInputs c = m_inputs;
    c.leverage = std::max(1.0, std::round(lev.value() * 100.0) / 100.0);
    c.extraMargin = 0.0;
    return apply(c, "liquidation");
}

RiskModel::Outcome RiskModel::fixByLoweringLeverage()
{
    const TierTable* table = m_tiers.find(m_inputs.venue, m_inputs.symbol);
    if (!m_inputs.stopLoss || !m_snapshot.valid || !table)
        return refusal("leverage", tr("needs a stop-loss and a position"));
    const double s = engine::sign(m_inputs.side);
    const double target = *m_inputs.stopLoss - s * kFixBuffer * m_snapshot.entry;
    auto lev = engine::leverageForLiquidation(m_inputs.venue, planAsPosition(m_snapshot, m_inputs, *table), target);
    if (!lev)
        return detail::fromEngine(lev.error(), "leverage");
    const double whole = std::floor(lev.value());
    if (whole < 1.0)
        return refusal("leverage", tr("even 1x liquidates before this stop; move the stop or add margin"));
    return setLeverage(whole);
}

RiskModel::Outcome RiskModel::fixByMovingStop()
{
    const auto& liq = m_snapshot.position.liquidationPrice;
    if (!m_snapshot.valid || !liq)
        return refusal("stop_loss", tr("there is no liquidation price to keep the stop inside"));
    const double s = engine::sign(m_inputs.side);
    const double tick = tickSize();
    double stop = *liq + s * kFixBuffer * m_snapshot.entry;
    stop = s > 0 ? std::ceil(stop / tick) * tick : std::floor(stop / tick) * tick;
    return setStopLoss(stop);
}

RiskModel::Outcome RiskModel::fixByAddingMargin()
{
    const TierTable* table = m_tiers.find(m_inputs.venue, m_inputs.symbol);
    if (!m_inputs.stopLoss || !m_snapshot.valid || !table)
        return refusal("extra_margin", tr("needs a stop-loss and a position"));
    if (m_inputs.marginMode == engine::MarginMode::Cross)
        return refusal("extra_margin", tr("a cross position draws on the wallet; add to the wallet instead"));
    const double s = engine::sign(m_inputs.side);
    const double target = *m_inputs.stopLoss - s * kFixBuffer * m_snapshot.entry;
    auto margin = engine::marginForLiquidation(m_inputs.venue, planAsPosition(m_snapshot, m_inputs, *table), target);
    if (!margin)
        return detail::fromEngine(margin.error(), "extra_margin");
    const double extra = std::max(0.0, margin.value() - m_snapshot.notional / m_inputs.leverage);
    return setExtraMargin(std::ceil(extra * 100.0) / 100.0);
}

}  // namespace levlab::model
