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
    const double z = m_normal(m_rng);
    const double dt = seconds / kSecondsPerYear;
    m_price *= std::exp(m_beta * leaderLogReturn - 0.5 * m_ownVol * m_ownVol * dt + m_ownVol * std::sqrt(dt) * z);
}

}  // namespace levlab::model
