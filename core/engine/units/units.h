#pragma once

#include <compare>

namespace levlab::engine {

/// Strongly typed amounts used at the engine's planning API. Each wraps one
/// double and allows only the arithmetic that means something, so that a
/// price cannot be added to a leverage by mistake.

/// A price in quote currency per unit of base (USDT per BTC, USD per XBT).
class Price final {
public:
    constexpr explicit Price(double v) : m_v(v) {}
    [[nodiscard]] constexpr double value() const { return m_v; }
    friend constexpr auto operator<=>(Price, Price) = default;
    friend constexpr Price operator+(Price a, Price b) { return Price(a.m_v + b.m_v); }
    friend constexpr Price operator-(Price a, Price b) { return Price(a.m_v - b.m_v); }

private:
    double m_v = 0.0;
};

/// An amount of the settlement currency (USDT for linear, the coin for inverse).
class Money final {
public:
    constexpr explicit Money(double v) : m_v(v) {}
    [[nodiscard]] constexpr double value() const { return m_v; }
    friend constexpr auto operator<=>(Money, Money) = default;
    friend constexpr Money operator+(Money a, Money b) { return Money(a.m_v + b.m_v); }
    friend constexpr Money operator-(Money a, Money b) { return Money(a.m_v - b.m_v); }
    friend constexpr Money operator*(Money a, double k) { return Money(a.m_v * k); }

private:
    double m_v = 0.0;
};

/// A quantity of the base asset (BTC for BTCUSDT).
class Quantity final {
public:
    constexpr explicit Quantity(double v) : m_v(v) {}
    [[nodiscard]] constexpr double value() const { return m_v; }
    friend constexpr auto operator<=>(Quantity, Quantity) = default;

private:
    double m_v = 0.0;
};

/// A dimensionless fraction: 0.01 is 1 %.
class Rate final {
public:
    constexpr explicit Rate(double v) : m_v(v) {}
    [[nodiscard]] constexpr double value() const { return m_v; }
    friend constexpr auto operator<=>(Rate, Rate) = default;

private:
    double m_v = 0.0;
};

/// A leverage multiple: 10 is 10x.
class Leverage final {
public:
    constexpr explicit Leverage(double v) : m_v(v) {}
    [[nodiscard]] constexpr double value() const { return m_v; }
    friend constexpr auto operator<=>(Leverage, Leverage) = default;

private:
    double m_v = 0.0;
};

/// Price times quantity is money (linear contracts).
constexpr Money operator*(Price p, Quantity q) { return Money(p.value() * q.value()); }
constexpr Money operator*(Quantity q, Price p) { return p * q; }
/// Money spread over a leverage is the margin that backs it.
constexpr Money operator/(Money notional, Leverage l) { return Money(notional.value() / l.value()); }
/// A rate of an amount of money.
constexpr Money operator*(Money m, Rate r) { return Money(m.value() * r.value()); }

}  // namespace levlab::engine
