#pragma once

#include "core/engine/trade/trade_simulator.h"

#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

namespace levlab::engine::market {

/// The markets a plan is stress-tested in, after the app's own scenarios:
/// - Calm: the calm regime's volatility × 0.6, no jumps, no regime switches;
/// - Trend: a steady climb of +10% a day through switching regimes and jumps;
/// - CrashProne: switching regimes and jumps, and crashes (−30% within an hour at
///   the stormy volatility) that start at random, on average once a day.
enum class Regime { Calm, Trend, CrashProne };

[[nodiscard]] std::string_view regimeName(Regime r);  ///< "calm", "trend", "crash"
[[nodiscard]] std::optional<Regime> regimeFromName(std::string_view name);

inline constexpr double kCrashesPerDay = 1.0;

/// A seeded path of the simulated market at a fixed step: the index follows a
/// geometric Brownian motion in volatility regimes with Poisson jumps; the last
/// price is the index with noise and one-step wicks; the mark is the index times an
/// exponentially smoothed, clamped premium of last over index, so a wick barely
/// moves it. The same seed gives the same path, point for point, on every platform
/// with IEEE doubles.
class PricePath final {
public:
    PricePath(std::uint64_t seed, Regime regime, double startPrice, double stepSeconds = 60.0);

    [[nodiscard]] const PathPoint& current() const { return m_point; }
    /// Advances one step.
    const PathPoint& next();

private:
    double uniform();
    double normal();

    std::mt19937_64 m_rng;
    Regime m_regime;
    double m_dt;
    std::int64_t m_stepMs;
    double m_sqrtDtYears;   ///< √(step in years)
    double m_premiumAlpha;  ///< the premium's smoothing weight per step
    double m_trendDrift;    ///< log-return per step of the trend
    double m_crashDrift;    ///< log-return per step of a crash
    PathPoint m_point;
    double m_index = 0.0;
    double m_premium = 0.0;
    int m_vol = 1;                   ///< 0 calm, 1 normal, 2 stormy
    std::int64_t m_crashEndMs = -1;  ///< a crash runs until then
    std::optional<double> m_spareNormal;
};

/// The seed of path `index` of a run seeded `seed` (SplitMix64 of the pair): every
/// path has its own stream, whatever thread draws it.
[[nodiscard]] std::uint64_t pathSeed(std::uint64_t seed, std::uint64_t index);

}  // namespace levlab::engine::market
