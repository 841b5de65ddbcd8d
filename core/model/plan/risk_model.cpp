#include "core/model/plan/risk_model.h"

#include "core/engine/account/account.h"
#include "core/engine/funding/funding.h"
#include "core/engine/margin/maintenance.h"
#include "core/model/plan/messages.h"
#include "core/model/plan/risk_model_detail.h"
#include "core/model/tiers/tier_library.h"

#include <QRegularExpression>

#include <cmath>
#include <utility>

namespace levlab::model {

namespace detail {

Refusal fromEngine(const engine::Error& e, const char* changed)
{
    QString field = QString::fromStdString(e.field);
    field.remove(QStringLiteral("positions[0]."));
    if (field == QLatin1String("wallet_balance"))
        field = QStringLiteral("wallet");
    else if (field == QLatin1String("quantity"))
        field = QStringLiteral("size");
    else if (field == QLatin1String("isolated_margin"))
        field = QStringLiteral("extra_margin");
    else if (field == QLatin1String("liquidation_price"))
        field = QStringLiteral("liquidation");
    const QString reason = QString::fromStdString(e.reason);
    static const QRegularExpression uncovered(QStringLiteral("^(\\S+) does not cover the isolated margins? \\((\\S+)\\)$"));
    if (const auto m = uncovered.match(reason); m.hasMatch()) {
        const QString wallet = formatNumber(m.captured(1).toDouble());
        const QString margin = formatNumber(m.captured(2).toDouble());
        if (field == QLatin1String("wallet") && changed && QLatin1String(changed) != QLatin1String("wallet"))
            return Refusal{QLatin1String(changed), QObject::tr("the margin this needs (%1) is more than the wallet holds (%2)").arg(margin, wallet)};
        return Refusal{field, QObject::tr("%1 does not cover the isolated margin of %2").arg(wallet, margin)};
    }
    return Refusal{field, readableReason(reason)};
}

int decimalsForTick(double tick)
{
    if (!(tick > 0.0))
        return 2;
    return std::clamp(static_cast<int>(std::ceil(-std::log10(tick) - 1e-9)), 0, 8);
}

}  // namespace detail

using detail::positiveFinite;
using detail::refusal;
using engine::Side;

namespace {

constexpr double kFundingIntervalHours = 8.0;

/// Contracts of size 1 (base units for linear, USD for inverse) for the inputs at `entry`.
engine::Result<double> quantityOf(const PlanInputs& in, double entry, engine::ContractKind kind)
{
    const bool linear = kind == engine::ContractKind::Linear;
    switch (in.sizeMode) {
    case SizeMode::Quantity: return in.size;
    case SizeMode::Notional: return linear ? in.size / entry : in.size;
    case SizeMode::RiskPercent: {
        if (!in.stopLoss)
            return engine::Error{"size", "sizing by risk needs a stop-loss"};
        const double loss = std::abs(engine::profitAndLoss(kind, in.side, 1.0, entry, *in.stopLoss));
        if (!(loss > 0.0))
            return engine::Error{"stop_loss", "must differ from the entry to size by risk"};
        return in.wallet * in.size / loss;
    }
    }
    return in.size;
}

/// The engine's position for the inputs at `entry` with `quantity` contracts.
engine::PositionInput positionOf(const PlanInputs& in, const MarketState& mk, const TierTable& table, double entry, double quantity)
{
    engine::PositionInput p;
    p.id = "plan";
    p.symbol = in.symbol.toStdString();
    p.contract.kind = table.contract;
    p.contract.tickSize = table.tickSize;
    p.brackets = table.table;
    p.side = in.side;
    p.quantity = quantity;
    p.entryPrice = entry;
    p.markPrice = positiveFinite(mk.mark) ? mk.mark : entry;
    p.mode = in.marginMode;
    p.leverage = in.leverage;
    p.feeRate = in.feeRate;
    p.fundingRate = mk.fundingRate;
    p.mmRate = in.mmRate;
    const double notional = engine::positionValue(p.contract.kind, quantity, entry);
    if (engine::isIsolated(in.marginMode) && in.extraMargin > 0.0)
        p.isolatedMargin = notional / in.leverage + in.extraMargin;
    return p;
}

}  // namespace

engine::Result<engine::TradePlan> RiskModel::tradePlan(const PlanInputs& in, const MarketState& mk) const
{
    const TierTable* table = m_tiers.find(in.venue, in.symbol);
    if (!table)
        return engine::Error{"symbol", "'" + in.symbol.toStdString() + "' has no table"};
    const double entry = in.entryAtMarket ? mk.mark : in.entryPrice;
    if (!positiveFinite(entry))
        return engine::Error{"entry", "waiting for a price"};
    auto quantity = quantityOf(in, entry, table->contract);
    if (!quantity)
        return quantity.error();
    engine::TradePlan plan;
    plan.venue = in.venue;
    plan.wallet = in.wallet;
    plan.position = positionOf(in, mk, *table, entry, quantity.value());
    plan.exits = detail::exitPlanOf(in);
    return plan;
}

RiskModel::RiskModel(const TierLibrary& tiers, QObject* parent) : QObject(parent), m_tiers(tiers)
{
    auto s = compute(m_inputs, m_market);
    if (s)
        m_snapshot = std::move(s).value();
    m_plan = m_inputs;
}

RiskModel::Batch::Batch(RiskModel& model) : m_model(model) { ++m_model.m_batchDepth; }

RiskModel::Batch::~Batch()
{
    if (--m_model.m_batchDepth == 0 && m_model.m_dirty) {
        m_model.m_dirty = false;
        emit m_model.changed();
    }
}

void RiskModel::publish()
{
    if (m_batchDepth > 0)
        m_dirty = true;
    else
        emit changed();
}

QStringList RiskModel::symbols(engine::Venue venue) const
{
    QStringList out;
    for (const TierTable& t : m_tiers.tables()) {
        if (t.venue == venue)
            out << t.symbols.front();
    }
    return out;
}

const TierTable* RiskModel::tierTable() const
{
    return m_tiers.find(m_inputs.venue, m_inputs.symbol);
}

void RiskModel::tiersChanged()
{
    recompute();
    publish();
}

double RiskModel::tickSize() const
{
    const TierTable* t = m_tiers.find(m_inputs.venue, m_inputs.symbol);
    return t ? t->tickSize : 0.01;
}

double RiskModel::snapToTick(double p) const
{
    const double tick = tickSize();
    // Then to the tick's decimals, so the price is the double nearest the decimal shown.
    const double scale = std::pow(10.0, detail::decimalsForTick(tick));
    return std::round(std::round(p / tick) * tick * scale) / scale;
}

QString RiskModel::lowerToRowMaximum(PlanInputs& in) const
{
    const double cap = rowMaxLeverage(in, m_market);
    if (!(cap >= 1.0 && in.leverage > cap + 1e-9))
        return {};
    const double from = std::exchange(in.leverage, cap);
    return tr("Leverage lowered from %1× to %2×: the position is now in a risk-limit row whose maximum is %2×.").arg(from).arg(cap);
}

double RiskModel::rowMaxLeverage(const PlanInputs& in, const MarketState& mk) const
{
    const TierTable* table = m_tiers.find(in.venue, in.symbol);
    const double entry = in.entryAtMarket ? mk.mark : in.entryPrice;
    if (!table || !positiveFinite(entry))
        return 0.0;
    auto q = quantityOf(in, entry, table->contract);
    if (!q || !positiveFinite(q.value()))
        return 0.0;
    engine::PositionInput p;
    p.contract.kind = table->contract;
    p.brackets = table->table;
    p.side = in.side;
    p.mmRate = in.mmRate;
    p.feeRate = in.feeRate;
    const auto terms = engine::maintenanceAt(p, engine::rulesFor(in.venue, table->contract),
                                             engine::positionValue(table->contract, q.value(), entry));
    return terms.maxLeverage;
}

engine::Result<RiskSnapshot> RiskModel::compute(const PlanInputs& in, const MarketState& mk) const
{
    RiskSnapshot s;
    const TierTable* table = m_tiers.find(in.venue, in.symbol);
    if (!table)
        return engine::Error{"symbol", "'" + in.symbol.toStdString() + "' has no table on " + std::string(engine::venueDisplayName(in.venue))};
    s.contract = table->contract;
    s.entry = in.entryAtMarket ? mk.mark : in.entryPrice;
    if (!positiveFinite(s.entry)) {
        s.problem = tr("Waiting for a price.");
        return s;
    }
    const double sgn = engine::sign(in.side);
    auto quantity = quantityOf(in, s.entry, table->contract);
    if (!quantity)
        return quantity.error();
    s.quantity = quantity.value();

    engine::PositionInput p = positionOf(in, mk, *table, s.entry, s.quantity);
    s.notional = engine::positionValue(p.contract.kind, s.quantity, s.entry);
    // Funding settled while the trade is open comes out of its isolated margin, or out of
    // the wallet behind a cross position.
    if (engine::isIsolated(in.marginMode) && m_fundingPaid != 0.0)
        p.isolatedMargin = s.notional / in.leverage + in.extraMargin - m_fundingPaid;

    engine::AccountInput account;
    account.venue = in.venue;
    account.walletBalance = in.wallet - m_fundingPaid;
    account.positions = {p};
    auto evaluated = engine::evaluateAccount(account);
    if (!evaluated)
        return evaluated.error();
    s.account = std::move(evaluated).value();
    s.position = s.account.positions.front();
    s.maxLeverage = s.position.maxLeverage;
    s.tableMaxLeverage = table->table.brackets.front().maxLeverage;
    if (engine::isIsolated(in.marginMode) && in.wallet > in.extraMargin) {
        // Rounded up to the spin box's hundredths so the lowest value offered is accepted.
        s.minLeverage = std::max(1.0, std::ceil(s.notional / (in.wallet - in.extraMargin) * 100.0 - 1e-9) / 100.0);
    }
    const int decimals = detail::decimalsForTick(table->tickSize);
    if (s.position.bracket > 0 && s.maxLeverage < s.tableMaxLeverage) {
        const auto& row = table->table.brackets[static_cast<std::size_t>(s.position.bracket)];
        s.maxLeverageReason = tr("A position of %1 is in risk-limit row %2 (from %3): at most %4×.")
                                  .arg(formatNumber(s.notional, 2))
                                  .arg(s.position.bracket + 1)
                                  .arg(formatNumber(row.notionalFloor, 0))
                                  .arg(s.maxLeverage);
    }

    // The most the position can lose: its own margin, or the wallet behind a cross position.
    s.maxLoss = engine::isIsolated(in.marginMode) ? s.position.margin : in.wallet;
    const auto& liq = s.position.liquidationPrice;
    const bool stopAfterLiquidation = in.stopLoss && liq && sgn * (*in.stopLoss - *liq) <= 0.0;
    if (in.stopLoss) {
        s.stopDistance = std::abs(s.entry - *in.stopLoss) / s.entry;
        const double atStop = -engine::profitAndLoss(p.contract.kind, in.side, s.quantity, s.entry, *in.stopLoss);
        s.riskAtStop = stopAfterLiquidation ? s.maxLoss : std::min(atStop, s.maxLoss);
        s.riskAtStopOfWallet = *s.riskAtStop / in.wallet;
    }
    if (in.takeProfit) {
        s.takeProfitDistance = std::abs(*in.takeProfit - s.entry) / s.entry;
        if (stopAfterLiquidation && s.maxLoss > 0.0) {
            // Liquidation comes first: the risk is the margin, not the stop's distance.
            s.rewardRisk = std::abs(engine::profitAndLoss(p.contract.kind, in.side, s.quantity, s.entry, *in.takeProfit)) / s.maxLoss;
        } else if (in.stopLoss && *in.stopLoss != s.entry) {
            s.rewardRisk = std::abs(*in.takeProfit - s.entry) / std::abs(s.entry - *in.stopLoss);
        }
    }
    s.fees = 2.0 * in.feeRate * s.notional;
    s.fundingPerInterval = s.position.fundingPayment;
    s.horizonIntervals = static_cast<int>(std::floor(in.horizonHours / kFundingIntervalHours));
    s.fundingOverHorizon = s.fundingPerInterval * s.horizonIntervals;
    auto accrued = engine::accrueFunding(account, s.horizonIntervals);
    if (accrued) {
        s.liquidationAfterHorizon = accrued->after.positions.front().liquidationPrice;
        if (s.liquidationAfterHorizon && s.position.liquidationPrice)
            s.liquidationDrift = *s.liquidationAfterHorizon - *s.position.liquidationPrice;
    }

    if (!in.ladder.empty()) {
        // The preview needs a ladder the engine accepts; an edit that breaks it is refused
        // (checkLadder), so a missing preview only follows a market move.
        auto preview = engine::previewLadder(engine::TradePlan{in.venue, in.wallet, p, detail::exitPlanOf(in)});
        if (preview)
            s.ladder = std::move(preview).value();
    }

    if (stopAfterLiquidation) {
        s.warnings.push_back(Warning::StopBeyondLiquidation);
        s.warningTexts << tr("The stop (%1) lies beyond the liquidation price (%2): the position would be liquidated "
                             "first, losing its whole margin of %3.")
                              .arg(formatNumber(*in.stopLoss, decimals), formatNumber(*liq, decimals), formatNumber(s.maxLoss, 2));
    }
    if (liq && mk.recentHigh > 0.0 && *liq >= mk.recentLow && *liq <= mk.recentHigh) {
        s.warnings.push_back(Warning::LiquidationInsideWickRange);
        s.warningTexts << tr("Prices of the last hour, wicks included, reached the liquidation price.");
    }
    if (!s.maxLeverageReason.isEmpty()) {
        s.warnings.push_back(Warning::LeverageCappedByBracket);
        s.warningTexts << s.maxLeverageReason;
    }
    s.valid = true;
    return s;
}

std::optional<Refusal> RiskModel::checkExits(const PlanInputs& in, const RiskSnapshot& s, const char* field, TradeState state,
                                             const MarketState& market) const
{
    if (!s.valid || state == TradeState::Closed)
        return std::nullopt;
    const double sgn = engine::sign(in.side);
    const bool open = state == TradeState::Open;
    // Planning: the stop and target sit either side of the entry. Open: either side of
    // the price they watch (a stop may trail into profit, but not past the market).
    double ref = s.entry;
    if (open)
        ref = in.exitTrigger == TriggerPrice::Last && positiveFinite(market.last) ? market.last : market.mark;
    if (!positiveFinite(ref))
        return std::nullopt;
    const TierTable* table = m_tiers.find(in.venue, in.symbol);
    const int d = detail::decimalsForTick(table ? table->tickSize : 0.01);
    const QString where = open ? tr("the market (%1)").arg(formatNumber(ref, d)) : tr("the entry (%1)").arg(formatNumber(ref, d));
    const bool isLong = in.side == Side::Long;
    const QString f = QLatin1String(field);
    if (in.stopLoss && sgn * (ref - *in.stopLoss) <= 0.0) {
        const QString rule = isLong ? tr("a long's stop must lie below %1").arg(where) : tr("a short's stop must lie above %1").arg(where);
        if (f == QLatin1String("stop_loss"))
            return Refusal{f, rule};
        return Refusal{f, tr("this would leave the stop-loss (%1) on the wrong side: %2; move the stop-loss first")
                              .arg(formatNumber(*in.stopLoss, d), rule)};
    }
    if (in.takeProfit && sgn * (*in.takeProfit - ref) <= 0.0) {
        const QString rule = isLong ? tr("a long's target must lie above %1").arg(where) : tr("a short's target must lie below %1").arg(where);
        if (f == QLatin1String("take_profit"))
            return Refusal{f, rule};
        return Refusal{f, tr("this would leave the take-profit (%1) on the wrong side: %2; move the take-profit first")
                              .arg(formatNumber(*in.takeProfit, d), rule)};
    }
    return checkLadder(in, s, field, market);
}

namespace {

/// `base` with every input that differs between `from` and `to` taken from `to`.
PlanInputs rebase(PlanInputs base, const PlanInputs& from, const PlanInputs& to)
{
    auto take = [](auto& b, const auto& f, const auto& t) {
        if (!(f == t))
            b = t;
    };
    take(base.venue, from.venue, to.venue);
    take(base.symbol, from.symbol, to.symbol);
    take(base.side, from.side, to.side);
    take(base.entryAtMarket, from.entryAtMarket, to.entryAtMarket);
    take(base.entryPrice, from.entryPrice, to.entryPrice);
    take(base.sizeMode, from.sizeMode, to.sizeMode);
    take(base.size, from.size, to.size);
    take(base.leverage, from.leverage, to.leverage);
    take(base.marginMode, from.marginMode, to.marginMode);
    take(base.wallet, from.wallet, to.wallet);
    take(base.extraMargin, from.extraMargin, to.extraMargin);
    take(base.stopLoss, from.stopLoss, to.stopLoss);
    take(base.takeProfit, from.takeProfit, to.takeProfit);
    take(base.exitTrigger, from.exitTrigger, to.exitTrigger);
    take(base.horizonHours, from.horizonHours, to.horizonHours);
    take(base.feeRate, from.feeRate, to.feeRate);
    take(base.mmRate, from.mmRate, to.mmRate);
    take(base.ladder, from.ladder, to.ladder);
    return base;
}

/// Inputs an open trade cannot change: they describe the position that is open.
bool changesOpenPosition(const PlanInputs& a, const PlanInputs& b)
{
    return a.venue != b.venue || a.symbol != b.symbol || a.side != b.side || a.entryAtMarket != b.entryAtMarket
           || a.entryPrice != b.entryPrice || a.sizeMode != b.sizeMode || a.size != b.size || a.marginMode != b.marginMode
           || a.mmRate != b.mmRate;
}

}  // namespace

RiskModel::Outcome RiskModel::apply(PlanInputs candidate, const char* field)
{
    if (candidate == m_inputs)
        return std::nullopt;
    if (m_state == TradeState::Open && changesOpenPosition(candidate, m_inputs))
        return refusal(field, tr("the trade is open; close it, or plan again, before changing this"));
    if (m_state == TradeState::Open && (m_sim || !(candidate.ladder == m_inputs.ladder))) {
        // An open ladder runs as it was planned: the simulator holds its stop and rungs.
        PlanInputs same = candidate;
        same.horizonHours = m_inputs.horizonHours;
        if (!(same == m_inputs))
            return refusal(field, tr("the trade is open with its exit plan; its exits run as planned — close it, or plan again, "
                                     "to change them"));
    }
    const bool leavingClosed = m_state == TradeState::Closed;
    if (leavingClosed)
        candidate = rebase(following(m_plan), m_inputs, candidate);
    const TradeState stateAfter = leavingClosed ? TradeState::Planning : m_state;
    const TradeState stateNow = m_state;
    m_state = stateAfter;  // the rules below are those of the state the change leads to
    auto s = compute(candidate, m_market);
    QString lowered;
    if (!s && QLatin1String(field) != QLatin1String("leverage")) {
        // A size (or entry) that moves into a row with a lower maximum brings the leverage down to it.
        lowered = lowerToRowMaximum(candidate);
        if (!lowered.isEmpty())
            s = compute(candidate, m_market);
    }
    std::optional<Refusal> refused;
    if (!s)
        refused = detail::fromEngine(s.error(), field);
    else
        refused = checkExits(candidate, s.value(), field, m_state, m_market);
    if (refused) {
        m_state = stateNow;
        return refused;
    }
    const PlanInputs before = m_inputs;
    m_inputs = candidate;
    m_snapshot = std::move(s).value();
    if (m_state == TradeState::Planning) {
        m_plan = m_inputs;
        anchorExits();
    }
    if (leavingClosed) {
        m_events.clear();
        emit tradeStateChanged(m_state);
    }
    emit edited(before, m_inputs);
    if (!lowered.isEmpty())
        emit notice(lowered);
    publish();
    return std::nullopt;
}

RiskModel::Outcome RiskModel::edit(const PlanInputs& inputs)
{
    if (auto r = checkWhole(inputs))
        return r;
    return apply(inputs, "plan");
}

RiskModel::Outcome RiskModel::setInputs(const PlanInputs& inputs)
{
    if (auto r = checkWhole(inputs))
        return r;
    const Batch once(*this);  // one changed(), whatever state the trade leaves
    // New inputs are a new plan: whatever trade was open or closed is left behind.
    const TradeState stateNow = m_state;
    const auto eventsNow = m_events;
    const PlanInputs inputsNow = m_inputs;
    const double fundingNow = m_fundingPaid;
    if (m_state != TradeState::Planning) {
        m_state = TradeState::Planning;
        m_events.clear();
        m_inputs = m_plan;
        m_fundingPaid = 0.0;
    }
    if (auto r = apply(inputs, "plan")) {
        m_state = stateNow;
        m_events = eventsNow;
        m_inputs = inputsNow;
        m_fundingPaid = fundingNow;
        return r;
    }
    m_entryArmed = true;  // a fixed entry given with the inputs is a price to wait for
    if (stateNow != TradeState::Planning)
        m_sim.reset();
    if (stateNow != TradeState::Planning) {
        emit tradeStateChanged(m_state);
        publish();
    }
    return std::nullopt;
}

}  // namespace levlab::model
