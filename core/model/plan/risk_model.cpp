#include "core/model/plan/risk_model.h"

#include "core/engine/account/account.h"
#include "core/engine/funding/funding.h"
#include "core/engine/sizing/back_solve.h"
#include "core/model/tiers/tier_library.h"

#include <cmath>

namespace levlab::model {

namespace {

using engine::Side;

constexpr double kFundingIntervalHours = 8.0;

bool positiveFinite(double v) { return std::isfinite(v) && v > 0.0; }

Refusal refusal(const char* field, const QString& reason) { return Refusal{QLatin1String(field), reason}; }

/// The engine names fields as a scenario would ("positions[0].leverage"); the model
/// names them as the trader sets them ("leverage").
Refusal fromEngine(const engine::Error& e)
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
    return Refusal{field, QString::fromStdString(e.reason)};
}

QString price(double v) { return QString::number(v, 'f', v >= 100 ? 2 : 4); }

/// The base asset a symbol trades ("BTC" for BTCUSDT, XBTUSD, BTC-USDT-SWAP).
QString baseOf(const QString& symbol)
{
    const QString s = symbol.toUpper();
    if (s.startsWith(QLatin1String("XBT")) || s.startsWith(QLatin1String("BTC")))
        return QStringLiteral("BTC");
    return s.left(3);
}

}  // namespace

RiskModel::RiskModel(const TierLibrary& tiers, QObject* parent) : QObject(parent), m_tiers(tiers)
{
    auto s = compute(m_inputs, m_market);
    if (s)
        m_snapshot = std::move(s).value();
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

double RiskModel::tickSize() const
{
    const TierTable* t = m_tiers.find(m_inputs.venue, m_inputs.symbol);
    return t ? t->tickSize : 0.01;
}

double RiskModel::snapToTick(double p) const
{
    const double tick = tickSize();
    return std::round(p / tick) * tick;
}

engine::Result<RiskSnapshot> RiskModel::compute(const PlanInputs& in, const MarketState& mk) const
{
    RiskSnapshot s;
    const TierTable* table = m_tiers.find(in.venue, in.symbol);
    if (!table)
        return engine::Error{"symbol", "'" + in.symbol.toStdString() + "' has no table on " + std::string(engine::venueName(in.venue))};
    s.contract = table->contract;
    s.entry = in.entryAtMarket ? mk.mark : in.entryPrice;
    if (!positiveFinite(s.entry)) {
        s.problem = tr("Waiting for a price.");
        return s;
    }
    const double sgn = engine::sign(in.side);
    const bool linear = table->contract == engine::ContractKind::Linear;
    // Quantity in contracts of size 1: base units (linear) or USD (inverse).
    switch (in.sizeMode) {
    case SizeMode::Quantity:
        s.quantity = in.size;
        break;
    case SizeMode::Notional:
        s.quantity = linear ? in.size / s.entry : in.size;
        break;
    case SizeMode::RiskPercent: {
        if (!in.stopLoss)
            return engine::Error{"size", "sizing by risk needs a stop-loss"};
        const double loss = std::abs(engine::profitAndLoss(table->contract, in.side, 1.0, s.entry, *in.stopLoss));
        if (!(loss > 0.0))
            return engine::Error{"stop_loss", "must differ from the entry to size by risk"};
        s.quantity = in.wallet * in.size / loss;
        break;
    }
    }

    engine::PositionInput p;
    p.id = "plan";
    p.symbol = in.symbol.toStdString();
    p.contract.kind = table->contract;
    p.contract.tickSize = table->tickSize;
    p.brackets = table->table;
    p.side = in.side;
    p.quantity = s.quantity;
    p.entryPrice = s.entry;
    p.markPrice = positiveFinite(mk.mark) ? mk.mark : s.entry;
    p.mode = in.marginMode;
    p.leverage = in.leverage;
    p.feeRate = in.feeRate;
    p.fundingRate = mk.fundingRate;
    p.mmRate = in.mmRate;
    s.notional = engine::positionValue(p.contract.kind, s.quantity, s.entry);
    if (engine::isIsolated(in.marginMode) && in.extraMargin > 0.0)
        p.isolatedMargin = s.notional / in.leverage + in.extraMargin;

    engine::AccountInput account;
    account.venue = in.venue;
    account.walletBalance = in.wallet;
    account.positions = {p};
    auto evaluated = engine::evaluateAccount(account);
    if (!evaluated)
        return evaluated.error();
    s.position = evaluated->positions.front();
    s.maxLeverage = s.position.maxLeverage;
    s.tableMaxLeverage = table->table.brackets.front().maxLeverage;
    if (s.position.bracket > 0 && s.maxLeverage < s.tableMaxLeverage) {
        const auto& row = table->table.brackets[static_cast<std::size_t>(s.position.bracket)];
        s.maxLeverageReason = tr("A position of %1 is in risk-limit row %2 (from %3): at most %4x.")
                                  .arg(price(s.position.notional))
                                  .arg(s.position.bracket + 1)
                                  .arg(price(row.notionalFloor))
                                  .arg(s.maxLeverage);
    }

    if (in.stopLoss) {
        s.stopDistance = std::abs(s.entry - *in.stopLoss) / s.entry;
        s.riskAtStop = -engine::profitAndLoss(p.contract.kind, in.side, s.quantity, s.entry, *in.stopLoss);
        s.riskAtStopOfWallet = *s.riskAtStop / in.wallet;
    }
    if (in.takeProfit) {
        s.takeProfitDistance = std::abs(*in.takeProfit - s.entry) / s.entry;
        if (in.stopLoss && *in.stopLoss != s.entry)
            s.rewardRisk = std::abs(*in.takeProfit - s.entry) / std::abs(s.entry - *in.stopLoss);
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

    const auto& liq = s.position.liquidationPrice;
    if (in.stopLoss && liq && sgn * (*in.stopLoss - *liq) <= 0.0) {
        s.warnings.push_back(Warning::StopBeyondLiquidation);
        s.warningTexts << tr("The stop lies beyond the liquidation price: the position would be liquidated "
                             "before the stop fires.");
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

RiskModel::Outcome RiskModel::apply(const PlanInputs& candidate)
{
    if (candidate == m_inputs)
        return std::nullopt;
    auto s = compute(candidate, m_market);
    if (!s)
        return fromEngine(s.error());
    m_inputs = candidate;
    m_snapshot = std::move(s).value();
    publish();
    return std::nullopt;
}

RiskModel::Outcome RiskModel::setInputs(const PlanInputs& inputs)
{
    if (!positiveFinite(inputs.wallet))
        return refusal("wallet", tr("must be greater than 0"));
    if (!(std::isfinite(inputs.leverage) && inputs.leverage >= 1.0))
        return refusal("leverage", tr("must be at least 1x"));
    if (!positiveFinite(inputs.size))
        return refusal("size", tr("must be greater than 0"));
    return apply(inputs);
}

RiskModel::Outcome RiskModel::setVenue(engine::Venue venue)
{
    if (venue == m_inputs.venue)
        return std::nullopt;
    PlanInputs c = m_inputs;
    c.venue = venue;
    const TierTable* before = m_tiers.find(m_inputs.venue, m_inputs.symbol);
    const TierTable* after = m_tiers.find(venue, m_inputs.symbol);
    if (!after) {
        // The same asset under the new venue's name, or its first table.
        for (const TierTable& t : m_tiers.tables()) {
            if (t.venue != venue)
                continue;
            if (!after || baseOf(t.symbols.front()) == baseOf(m_inputs.symbol))
                after = &t;
        }
    }
    if (!after)
        return refusal("venue", tr("no tables ship for %1").arg(QString::fromLatin1(engine::venueName(venue).data())));
    c.symbol = after->symbols.front();
    const double mark = m_market.mark;
    if (before && before->contract != after->contract && positiveFinite(mark)) {
        // Wallet and size change units between quote-settled and coin-settled contracts.
        const bool toInverse = after->contract == engine::ContractKind::Inverse;
        c.wallet = toInverse ? c.wallet / mark : c.wallet * mark;
        if (c.sizeMode == SizeMode::Quantity)
            c.size = toInverse ? std::round(c.size * mark) : c.size / mark;
        c.extraMargin = toInverse ? c.extraMargin / mark : c.extraMargin * mark;
    }
    return apply(c);
}

RiskModel::Outcome RiskModel::setSymbol(const QString& symbol)
{
    const TierTable* t = m_tiers.find(m_inputs.venue, symbol);
    if (!t)
        return refusal("symbol", tr("'%1' has no table on %2").arg(symbol, QString::fromLatin1(engine::venueName(m_inputs.venue).data())));
    PlanInputs c = m_inputs;
    c.symbol = t->symbols.front();
    return apply(c);
}

RiskModel::Outcome RiskModel::setSide(engine::Side side)
{
    PlanInputs c = m_inputs;
    c.side = side;
    // A stop and target belong to one side; mirror them through the entry.
    const double entry = m_snapshot.entry;
    if (side != m_inputs.side && positiveFinite(entry)) {
        if (c.stopLoss)
            c.stopLoss = snapToTick(2.0 * entry - *c.stopLoss);
        if (c.takeProfit)
            c.takeProfit = snapToTick(2.0 * entry - *c.takeProfit);
    }
    return apply(c);
}

RiskModel::Outcome RiskModel::setEntryAtMarket(bool atMarket)
{
    PlanInputs c = m_inputs;
    c.entryAtMarket = atMarket;
    if (!atMarket && !positiveFinite(c.entryPrice))
        c.entryPrice = snapToTick(m_market.mark);
    return apply(c);
}

RiskModel::Outcome RiskModel::setEntryPrice(double p)
{
    if (!positiveFinite(p))
        return refusal("entry", tr("must be a price greater than 0"));
    PlanInputs c = m_inputs;
    c.entryPrice = p;
    c.entryAtMarket = false;
    return apply(c);
}

RiskModel::Outcome RiskModel::setSizeMode(SizeMode mode)
{
    if (mode == m_inputs.sizeMode)
        return std::nullopt;
    PlanInputs c = m_inputs;
    c.sizeMode = mode;
    // Keep the same position when only the way of stating it changes.
    const double entry = m_snapshot.entry;
    const bool linear = m_tiers.find(c.venue, c.symbol) && m_tiers.find(c.venue, c.symbol)->contract == engine::ContractKind::Linear;
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
    return apply(c);
}

RiskModel::Outcome RiskModel::setSize(double size)
{
    if (!positiveFinite(size))
        return refusal("size", tr("must be greater than 0"));
    if (m_inputs.sizeMode == SizeMode::RiskPercent && size > 1.0)
        return refusal("size", tr("a risk share must be at most 100%"));
    PlanInputs c = m_inputs;
    c.size = size;
    return apply(c);
}

RiskModel::Outcome RiskModel::setLeverage(double leverage)
{
    if (!(std::isfinite(leverage) && leverage >= 1.0))
        return refusal("leverage", tr("must be at least 1x"));
    PlanInputs c = m_inputs;
    c.leverage = leverage;
    return apply(c);
}

RiskModel::Outcome RiskModel::setMarginMode(engine::MarginMode mode)
{
    PlanInputs c = m_inputs;
    c.marginMode = mode;
    if (mode == engine::MarginMode::Cross)
        c.extraMargin = 0.0;
    return apply(c);
}

RiskModel::Outcome RiskModel::setWallet(double wallet)
{
    if (!positiveFinite(wallet))
        return refusal("wallet", tr("must be greater than 0"));
    PlanInputs c = m_inputs;
    c.wallet = wallet;
    return apply(c);
}

RiskModel::Outcome RiskModel::setExtraMargin(double margin)
{
    if (!(std::isfinite(margin) && margin >= 0.0))
        return refusal("extra_margin", tr("must be 0 or more"));
    if (margin > 0.0 && m_inputs.marginMode == engine::MarginMode::Cross)
        return refusal("extra_margin", tr("a cross position draws on the wallet; add to the wallet instead"));
    if (margin < m_inputs.extraMargin && m_inputs.marginMode == engine::MarginMode::StrictIsolated && !m_inputs.entryAtMarket)
        return refusal("extra_margin", tr("strict isolated margin cannot be removed while the position is open"));
    PlanInputs c = m_inputs;
    c.extraMargin = margin;
    return apply(c);
}

RiskModel::Outcome RiskModel::setStopLoss(std::optional<double> stop)
{
    if (stop) {
        if (!positiveFinite(*stop))
            return refusal("stop_loss", tr("must be a price greater than 0"));
        const double entry = m_snapshot.entry;
        if (positiveFinite(entry) && engine::sign(m_inputs.side) * (entry - *stop) <= 0.0)
            return refusal("stop_loss", m_inputs.side == Side::Long ? tr("a long's stop must lie below the entry (%1)").arg(price(entry))
                                                                    : tr("a short's stop must lie above the entry (%1)").arg(price(entry)));
    }
    PlanInputs c = m_inputs;
    c.stopLoss = stop;
    if (!stop && c.sizeMode == SizeMode::RiskPercent)
        return refusal("stop_loss", tr("sizing by risk needs a stop-loss; change the size mode first"));
    return apply(c);
}

RiskModel::Outcome RiskModel::setTakeProfit(std::optional<double> target)
{
    if (target) {
        if (!positiveFinite(*target))
            return refusal("take_profit", tr("must be a price greater than 0"));
        const double entry = m_snapshot.entry;
        if (positiveFinite(entry) && engine::sign(m_inputs.side) * (*target - entry) <= 0.0)
            return refusal("take_profit", m_inputs.side == Side::Long ? tr("a long's target must lie above the entry (%1)").arg(price(entry))
                                                                      : tr("a short's target must lie below the entry (%1)").arg(price(entry)));
    }
    PlanInputs c = m_inputs;
    c.takeProfit = target;
    return apply(c);
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

RiskModel::Outcome RiskModel::setHorizonHours(double hours)
{
    if (!(std::isfinite(hours) && hours >= 0.0 && hours <= 24.0 * 365.0))
        return refusal("horizon", tr("must lie between 0 hours and a year"));
    PlanInputs c = m_inputs;
    c.horizonHours = hours;
    return apply(c);
}

RiskModel::Outcome RiskModel::setFeeRate(double rate)
{
    if (!(std::isfinite(rate) && rate >= 0.0 && rate < 0.01))
        return refusal("fee_rate", tr("must lie between 0% and 1%"));
    PlanInputs c = m_inputs;
    c.feeRate = rate;
    return apply(c);
}

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
        return fromEngine(lev.error());
    PlanInputs c = m_inputs;
    c.leverage = std::max(1.0, std::round(lev.value() * 100.0) / 100.0);
    c.extraMargin = 0.0;
    return apply(c);
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
        return fromEngine(lev.error());
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
        return fromEngine(margin.error());
    const double extra = std::max(0.0, margin.value() - m_snapshot.notional / m_inputs.leverage);
    return setExtraMargin(std::ceil(extra * 100.0) / 100.0);
}

void RiskModel::setMarket(const MarketState& market)
{
    if (market == m_market)
        return;
    const MarketState before = m_market;
    m_market = market;
    auto s = compute(m_inputs, m_market);
    if (s) {
        m_snapshot = std::move(s).value();
    } else {
        m_snapshot = RiskSnapshot{};
        m_snapshot.problem = QString::fromStdString(s.error().message());
    }
    detectEvents(before, market);
    publish();
}

void RiskModel::clearEvents()
{
    if (m_events.empty())
        return;
    m_events.clear();
    publish();
}

void RiskModel::detectEvents(const MarketState& before, const MarketState& after)
{
    // Only a position with a fixed entry is "open"; at market it re-enters at every price.
    if (m_inputs.entryAtMarket || !m_snapshot.valid || !positiveFinite(before.mark))
        return;
    const double s = engine::sign(m_inputs.side);
    auto crossed = [&](double level) { return s * (before.mark - level) > 0.0 && s * (after.mark - level) <= 0.0; };
    if (const auto& liq = m_snapshot.position.liquidationPrice; liq && crossed(*liq)) {
        const double loss = engine::isIsolated(m_inputs.marginMode) ? m_snapshot.position.margin : m_inputs.wallet;
        m_events.push_back({PositionEvent::Kind::Liquidated, after.timeMs, after.mark, loss});
        emit eventOccurred(m_events.back());
    } else if (m_inputs.stopLoss && crossed(*m_inputs.stopLoss)) {
        m_events.push_back({PositionEvent::Kind::StoppedOut, after.timeMs, after.mark, m_snapshot.riskAtStop.value_or(0.0)});
        emit eventOccurred(m_events.back());
    }
    constexpr std::size_t kMaxEvents = 200;
    if (m_events.size() > kMaxEvents)
        m_events.erase(m_events.begin());
}

}  // namespace levlab::model
