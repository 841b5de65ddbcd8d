#include "core/engine/account/layouts.h"

#include "core/engine/account/prepared.h"
#include "core/engine/account/shock.h"
#include "core/engine/margin/liquidation.h"

#include <algorithm>
#include <cmath>

namespace levlab::engine {

std::string_view layoutName(Layout layout)
{
    switch (layout) {
    case Layout::AsEntered: return "as_entered";
    case Layout::AllCross: return "all_cross";
    case Layout::AllIsolated: return "all_isolated";
    }
    return "as_entered";
}

AccountInput arrange(const AccountInput& account, Layout layout)
{
    AccountInput out = account;
    if (layout == Layout::AsEntered)
        return out;
    for (PositionInput& p : out.positions) {
        if (layout == Layout::AllCross) {
            p.mode = MarginMode::Cross;
            p.isolatedMargin.reset();
        } else if (p.mode == MarginMode::Cross) {
            p.mode = MarginMode::Isolated;
        }
    }
    return out;
}

namespace {

/// The account at entry, evaluated once: margins, cross wallet and each isolated
/// position's liquidation move.
struct Start final {
    AccountResult at;
    std::vector<detail::Prepared> preps;
};

Result<Start> start(const AccountInput& account)
{
    AccountInput atEntry = account;
    for (auto& p : atEntry.positions)
        p.markPrice = p.entryPrice;
    auto r = evaluateAccount(atEntry);
    if (!r)
        return r.error();
    Start s;
    s.at = std::move(r).value();
    for (const auto& p : account.positions)
        s.preps.push_back(detail::prepare(account.venue, p));
    for (auto& p : s.preps)
        p.mark = p.entry;
    return s;
}

/// Equity of the account with the marks in `preps`, the liquidated ones' margin gone.
double equityOf(const Start& s, const std::vector<detail::Prepared>& preps, const std::vector<bool>& gone, bool crossGone)
{
    double equity = crossGone ? 0.0 : s.at.crossWallet;
    for (std::size_t i = 0; i < preps.size(); ++i) {
        const auto& p = preps[i];
        const double pnl = profitAndLoss(p.kind, p.side, p.q, p.entry, p.mark);
        if (p.cross)
            equity += crossGone ? 0.0 : pnl;
        else if (!gone[i])
            equity += p.isolatedMargin + pnl;
    }
    return equity;
}

}  // namespace

Result<Outcome> outcomeOfMove(const AccountInput& account, double move)
{
    if (!std::isfinite(move) || move <= -1.0 || move > 10.0)
        return Error{"move", "must lie above -100% and at most +1000%"};
    auto s = start(account);
    if (!s)
        return s.error();
    const Start& st = s.value();

    // The move at which each thing goes, if it goes within [0, move].
    struct Trigger {
        double at;
        std::size_t index;  ///< SIZE_MAX: the cross account
    };
    std::vector<Trigger> triggers;
    const auto within = [move](double m) { return (move < 0.0 && m <= 0.0 && m >= move) || (move > 0.0 && m >= 0.0 && m <= move) || m == 0.0; };
    for (std::size_t i = 0; i < st.preps.size(); ++i) {
        const auto& p = st.preps[i];
        if (p.cross)
            continue;
        const auto& liq = st.at.positions[i].liquidationPrice;
        if (liq && within(*liq / p.entry - 1.0))
            triggers.push_back({*liq / p.entry - 1.0, i});
    }
    // The cross account's own move; when the nearest one lies the other way, the
    // account can still go in this direction: its equity at the move tells.
    if (const auto shock = st.at.shockToLiquidation; shock && within(*shock)) {
        triggers.push_back({*shock, SIZE_MAX});
    } else {
        std::vector<detail::Prepared> cross;
        for (const auto& p : st.preps) {
            if (p.cross)
                cross.push_back(p);
        }
        if (!cross.empty() && detail::crossHeadroom(cross, st.at.crossWallet, move) <= 0.0)
            triggers.push_back({move, SIZE_MAX});
    }
    std::sort(triggers.begin(), triggers.end(), [](const Trigger& a, const Trigger& b) { return std::abs(a.at) < std::abs(b.at); });

    Outcome out;
    std::vector<bool> gone(st.preps.size(), false);
    for (const Trigger& t : triggers) {
        if (t.index == SIZE_MAX) {
            out.crossLiquidated = true;
            for (std::size_t i = 0; i < st.preps.size(); ++i) {
                if (st.preps[i].cross)
                    out.liquidated.push_back(account.positions[i].id);
            }
        } else {
            gone[t.index] = true;
            out.liquidated.push_back(account.positions[t.index].id);
        }
    }
    std::vector<detail::Prepared> moved = st.preps;
    for (auto& p : moved)
        p.mark = p.entry * (1.0 + move);
    out.equity = equityOf(st, moved, gone, out.crossLiquidated);
    return out;
}

Result<PathOutcome> playPath(const AccountInput& account, const std::vector<PathStep>& path)
{
    auto s = start(account);
    if (!s)
        return s.error();
    const Start& st = s.value();
    PathOutcome out;
    std::vector<bool> gone(st.preps.size(), false);
    bool crossGone = false;
    std::vector<detail::Prepared> now = st.preps;
    for (std::size_t k = 0; k < path.size(); ++k) {
        const PathStep& step = path[k];
        if (step.marks.size() != now.size())
            return Error{"path[" + std::to_string(k) + "]", "needs one mark per position"};
        for (std::size_t i = 0; i < now.size(); ++i) {
            if (!(std::isfinite(step.marks[i]) && step.marks[i] > 0.0))
                return Error{"path[" + std::to_string(k) + "].marks[" + std::to_string(i) + "]", "must be a finite price greater than 0"};
            now[i].mark = step.marks[i];
        }
        for (std::size_t i = 0; i < now.size(); ++i) {
            const auto& p = now[i];
            if (p.cross || gone[i])
                continue;
            const auto& liq = st.at.positions[i].liquidationPrice;
            if (liq && sign(p.side) * (p.mark - *liq) <= 0.0) {
                gone[i] = true;
                out.outcome.liquidated.push_back(account.positions[i].id);
                out.events.push_back({step.timeMs, {account.positions[i].id}, p.isolatedMargin, false});
            }
        }
        if (!crossGone) {
            std::vector<detail::Prepared> cross;
            for (const auto& p : now) {
                if (p.cross)
                    cross.push_back(p);
            }
            if (!cross.empty() && detail::crossHeadroom(cross, st.at.crossWallet, 0.0) <= 0.0) {
                crossGone = true;
                PathEvent e{step.timeMs, {}, st.at.crossWallet, true};
                for (std::size_t i = 0; i < now.size(); ++i) {
                    if (now[i].cross) {
                        e.ids.push_back(account.positions[i].id);
                        out.outcome.liquidated.push_back(account.positions[i].id);
                    }
                }
                out.events.push_back(std::move(e));
            }
        }
    }
    out.outcome.crossLiquidated = crossGone;
    out.outcome.equity = equityOf(st, now, gone, crossGone);
    return out;
}

}  // namespace levlab::engine
