#include "core/model/portfolio/portfolio_model.h"

#include "core/model/portfolio/portfolio_detail.h"

// Asking before changing: a holding before it is added, a whole portfolio before it
// replaces this one (a file opened).
namespace levlab::model {

using detail::fromEngine;
using detail::positiveFinite;

PortfolioModel::Outcome PortfolioModel::check(std::size_t index, const Holding& h) const
{
    if (index > m_holdings.size())
        return Refusal{QStringLiteral("position"), tr("no such row")};
    Holding c = completed(h);
    if (!positiveFinite(c.entry))
        return Refusal{QStringLiteral("entry"), tr("no price for %1 yet").arg(c.symbol)};
    std::vector<Holding> next = m_holdings;
    next.insert(next.begin() + static_cast<std::ptrdiff_t>(index), std::move(c));
    if (auto s = compute(next, m_wallet); !s)
        return fromEngine(s.error());
    return std::nullopt;
}

std::optional<Holding> PortfolioModel::duplicateOf(std::size_t index) const
{
    if (index >= m_holdings.size())
        return std::nullopt;
    Holding copy = m_holdings[index];
    copy.id = nextId(copy.symbol);
    return copy;
}

PortfolioModel::Outcome PortfolioModel::checkWallet(double wallet)
{
    if (!positiveFinite(wallet))
        return Refusal{QStringLiteral("wallet"), tr("must be greater than 0")};
    return std::nullopt;
}

PortfolioModel::Outcome PortfolioModel::checkShock(double move)
{
    if (!(std::isfinite(move) && move >= -0.6 && move <= 0.6))
        return Refusal{QStringLiteral("shock"), tr("must lie between −60% and +60%")};
    return std::nullopt;
}

PortfolioModel::Outcome PortfolioModel::checkHorizon(double hours)
{
    if (!(std::isfinite(hours) && hours >= 0.0 && hours <= 24.0 * 365.0))
        return Refusal{QStringLiteral("horizon"), tr("must lie between 0 hours and a year")};
    return std::nullopt;
}

PortfolioModel::Outcome PortfolioModel::prepareAll(const Memento& m, const Marks& marks, PortfolioModel& probe) const
{
    for (const Outcome& r : {checkWallet(m.wallet), checkShock(m.shock), checkHorizon(m.horizonHours)}) {
        if (r)
            return r;
    }
    probe.m_venue = m.venue;
    probe.m_shock = m.shock;
    probe.m_horizonHours = m.horizonHours;
    probe.m_fundingRate = marks.fundingRate;
    probe.takeMarks(marks.marks);
    std::vector<Holding> holdings;
    holdings.reserve(m.holdings.size());
    for (const Holding& h : m.holdings)
        holdings.push_back(probe.completed(h));
    auto s = probe.compute(holdings, m.wallet);
    if (!s)
        return fromEngine(s.error());
    probe.m_wallet = m.wallet;
    probe.m_holdings = std::move(holdings);
    probe.m_snapshot = std::move(s).value();
    probe.m_events = m.events;
    return std::nullopt;
}

PortfolioModel::Outcome PortfolioModel::checkAll(const Memento& memento, const Marks& marks) const
{
    PortfolioModel probe(m_tiers);
    return prepareAll(memento, marks, probe);
}

PortfolioModel::Outcome PortfolioModel::replaceAll(const Memento& memento, const Marks& marks)
{
    PortfolioModel probe(m_tiers);
    if (auto r = prepareAll(memento, marks, probe))
        return r;
    m_venue = probe.m_venue;
    m_wallet = probe.m_wallet;
    m_holdings = std::move(probe.m_holdings);
    m_shock = probe.m_shock;
    m_horizonHours = probe.m_horizonHours;
    m_marks = std::move(probe.m_marks);
    m_fundingRate = probe.m_fundingRate;
    m_snapshot = std::move(probe.m_snapshot);
    m_events = std::move(probe.m_events);
    emit changed();
    return std::nullopt;
}

}  // namespace levlab::model
