#include "core/engine/market/price_path.h"

#include "core/engine/market/regimes.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace levlab::engine::market {

std::string_view regimeName(Regime r)
{
    switch (r) {
    case Regime::Calm: return "calm";
    case Regime::Trend: return "trend";
    case Regime::CrashProne: return "crash";
    }
    return "calm";
}

std::optional<Regime> regimeFromName(std::string_view name)
{
    for (Regime r : {Regime::Calm, Regime::Trend, Regime::CrashProne}) {
        if (regimeName(r) == name)
            return r;
    }
    return std::nullopt;
}

std::uint64_t pathSeed(std::uint64_t seed, std::uint64_t index)
{
    // SplitMix64 (Steele, Lea, Flood 2014) of seed + index × the golden gamma.
    std::uint64_t z = seed + (index + 1) * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

PricePath::PricePath(std::uint64_t seed, Regime regime, double startPrice, double stepSeconds)
    : m_rng(seed), m_regime(regime), m_dt(stepSeconds), m_stepMs(static_cast<std::int64_t>(std::llround(stepSeconds * 1000.0))),
      m_sqrtDtYears(std::sqrt(stepSeconds / kSecondsPerYear)),
      m_premiumAlpha(1.0 - std::exp(-stepSeconds * std::numbers::ln2 / kPremiumHalfLifeSeconds)),
      m_trendDrift(std::log(kTrendPerDay) / 86400.0 * stepSeconds), m_crashDrift(std::log(kCrashFactor) / 3600.0 * stepSeconds),
      m_index(startPrice)
{
    m_point.mark = m_point.last = startPrice;
    if (regime == Regime::Calm)
        m_vol = 0;
}

double PricePath::uniform() { return std::generate_canonical<double, 53>(m_rng); }

double PricePath::normal()
{
    // Box–Muller on the generator's own uniforms, both outputs used.
    if (m_spareNormal) {
        const double z = *m_spareNormal;
        m_spareNormal.reset();
        return z;
    }
    const double r = std::sqrt(-2.0 * std::log(std::max(uniform(), 1e-300)));
    const double a = 2.0 * std::numbers::pi * uniform();
    m_spareNormal = r * std::sin(a);
    return r * std::cos(a);
}

const PathPoint& PricePath::next()
{
    m_point.timeMs += m_stepMs;
    double vol = kRegimeVol[m_vol];
    double drift = 0.0;  // log-return per step
    double jumpsPerDay = kJumpsPerDay;
    switch (m_regime) {
    case Regime::Calm:
        vol = kRegimeVol[0] * kCalmVolFactor;
        jumpsPerDay = 0.0;
        break;
    case Regime::Trend:
        drift = m_trendDrift;
        break;
    case Regime::CrashProne:
        if (m_point.timeMs > m_crashEndMs && uniform() < kCrashesPerDay * m_dt / 86400.0)
            m_crashEndMs = m_point.timeMs + kScenarioMs;
        if (m_point.timeMs <= m_crashEndMs) {
            drift = m_crashDrift;
            vol = kRegimeVol[2];
        }
        break;
    }
    if (m_regime != Regime::Calm && uniform() < kRegimeLeavePerHour[m_vol] * m_dt / 3600.0)
        m_vol = (m_vol + 1 + static_cast<int>(uniform() * 2.0)) % 3;
    double r = drift - 0.5 * vol * vol * m_sqrtDtYears * m_sqrtDtYears + vol * m_sqrtDtYears * normal();
    if (jumpsPerDay > 0.0 && uniform() < jumpsPerDay * m_dt / 86400.0)
        r += kJumpSize * normal();
    m_index *= std::exp(r);

    double wick = 0.0;
    if (uniform() < kWicksPerHour * m_dt / 3600.0)
        wick = (uniform() < 0.5 ? -1.0 : 1.0) * (kWickMin + kWickSpread * uniform());
    m_point.last = m_index * (1.0 + kNoise * normal() + wick);
    const double premiumNow = (m_point.last - m_index) / m_index;
    m_premium += m_premiumAlpha * (std::clamp(premiumNow, -kPremiumClamp, kPremiumClamp) - m_premium);
    m_point.mark = m_index * (1.0 + m_premium);
    return m_point;
}

}  // namespace levlab::engine::market
