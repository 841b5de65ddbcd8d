#pragma once

#include <algorithm>
#include <cmath>
#include <random>

namespace levlab::model {

/// Standard normal draws by Box–Muller on the engine's own uniforms, both draws of each
/// pair used: one logarithm, one square root and one sine–cosine for two draws, and the
/// same numbers on every platform (std::normal_distribution's are the library's own).
class NormalPairs final {
public:
    template <class Engine>
    double operator()(Engine& rng)
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double u1 = std::max(std::generate_canonical<double, 53>(rng), 1e-300);
        const double u2 = std::generate_canonical<double, 53>(rng);
        const double r = std::sqrt(-2.0 * std::log(u1));
        const double a = 2.0 * M_PI * u2;
        m_spare = r * std::sin(a);
        m_hasSpare = true;
        return r * std::cos(a);
    }

private:
    double m_spare = 0.0;
    bool m_hasSpare = false;
};

}  // namespace levlab::model
