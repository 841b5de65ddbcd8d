#include "core/model/portfolio/portfolio_model.h"

#include "core/model/market/instrument.h"
#include "core/model/plan/messages.h"
#include "core/model/portfolio/portfolio_detail.h"
#include "core/model/tiers/tier_library.h"

#include <algorithm>
#include <cmath>

namespace levlab::model {

using detail::fromEngine;
using detail::positiveFinite;

namespace {

constexpr double kFundingIntervalHours = 8.0;
constexpr double kTakerFee = 0.0005;
constexpr double kPathStep = 0.01;  // the stepped shock moves 1% at a time
constexpr double kDefaultMmRate = 0.01;

}  // namespace

PortfolioModel::PortfolioModel(const TierLibrary& tiers, QObject* parent) : QObject(parent), m_tiers(tiers)
{
    m_snapshot.problem = tr("No positions yet.");
}

double PortfolioModel::markOf(const QString& symbol) const
{
    return m_marks.value(baseAsset(symbol), 0.0);
}

QString PortfolioModel::nextId(const QString& symbol) const
{
    const QString base = baseAsset(symbol).toLower();
    for (int n = 1;; ++n) {
        const QString id = n == 1 ? base : QStringLiteral("%1-%2").arg(base).arg(n);
        bool used = false;
        for (const Holding& h : m_holdings)
            used = used || h.id == id;
        if (!used)
            return id;
    }
}

engine::AccountInput PortfolioModel::build(const std::vector<Holding>& holdings, double wallet, bool atMarks) const
{
    engine::AccountInput a;
    a.venue = m_venue;
    a.walletBalance = wallet;
    for (const Holding& h : holdings) {
        engine::PositionInput p;
        p.id = h.id.toStdString();
        p.symbol = h.symbol.toStdString();
        if (const TierTable* t = m_tiers.find(m_venue, h.symbol)) {
            p.contract.kind = t->contract;
            if (!h.mmRate)
                p.brackets = t->table;
        }
        p.side = h.side;
        p.quantity = h.quantity;
        p.entryPrice = h.entry;
        const double mark = markOf(h.symbol);
        p.markPrice = atMarks && mark > 0.0 ? mark : h.entry;
        p.mode = h.mode;
        p.leverage = h.leverage;
        p.isolatedMargin = engine::isIsolated(h.mode) ? h.isolatedMargin : std::nullopt;
        p.mmRate = h.mmRate;
        p.feeRate = kTakerFee;
        p.fundingRate = m_fundingRate;
        a.positions.push_back(std::move(p));
    }
    return a;
}

engine::Result<PortfolioSnapshot> PortfolioModel::compute(const std::vector<Holding>& holdings, double wallet,
                                                          const PortfolioSnapshot* keepLayoutsOf) const
{
    PortfolioSnapshot s;
    if (holdings.empty()) {
        s.problem = tr("No positions yet.");
        s.account.walletBalance = s.account.crossWallet = s.account.equity = s.account.crossEquity = wallet;
        s.valid = true;
        return s;
    }
    const engine::AccountInput atMarks = build(holdings, wallet, true);
    auto account = engine::evaluateAccount(atMarks);
    if (!account)
        return account.error();
    s.account = std::move(account).value();
    for (std::size_t i = 0; i < holdings.size(); ++i) {
        const auto& r = s.account.positions[i];
        const double mark = atMarks.positions[i].markPrice.value_or(holdings[i].entry);
        s.ownMove.push_back(engine::isIsolated(holdings[i].mode) && r.liquidationPrice ? std::optional(*r.liquidationPrice / mark - 1.0)
                                                                                       : std::nullopt);
    }

    if (keepLayoutsOf && keepLayoutsOf->valid) {
        // Shocks are measured from entry: a new mark leaves the comparison as it was.
        s.atShock = keepLayoutsOf->atShock;
        s.steppedPath = keepLayoutsOf->steppedPath;
        s.pathSteps = keepLayoutsOf->pathSteps;
    } else if (auto r = computeLayouts(holdings, wallet, s); !r) {
        return r.error();
    }
    auto funding = engine::accrueFunding(atMarks, static_cast<int>(std::floor(m_horizonHours / kFundingIntervalHours)));
    if (funding)
        s.funding = std::move(funding).value();
    s.valid = true;
    return s;
}

engine::Result<bool> PortfolioModel::computeLayouts(const std::vector<Holding>& holdings, double wallet, PortfolioSnapshot& s) const
{
    const engine::AccountInput atEntry = build(holdings, wallet, false);
    const int steps = std::max(1, static_cast<int>(std::ceil(std::abs(m_shock) / kPathStep)));
    s.pathSteps = steps;
    std::vector<engine::PathStep> path;
    path.reserve(static_cast<std::size_t>(steps));
    for (int k = 1; k <= steps; ++k) {
        engine::PathStep step;
        step.timeMs = k;
        for (const Holding& h : holdings)
            step.marks.push_back(h.entry * (1.0 + m_shock * k / steps));
        path.push_back(std::move(step));
    }
    for (std::size_t l = 0; l < engine::kAllLayouts.size(); ++l) {
        // The stepped path ends at the shock: its outcome is the outcome at the shock, and its
        // events give the order (to the step) in which things went.
        auto played = engine::playPath(engine::arrange(atEntry, engine::kAllLayouts[l]), path);
        if (!played)
            return played.error();
        s.atShock[l] = played->outcome;
        s.steppedPath[l] = std::move(played).value();
    }
    return true;
}

PortfolioModel::Outcome PortfolioModel::commit(std::vector<Holding> holdings, double wallet)
{
    auto s = compute(holdings, wallet);
    if (!s)
        return fromEngine(s.error());
    m_holdings = std::move(holdings);
    m_wallet = wallet;
    m_snapshot = std::move(s).value();
    emit changed();
    return std::nullopt;
}

void PortfolioModel::restore(const Memento& m)
{
    m_venue = m.venue;
    m_shock = m.shock;
    m_horizonHours = m.horizonHours;
    m_events = m.events;
    if (auto r = commit(m.holdings, m.wallet)) {
        // What was saved was valid when saved; at today's marks it may not evaluate.
        m_holdings = m.holdings;
        m_wallet = m.wallet;
        emit changed();
    }
}

PortfolioModel::Outcome PortfolioModel::setVenue(engine::Venue venue)
{
    if (venue == m_venue)
        return std::nullopt;
    const engine::Venue before = m_venue;
    m_venue = venue;
    // Symbols the new venue ships no table for get an editable maintenance rate, as on adding.
    std::vector<Holding> next = m_holdings;
    for (Holding& h : next) {
        if (!m_tiers.find(venue, h.symbol) && !h.mmRate)
            h.mmRate = kDefaultMmRate;
    }
    if (auto r = commit(std::move(next), m_wallet)) {
        m_venue = before;
        return r;
    }
    return std::nullopt;
}

PortfolioModel::Outcome PortfolioModel::setWallet(double wallet)
{
    if (auto r = checkWallet(wallet))
        return r;
    if (wallet == m_wallet)
        return std::nullopt;
    return commit(m_holdings, wallet);
}

PortfolioModel::Outcome PortfolioModel::add(Holding h)
{
    return insert(m_holdings.size(), std::move(h));
}

PortfolioModel::Outcome PortfolioModel::insert(std::size_t index, Holding h)
{
    if (index > m_holdings.size())
        return Refusal{QStringLiteral("position"), tr("no such row")};
    h = completed(std::move(h));
    if (!positiveFinite(h.entry))
        return Refusal{QStringLiteral("entry"), tr("no price for %1 yet").arg(h.symbol)};
    std::vector<Holding> next = m_holdings;
    next.insert(next.begin() + static_cast<std::ptrdiff_t>(index), std::move(h));
    return commit(std::move(next), m_wallet);
}

Holding PortfolioModel::completed(Holding h) const
{
    if (h.entry <= 0.0)
        h.entry = markOf(h.symbol);
    if (h.id.isEmpty())
        h.id = nextId(h.symbol);
    if (!m_tiers.find(m_venue, h.symbol) && !h.mmRate)
        h.mmRate = kDefaultMmRate;  // no shipped table: a maintenance rate the trader can edit
    return h;
}

void PortfolioModel::takeMarks(const QHash<QString, double>& marks)
{
    QHash<QString, double> bases;
    for (auto it = marks.begin(); it != marks.end(); ++it)
        bases.insert(baseAsset(it.key()), it.value());
    m_marks = std::move(bases);
}

PortfolioModel::Outcome PortfolioModel::update(std::size_t index, const Holding& h)
{
    if (index >= m_holdings.size())
        return Refusal{QStringLiteral("position"), tr("no such row")};
    if (h == m_holdings[index])
        return std::nullopt;
    std::vector<Holding> next = m_holdings;
    next[index] = h;
    return commit(std::move(next), m_wallet);
}

PortfolioModel::Outcome PortfolioModel::duplicate(std::size_t index)
{
    if (index >= m_holdings.size())
        return Refusal{QStringLiteral("position"), tr("no such row")};
    Holding copy = m_holdings[index];
    copy.id = nextId(copy.symbol);
    return insert(index + 1, std::move(copy));
}

PortfolioModel::Outcome PortfolioModel::remove(std::size_t index)
{
    if (index >= m_holdings.size())
        return Refusal{QStringLiteral("position"), tr("no such row")};
    std::vector<Holding> next = m_holdings;
    next.erase(next.begin() + static_cast<std::ptrdiff_t>(index));
    return commit(std::move(next), m_wallet);
}

PortfolioModel::Outcome PortfolioModel::setShock(double move)
{
    if (auto r = checkShock(move))
        return r;
    return changeSetting(m_shock, move);
}

PortfolioModel::Outcome PortfolioModel::setHorizonHours(double hours)
{
    if (auto r = checkHorizon(hours))
        return r;
    return changeSetting(m_horizonHours, hours);
}

PortfolioModel::Outcome PortfolioModel::changeSetting(double& setting, double value)
{
    if (value == setting)
        return std::nullopt;
    const double before = setting;
    setting = value;
    if (auto r = commit(m_holdings, m_wallet)) {
        setting = before;
        return r;
    }
    return std::nullopt;
}

engine::Result<engine::TransferPreview> PortfolioModel::previewTransfer(std::size_t index, double amount) const
{
    if (index >= m_holdings.size())
        return engine::Error{"position", "no such row"};
    const engine::AccountInput a = build(m_holdings, m_wallet, true);
    return engine::previewTransfer(m_venue, a.positions[index], amount);
}

PortfolioModel::Outcome PortfolioModel::transferMargin(std::size_t index, double amount)
{
    auto preview = previewTransfer(index, amount);
    if (!preview)
        return fromEngine(preview.error());
    std::vector<Holding> next = m_holdings;
    next[index].isolatedMargin = preview->newMargin;
    return commit(std::move(next), m_wallet);
}

bool PortfolioModel::settleLiquidations(qint64 timeMs)
{
    bool any = false;
    // Isolated positions go alone, taking their margin with them. When the cross account
    // reaches maintenance, its worst position is closed at the mark — its loss moves into the
    // wallet and its maintenance is freed — and the rest are checked again: a cascade, in which
    // the other cross positions' liquidation prices jump after each closing.
    for (std::size_t guard = 0; guard <= m_holdings.size() + 1 && m_snapshot.valid && !m_holdings.empty(); ++guard) {
        const auto& a = m_snapshot.account;
        std::optional<std::size_t> pick;
        bool cross = false;
        for (std::size_t i = 0; i < m_holdings.size(); ++i) {
            if (!a.positions[i].liquidated)
                continue;
            if (engine::isIsolated(m_holdings[i].mode)) {
                pick = i;
                break;
            }
            cross = true;
        }
        if (!pick && cross) {
            for (std::size_t i = 0; i < m_holdings.size(); ++i) {
                if (m_holdings[i].mode == engine::MarginMode::Cross
                    && (!pick || a.positions[i].unrealizedPnl < a.positions[*pick].unrealizedPnl))
                    pick = i;
            }
        }
        if (!pick)
            break;
        const std::size_t i = *pick;
        const Holding& h = m_holdings[i];
        const bool isolated = engine::isIsolated(h.mode);
        // Isolated: the margin is lost. Cross: the position's loss is realised from the wallet.
        const double loss = isolated ? a.positions[i].margin : -a.positions[i].unrealizedPnl;
        PortfolioEvent e{timeMs, {h.id}, loss, !isolated, h.symbol, markOf(h.symbol)};
        m_wallet = std::max(0.0, m_wallet - loss);
        m_holdings.erase(m_holdings.begin() + static_cast<std::ptrdiff_t>(i));
        m_events.push_back(e);
        emit liquidated(e);
        any = true;
        auto s = compute(m_holdings, m_wallet);
        if (!s) {
            m_snapshot = PortfolioSnapshot{};
            m_snapshot.problem = fromEngine(s.error()).message();
            break;
        }
        m_snapshot = std::move(s).value();
    }
    return any;
}

void PortfolioModel::setMarks(const QHash<QString, double>& marks, double fundingRate, qint64 timeMs)
{
    const QHash<QString, double> before = m_marks;
    takeMarks(marks);
    if (m_marks == before && fundingRate == m_fundingRate)
        return;
    m_fundingRate = fundingRate;
    auto s = compute(m_holdings, m_wallet, &m_snapshot);
    if (s) {
        m_snapshot = std::move(s).value();
        if (settleLiquidations(timeMs)) {
            emit changed();
            return;
        }
    } else {
        m_snapshot = PortfolioSnapshot{};
        m_snapshot.problem = fromEngine(s.error()).message();
    }
    emit marksChanged();
}

}  // namespace levlab::model
