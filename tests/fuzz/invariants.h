#pragma once

// What every fuzz target asserts beyond "no crash": figures are finite, a
// reported liquidation price is where the position liquidates, and a refusal
// names the field it refuses.
#include "core/engine/account/account.h"
#include "core/engine/limits.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace levlab::fuzz {

[[noreturn]] inline void fail(const std::string& what)
{
    std::fprintf(stderr, "invariant broken: %s\n", what.c_str());
    std::abort();
}

inline void check(bool ok, const std::string& what)
{
    if (!ok)
        fail(what);
}

inline void finite(double v, const std::string& what) { check(std::isfinite(v), what + " is not finite"); }
inline void finite(const std::optional<double>& v, const std::string& what)
{
    if (v)
        finite(*v, what);
}

/// A refusal names a field and says something, on one line.
inline void namesAField(const engine::Error& e, bool syntaxAllowed = false)
{
    const bool syntax = syntaxAllowed && e.field.empty() && e.reason.rfind("line ", 0) == 0;
    check(syntax || !e.field.empty(), "refusal without a field: " + e.reason);
    check(!e.reason.empty(), "refusal without a reason: " + e.field);
}

/// Liquidated with position `i`'s mark at `mark`, or none when refused. Cross
/// positions of the same symbol (hedge mode) move with it, as one mark.
inline std::optional<bool> liquidatedAt(engine::AccountInput account, std::size_t i, double mark)
{
    account.openingChecks = false;
    const engine::PositionInput& moved = account.positions[i];
    const double factor = mark / moved.markPrice.value_or(moved.entryPrice);
    if (moved.mode == engine::MarginMode::Cross && !moved.symbol.empty()) {
        const std::string symbol = moved.symbol;
        for (auto& p : account.positions) {
            if (p.mode == engine::MarginMode::Cross && p.symbol == symbol)
                p.markPrice = p.markPrice.value_or(p.entryPrice) * factor;
        }
    }
    account.positions[i].markPrice = mark;
    auto r = engine::evaluateAccount(account);
    if (!r)
        return std::nullopt;
    return r->positions[i].liquidated;
}

/// Every figure finite; each reported liquidation price liquidates a hair
/// beyond it and not a hair inside it (checked for the first `maxChecked`).
inline void checkAccount(const engine::AccountInput& in, const engine::AccountResult& r, std::size_t maxChecked = 4)
{
    finite(r.walletBalance, "wallet_balance");
    finite(r.crossWallet, "cross_wallet");
    finite(r.equity, "equity");
    finite(r.maintenanceMargin, "maintenance_margin");
    finite(r.crossEquity, "cross_equity");
    finite(r.crossMaintenanceMargin, "cross_maintenance_margin");
    finite(r.marginRatio, "margin_ratio");
    finite(r.shockToLiquidation, "shock_to_liquidation");
    check(r.positions.size() == in.positions.size(), "one result per position");
    for (std::size_t i = 0; i < r.positions.size(); ++i) {
        const auto& p = r.positions[i];
        const std::string at = "positions[" + std::to_string(i) + "].";
        for (auto [v, name] : {std::pair{p.notional, "notional"}, std::pair{p.initialMargin, "initial_margin"},
                               std::pair{p.margin, "margin"}, std::pair{p.maintenanceMargin, "maintenance_margin"},
                               std::pair{p.unrealizedPnl, "unrealized_pnl"}, std::pair{p.equity, "equity"},
                               std::pair{p.fundingPayment, "funding_payment"}})
            finite(v, at + name);
        check(p.maintenanceMargin >= 0.0, at + "maintenance_margin is negative");
        finite(p.bankruptcyPrice, at + "bankruptcy_price");
        finite(p.liquidationPrice, at + "liquidation_price");
        finite(p.liquidationDistance, at + "liquidation_distance");
        check(!p.liquidationPrice || *p.liquidationPrice > 0.0, at + "liquidation_price is not positive");
        if (!p.liquidationPrice || i >= maxChecked)
            continue;
        // The state flips across the price: on the mark's side it is what it is at the mark
        // (standing, or already liquidated), a hair beyond it the other. Which side is the
        // mark's follows from the mark, not the position's side: a hedged leg goes with
        // its symbol's net exposure.
        const double liq = *p.liquidationPrice;
        const double mark = in.positions[i].markPrice.value_or(in.positions[i].entryPrice);
        const double towardMark = mark >= liq ? 1.0 : -1.0;
        const double nearMark = liq * (1.0 + towardMark * 1e-6);
        const double farSide = liq * (1.0 - towardMark * 1e-6);
        if (!engine::within(nearMark, engine::kMinPrice, engine::kMaxPrice) || !engine::within(farSide, engine::kMinPrice, engine::kMaxPrice))
            continue;
        // A million times from the entry, equity is the difference of nearly equal numbers and
        // a hair of 1e-6 is below what a double resolves there.
        const double ratio = liq / in.positions[i].entryPrice;
        if (ratio < 1e-6 || ratio > 1e6)
            continue;
        const auto near = liquidatedAt(in, i, nearMark);
        const auto far = liquidatedAt(in, i, farSide);
        check(near.has_value() && far.has_value(), at + "refused with the mark moved");
        if (std::abs(mark - liq) <= 2e-6 * liq) {
            // The mark sits on the price itself: the two sides differ.
            check(*near != *far, at + "the same state on both sides of its liquidation price " + engine::numberText(liq));
            continue;
        }
        check(*near == p.liquidated, at + "a hair on the mark's side of its liquidation price " + engine::numberText(liq)
                                         + " it is not in the state it is in at the mark");
        check(*far != p.liquidated, at + "a hair beyond its liquidation price " + engine::numberText(liq) + " nothing changes");
    }
}

}  // namespace levlab::fuzz
