#include "core/model/plan/risk_model.h"

#include "core/model/market/instrument.h"

#include "core/model/plan/risk_model_detail.h"
#include "core/model/tiers/tier_library.h"

#include <cmath>

namespace levlab::model {

using detail::positiveFinite;
using detail::refusal;

RiskModel::Outcome RiskModel::convertUnits(PlanInputs& c, const TierTable* before, const TierTable* after,
                                           std::optional<UnitMemory>& memory) const
{
    if (!before || !after || before->contract == after->contract)
        return std::nullopt;
    // Wallet and size change units between quote-settled and coin-settled contracts.
    // Coming back to the units the trader typed restores their numbers exactly.
    if (m_units && m_units->kind == after->contract && m_units->convertedWallet == c.wallet && m_units->convertedSize == c.size
        && m_units->convertedExtra == c.extraMargin && m_units->sizeMode == c.sizeMode) {
        c.wallet = m_units->wallet;
        c.size = m_units->size;
        c.extraMargin = m_units->extraMargin;
        memory.reset();
        return std::nullopt;
    }
    const double mark = m_market.mark;
    if (!positiveFinite(mark))
        return refusal("venue", tr("waiting for a price to convert the wallet"));
    UnitMemory kept{before->contract, c.wallet, c.size, c.extraMargin, c.sizeMode, 0.0, 0.0, 0.0};
    const bool toInverse = after->contract == engine::ContractKind::Inverse;
    c.wallet = toInverse ? c.wallet / mark : c.wallet * mark;
    if (c.sizeMode == SizeMode::Quantity)
        c.size = toInverse ? std::max(1.0, std::round(c.size * mark)) : c.size / mark;
    c.extraMargin = toInverse ? c.extraMargin / mark : c.extraMargin * mark;
    kept.convertedWallet = c.wallet;
    kept.convertedSize = c.size;
    kept.convertedExtra = c.extraMargin;
    memory = kept;
    return std::nullopt;
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
            if (!after || (baseAsset(t.symbols.front()) == baseAsset(m_inputs.symbol)
                           && baseAsset(after->symbols.front()) != baseAsset(m_inputs.symbol)))
                after = &t;
        }
    }
    if (!after)
        return refusal("venue", tr("no risk-limit tables ship for %1").arg(QString::fromLatin1(engine::venueDisplayName(venue).data())));
    c.symbol = after->symbols.front();
    std::optional<UnitMemory> memory = m_units;
    if (auto r = convertUnits(c, before, after, memory))
        return r;
    if (auto r = apply(c, "venue"))
        return r;
    m_units = memory;
    return std::nullopt;
}

RiskModel::Outcome RiskModel::setSymbol(const QString& symbol)
{
    const TierTable* t = m_tiers.find(m_inputs.venue, symbol);
    if (!t)
        return refusal("symbol", tr("%1 has no risk-limit table on %2").arg(symbol, QString::fromLatin1(engine::venueDisplayName(m_inputs.venue).data())));
    PlanInputs c = m_inputs;
    c.symbol = t->symbols.front();
    if (c.symbol == m_inputs.symbol)
        return std::nullopt;
    const MarketState marketNow = m_market;
    const QString oldSymbol = m_inputs.symbol;
    const bool otherAsset = baseAsset(c.symbol) != baseAsset(m_inputs.symbol);
    std::optional<UnitMemory> memory = m_units;
    if (auto r = convertUnits(c, m_tiers.find(m_inputs.venue, m_inputs.symbol), t, memory))
        return r;
    if (!otherAsset || !m_marketOf) {
        if (auto r = apply(c, "symbol"))
            return r;
        m_units = memory;
        return std::nullopt;
    }
    // Another asset: its own market, and the prices move with it. Coming back to a
    // symbol at the same mark gives its prices back exactly.
    const MarketState next = m_marketOf(c.symbol);
    if (!positiveFinite(next.mark) || !positiveFinite(marketNow.mark))
        return refusal("symbol", tr("there is no price for %1 yet").arg(c.symbol));
    const SymbolPrices leaving{marketNow.mark, c.entryPrice, c.stopLoss, c.takeProfit};
    SymbolPrices from = leaving;
    if (auto it = m_symbolPrices.constFind(c.symbol); it != m_symbolPrices.constEnd())
        from = it.value();
    const double tick = t->tickSize;
    auto move = [&](double p) {
        if (from.mark == next.mark)
            return p;
        return std::max(tick, std::round(p * next.mark / from.mark / tick) * tick);
    };
    c.entryPrice = positiveFinite(from.entryPrice) ? move(from.entryPrice) : 0.0;
    c.stopLoss = from.stopLoss ? std::optional(move(*from.stopLoss)) : std::nullopt;
    c.takeProfit = from.takeProfit ? std::optional(move(*from.takeProfit)) : std::nullopt;
    m_market = next;
    if (auto r = apply(c, "symbol")) {
        m_market = marketNow;
        return r;
    }
    m_symbolPrices.insert(oldSymbol, leaving);
    m_units = memory;
    return std::nullopt;
}

}  // namespace levlab::model
