#pragma once

#include <cstdint>

namespace levlab::engine::market {

/// The simulated market's parameters, shared by the app's live feed
/// (core/model/feeds/price_process) and the stress run's one-day paths.
inline constexpr double kSecondsPerYear = 365.0 * 24.0 * 3600.0;
inline constexpr double kRegimeVol[3] = {0.30, 0.65, 1.30};           ///< annualised: calm, normal, stormy
inline constexpr double kRegimeLeavePerHour[3] = {0.04, 0.06, 0.25};  ///< chance to switch regime, per hour
inline constexpr double kCalmVolFactor = 0.6;                         ///< the calm scenario: calm regime × this, no jumps
inline constexpr double kJumpsPerDay = 1.5;
inline constexpr double kJumpSize = 0.012;                            ///< standard deviation of a jump
inline constexpr double kNoise = 0.00015;                             ///< last-price noise, a fraction
inline constexpr double kWicksPerHour = 0.6;
inline constexpr double kWickMin = 0.004;                             ///< a wick is 0.4% …
inline constexpr double kWickSpread = 0.026;                          ///< … to 3% of the price
inline constexpr double kPremiumHalfLifeSeconds = 120.0;
inline constexpr double kPremiumClamp = 0.005;
inline constexpr double kTrendPerDay = 1.10;                          ///< the trend scenario: +10% a day
inline constexpr double kCrashFactor = 0.70;                          ///< a crash: −30% …
inline constexpr double kSqueezeFactor = 1.20;                        ///< a squeeze: +20% …
inline constexpr std::int64_t kScenarioMs = 3600LL * 1000;            ///< … within an hour

}  // namespace levlab::engine::market
