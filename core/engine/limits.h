#pragma once

namespace levlab::engine {

/// The ranges the engine accepts. They are wide enough for any real contract
/// (a price of 0.000001 or of a billion, a quantity of a trillion memecoins)
/// and narrow enough that no product or quotient of them overflows or
/// underflows a double, so every figure the engine returns is finite.
inline constexpr double kMinPrice = 1e-9;
inline constexpr double kMaxPrice = 1e12;
inline constexpr double kMinQuantity = 1e-9;   ///< contracts, and base units or USD per contract
inline constexpr double kMaxQuantity = 1e15;
inline constexpr double kMaxAmount = 1e15;     ///< a wallet or a margin, in the settlement currency
inline constexpr double kMinLeverage = 1.0;
inline constexpr double kMaxLeverage = 10000.0;

/// True when `v` is finite and lies in [lo, hi].
constexpr bool within(double v, double lo, double hi) { return v >= lo && v <= hi; }

}  // namespace levlab::engine
