#include "core/model/feeds/price_process.h"

#include "core/engine/market/regimes.h"

#include <algorithm>
#include <cmath>

namespace levlab::model {

namespace {

using namespace engine::market;

constexpr double kFundingInterest = 0.0001;
constexpr double kFundingClamp = 0.0005;
constexpr double kFundingCap = 0.0075;
constexpr qint64 kFundingIntervalMs = 8LL * 3600 * 1000;

}  // namespace

PriceProcess::PriceProcess(std::uint64_t seed, double startPrice, qint64 startMs, double tickSeconds)
    : m_rng(seed), m_dt(tickSeconds)
{
    m_tick.timeMs = startMs;
    m_tick.index = m_tick.last = m_tick.mark = startPrice;
    m_tick.fundingRate = kFundingInterest;
}

double PriceProcess::uniform() { return std::generate_canonical<double, 53>(m_rng); }

double PriceProcess::normal() { return m_normal(m_rng); }

void PriceProcess::setScenario(Scenario s)
{
    m_scenario = s;
    m_scenarioStartMs = m_tick.timeMs;
    m_scenarioStartIndex = m_tick.index;
    if (s == Scenario::Calm)
        m_regime = 0;
}

void PriceProcess::advanceIndex(double seconds)
{
    const qint64 sinceStart = m_tick.timeMs - m_scenarioStartMs;
    double vol = kRegimeVol[m_regime];
    double drift = 0.0;  // log-return per second
    double jumpsPerDay = kJumpsPerDay;
    switch (m_scenario) {
    case Scenario::Normal:
    case Scenario::WickStorm:
        break;
    case Scenario::Calm:
        vol = kRegimeVol[0] * kCalmVolFactor;
        jumpsPerDay = 0.0;
        break;
    case Scenario::Trend:
        drift = std::log(kTrendPerDay) / 86400.0;
        break;
    case Scenario::Crash:
    case Scenario::Squeeze:
        if (sinceStart < kScenarioMs) {
            drift = std::log(m_scenario == Scenario::Crash ? kCrashFactor : kSqueezeFactor) / 3600.0;
            vol = kRegimeVol[2];
        } else {
            m_scenario = Scenario::Normal;
        }
        break;
    }
    if (m_scenario != Scenario::Calm && uniform() < kRegimeLeavePerHour[m_regime] * seconds / 3600.0)
        m_regime = (m_regime + 1 + static_cast<int>(uniform() * 2.0)) % 3;

    const double dtYears = seconds / kSecondsPerYear;
    double r = drift * seconds - 0.5 * vol * vol * dtYears + vol * std::sqrt(dtYears) * normal();
    if (uniform() < jumpsPerDay * seconds / 86400.0)
        r += kJumpSize * normal();
    m_tick.index *= std::exp(r);
}

void PriceProcess::updateMarkAndFunding(double seconds)
{
    const double premiumNow = (m_tick.last - m_tick.index) / m_tick.index;
    const double alpha = 1.0 - std::exp(-seconds * std::log(2.0) / kPremiumHalfLifeSeconds);
    m_premium += alpha * (std::clamp(premiumNow, -kPremiumClamp, kPremiumClamp) - m_premium);
    m_tick.mark = m_tick.index * (1.0 + m_premium);

    m_premiumSum += m_premium * seconds;
    m_premiumTime += seconds;
    const double avg = m_premiumTime > 0.0 ? m_premiumSum / m_premiumTime : 0.0;
    m_tick.fundingRate = std::clamp(avg + std::clamp(kFundingInterest - avg, -kFundingClamp, kFundingClamp), -kFundingCap, kFundingCap);
}

void PriceProcess::rescale(double factor)
{
    m_tick.index *= factor;
    m_tick.last *= factor;
    m_tick.mark *= factor;
    m_scenarioStartIndex *= factor;
}

void PriceProcess::moveTo(double mark, double fundingRate)
{
    rescale(mark / m_tick.mark);
    m_tick.mark = mark;  // exactly: a product of the factor may be an ulp off
    m_tick.fundingRate = fundingRate;
}

const Tick& PriceProcess::step()
{
    const qint64 before = m_tick.timeMs;
    m_tick.timeMs += static_cast<qint64>(std::llround(m_dt * 1000.0));
    if (before / kFundingIntervalMs != m_tick.timeMs / kFundingIntervalMs) {
        m_premiumSum = 0.0;
        m_premiumTime = 0.0;
    }
    advanceIndex(m_dt);

    // Wicks: a sudden excursion of the last price that fades within a few ticks.
    double wicksPerHour = kWicksPerHour;
    if (m_scenario == Scenario::WickStorm) {
        if (m_tick.timeMs - m_scenarioStartMs < 2 * kScenarioMs)
            wicksPerHour *= 40.0;
        else
            m_scenario = Scenario::Normal;
    }
    if (m_wickTicks > 0) {
        --m_wickTicks;
        m_wick *= 0.45;
    } else if (uniform() < wicksPerHour * m_dt / 3600.0) {
        m_wick = (uniform() < 0.5 ? -1.0 : 1.0) * (kWickMin + kWickSpread * uniform());
        m_wickTicks = 2 + static_cast<int>(uniform() * 6.0);
    } else {
        m_wick = 0.0;
    }
    m_tick.last = m_tick.index * (1.0 + kNoise * normal() + m_wick);
    updateMarkAndFunding(m_dt);
    return m_tick;
}

Candle PriceProcess::minuteBar()
{
    constexpr int kSteps = 4;
    constexpr double kSeconds = 60.0 / kSteps;
    Candle bar;
    bar.openMs = m_tick.timeMs - (m_tick.timeMs % 60'000);
    bar.open = bar.high = bar.low = m_tick.last;
    for (int i = 0; i < kSteps; ++i) {
        advanceIndex(kSeconds);
        m_tick.timeMs += static_cast<qint64>(kSeconds * 1000.0);
        double last = m_tick.index * (1.0 + kNoise * normal());
        // Within the step the price wanders: widen the bar by the step's typical range.
        const double range = kRegimeVol[m_regime] * std::sqrt(kSeconds / kSecondsPerYear) * std::abs(normal());
        bar.high = std::max({bar.high, last, last * (1.0 + range)});
        bar.low = std::min({bar.low, last, last * (1.0 - range)});
        if (uniform() < kWicksPerHour * kSeconds / 3600.0) {
            const double wick = kWickMin + kWickSpread * uniform();
            if (uniform() < 0.5)
                bar.low = std::min(bar.low, last * (1.0 - wick));
            else
                bar.high = std::max(bar.high, last * (1.0 + wick));
        }
        m_tick.last = last;
        updateMarkAndFunding(kSeconds);
    }
    bar.close = m_tick.last;
    bar.markClose = m_tick.mark;
    return bar;
}

}  // namespace levlab::model
