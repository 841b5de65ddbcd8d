#pragma once

#include "core/model/feeds/candle_store.h"
#include "core/model/feeds/normal_pairs.h"

#include <QtGlobal>

#include <array>
#include <cstdint>
#include <utility>
#include <random>

namespace levlab::model {

/// Named market moods the simulated market can be put into.
enum class Scenario {
    Normal,     ///< regimes switch on their own
    Calm,       ///< low volatility, no jumps
    Trend,      ///< a steady climb (+10% a day)
    Crash,      ///< −30% within an hour, then normal
    Squeeze,    ///< +20% within an hour, then normal
    WickStorm,  ///< two hours of frequent wicks on the last price
};

/// Each scenario by the name files and lessons give it.
inline constexpr std::array<std::pair<const char*, Scenario>, 6> kScenarioNames{{
    {"normal", Scenario::Normal},
    {"calm", Scenario::Calm},
    {"trend", Scenario::Trend},
    {"crash", Scenario::Crash},
    {"squeeze", Scenario::Squeeze},
    {"wick_storm", Scenario::WickStorm},
}};

/// One moment of the simulated market.
struct Tick final {
    qint64 timeMs = 0;
    double index = 0.0;        ///< the "spot" reference the process drives
    double last = 0.0;         ///< traded price: index + microstructure noise + wicks
    double mark = 0.0;         ///< index + a smoothed basis; wicks in last barely move it
    double fundingRate = 0.0;  ///< the rate that will settle at the next 8 h boundary
};

/// A seeded stochastic market: geometric Brownian index with volatility
/// regimes (calm / normal / stormy, Markov switching) and Poisson jumps; last =
/// index with microstructure noise and occasional wicks; mark = index × (1 +
/// an exponentially smoothed premium); funding every 8 h from the average premium
/// (premium + clamp(0.01% − premium, ±0.05%), capped at ±0.75%, the Binance rule).
/// Same seed, same calls → the same path, tick for tick.
class PriceProcess final {
public:
    PriceProcess(std::uint64_t seed, double startPrice, qint64 startMs, double tickSeconds = 0.25);

    [[nodiscard]] const Tick& current() const { return m_tick; }
    [[nodiscard]] double tickSeconds() const { return m_dt; }
    [[nodiscard]] Scenario scenario() const { return m_scenario; }

    /// Starts `s` now; crash, squeeze and wick storm end on their own.
    void setScenario(Scenario s);

    /// Multiplies every price the process holds by `factor` (a path started elsewhere,
    /// moved to a stated price). Returns are unchanged.
    void rescale(double factor);
    /// Rescales the path so the mark is exactly `mark`, and sets the funding rate
    /// (a market started again where a saved one stood).
    void moveTo(double mark, double fundingRate);

    /// Advances one tick.
    const Tick& step();
    /// Advances one minute in coarse steps and returns its bar (history generation).
    Candle minuteBar();

private:
    double normal();
    double uniform();
    void advanceIndex(double seconds);
    void updateMarkAndFunding(double seconds);

    std::mt19937_64 m_rng;
    NormalPairs m_normal;
    double m_dt;
    Tick m_tick;
    int m_regime = 1;            ///< 0 calm, 1 normal, 2 stormy
    double m_premium = 0.0;      ///< smoothed (last − index) / index
    double m_premiumSum = 0.0;   ///< over the current funding interval
    double m_premiumTime = 0.0;
    double m_wick = 0.0;         ///< current wick, a fraction of price
    int m_wickTicks = 0;
    Scenario m_scenario = Scenario::Normal;
    qint64 m_scenarioStartMs = 0;
    double m_scenarioStartIndex = 0.0;
};

}  // namespace levlab::model
