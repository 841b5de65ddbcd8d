// The reported liquidation price is where the position liquidates: a hair inside
// it the position stands, a hair beyond it it is liquidated — on every venue,
// for random positions, tables, modes and contract kinds.
#include "core/engine/account/account.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#ifndef LEVLAB_PROPERTY_CASES
#define LEVLAB_PROPERTY_CASES 100000
#endif

namespace levlab::engine {
namespace {

constexpr double kHair = 1e-6;

class Generator final {
public:
    explicit Generator(std::uint64_t seed) : m_rng(seed) {}

    double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(m_rng); }
    double logUniform(double lo, double hi) { return std::exp(uniform(std::log(lo), std::log(hi))); }
    bool chance(double p) { return uniform(0.0, 1.0) < p; }

    /// A table around the position's own value so that its rows and their jumps matter.
    BracketTable table(double value, BracketStyle style)
    {
        BracketTable t;
        t.style = style;
        const int rows = 1 + static_cast<int>(uniform(0.0, 6.0));
        double floor = 0.0;
        double rate = logUniform(0.001, 0.02);
        double amount = 0.0;
        for (int i = 0; i < rows; ++i) {
            const double cap = i + 1 == rows ? value * 1e6 : floor + value * logUniform(0.05, 1.5);
            t.brackets.push_back({floor, cap, rate, style == BracketStyle::Cumulative ? amount : 0.0, chance(0.3) ? 0.0 : 10000.0});
            const double next = std::min(0.5, rate * uniform(1.1, 2.5));
            amount += cap * (next - rate);
            rate = next;
            floor = cap;
        }
        return t;
    }

    struct Case {
        AccountInput account;
        std::string text;
    };

    Case make(Venue venue)
    {
        Case c;
        PositionInput p;
        p.id = "p";
        p.contract.kind = chance(0.3) ? ContractKind::Inverse : ContractKind::Linear;
        p.side = chance(0.5) ? Side::Long : Side::Short;
        p.entryPrice = logUniform(0.01, 100000.0);
        p.quantity = p.contract.kind == ContractKind::Linear ? logUniform(10.0, 5e7) / p.entryPrice : logUniform(10.0, 5e7);
        const double value = positionValue(p.contract.kind, p.quantity, p.entryPrice);
        p.leverage = logUniform(1.0, 100.0);
        p.feeRate = chance(0.5) ? uniform(0.0, 0.001) : 0.0;
        p.fundingRate = chance(0.5) ? uniform(-0.001, 0.001) : 0.0;
        const double pick = uniform(0.0, 1.0);
        if (pick < 0.25) {
            p.mmRate = logUniform(0.001, 0.05);
        } else if (pick < 0.35 && venue == Venue::Hyperliquid) {
            p.maxLeverage = logUniform(3.0, 50.0);
            p.leverage = std::min(*p.leverage, *p.maxLeverage);
        } else {
            p.brackets = table(value, pick < 0.65 ? BracketStyle::Cumulative : BracketStyle::Step);
        }
        const bool cross = chance(0.4);
        c.account.venue = venue;
        c.account.openingChecks = false;
        if (cross) {
            p.mode = MarginMode::Cross;
            c.account.walletBalance = value / *p.leverage * logUniform(0.5, 3.0);
        } else if (chance(0.3)) {
            p.isolatedMargin = value / *p.leverage * logUniform(1.0, 2.0);
        }
        c.account.positions = {p};
        c.text = std::string(venueName(venue)) + (p.contract.kind == ContractKind::Linear ? " linear " : " inverse ")
                 + (p.side == Side::Long ? "long " : "short ") + (cross ? "cross " : "isolated ") + numberText(p.quantity) + " @ "
                 + numberText(p.entryPrice) + " x" + numberText(*p.leverage) + " rows " + std::to_string(p.brackets.brackets.size());
        return c;
    }

private:
    std::mt19937_64 m_rng;
};

/// Liquidated with the position's mark at `mark`; none when refused.
std::optional<bool> liquidatedAt(AccountInput account, double mark)
{
    account.positions[0].markPrice = mark;
    auto r = evaluateAccount(account);
    if (!r)
        return std::nullopt;
    return r->positions[0].liquidated;
}

class LiquidationIsWhereItLiquidates : public ::testing::TestWithParam<Venue> {};

TEST_P(LiquidationIsWhereItLiquidates, OverRandomPositions)
{
    Generator gen(0x5eed0000u + static_cast<unsigned>(GetParam()));
    int checked = 0;
    int failures = 0;
    for (int i = 0; i < LEVLAB_PROPERTY_CASES; ++i) {
        const auto c = gen.make(GetParam());
        auto r = evaluateAccount(c.account);
        ASSERT_TRUE(r.ok()) << c.text << ": " << r.error().message();
        const auto& liq = r->positions[0].liquidationPrice;
        if (!liq)
            continue;
        ASSERT_TRUE(std::isfinite(*liq) && *liq > 0.0) << c.text;
        const double s = sign(c.account.positions[0].side);
        const double inside = *liq * (1.0 + s * kHair);
        const double beyond = *liq * (1.0 - s * kHair);
        if (beyond < 1e-9 || inside > 1e12)
            continue;  // outside the prices the engine accepts
        const auto in = liquidatedAt(c.account, inside);
        const auto out = liquidatedAt(c.account, beyond);
        ASSERT_TRUE(in && out) << c.text;
        ++checked;
        if (*in || !*out) {
            ++failures;
            ADD_FAILURE() << c.text << ": liquidation " << numberText(*liq) << (*in ? " liquidated a hair inside" : "")
                          << (!*out ? " standing a hair beyond" : "");
            if (failures > 10)
                return;
        }
    }
    EXPECT_GT(checked, LEVLAB_PROPERTY_CASES / 2) << "most random positions can be liquidated";
}

INSTANTIATE_TEST_SUITE_P(EveryVenue, LiquidationIsWhereItLiquidates, ::testing::ValuesIn(kAllVenues),
                         [](const auto& param) { return std::string(venueName(param.param)); });

}  // namespace
}  // namespace levlab::engine
