#pragma once

#include <algorithm>
#include <cstdint>

namespace levlab::model {

/// The back-off's shape: the first delay, the ceiling, the spread as a fraction.
struct BackoffSettings {
    std::int64_t startMs = 1000;
    std::int64_t maxMs = 60000;
    double jitter = 0.2;
};

/// Reconnect delays: `start` doubling on each failed attempt up to `max`, each
/// spread by ±`jitter` (a fraction) so clients dropped together do not return
/// together; never above `max`. Reset after a good connection.
class Backoff final {
public:
    using Settings = BackoffSettings;
    explicit Backoff(Settings s = {}) : m_settings(s) {}

    /// The delay before the next attempt, `random` uniform in [0, 1); counts the attempt.
    std::int64_t next(double random)
    {
        const std::int64_t base = baseMs(m_attempt);
        ++m_attempt;
        const double r = std::clamp(random, 0.0, 1.0);
        const double spread = 1.0 - m_settings.jitter + 2.0 * m_settings.jitter * r;
        const auto delay = static_cast<std::int64_t>(static_cast<double>(base) * spread);
        return std::clamp<std::int64_t>(delay, 1, m_settings.maxMs);
    }

    /// The delay of attempt `n` without jitter: start × 2ⁿ, at most max.
    [[nodiscard]] std::int64_t baseMs(int n) const
    {
        std::int64_t d = m_settings.startMs;
        for (int i = 0; i < n && d < m_settings.maxMs; ++i)
            d *= 2;
        return std::min(d, m_settings.maxMs);
    }

    void reset() { m_attempt = 0; }
    [[nodiscard]] int attempts() const { return m_attempt; }

private:
    Settings m_settings;
    int m_attempt = 0;
};

}  // namespace levlab::model
