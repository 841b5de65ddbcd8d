#include "core/model/feeds/follower.h"

#include <cmath>

namespace levlab::model {

namespace {

constexpr double kSecondsPerYear = 365.0 * 24.0 * 3600.0;

}  // namespace

Follower::Follower(QString symbol, double startPrice, double beta, double ownVol, std::uint64_t seed)
    : m_symbol(std::move(symbol)), m_price(startPrice), m_beta(beta), m_ownVol(ownVol), m_rng(seed)
{
}

void Follower::step(double leaderLogReturn, double seconds)
{
    const double u1 = std::max(std::generate_canonical<double, 53>(m_rng), 1e-300);
    const double u2 = std::generate_canonical<double, 53>(m_rng);
    const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    const double dt = seconds / kSecondsPerYear;
    m_price *= std::exp(m_beta * leaderLogReturn - 0.5 * m_ownVol * m_ownVol * dt + m_ownVol * std::sqrt(dt) * z);
}

}  // namespace levlab::model
