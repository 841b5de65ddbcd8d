#pragma once

#include "core/model/feeds/normal_pairs.h"

#include <QString>

#include <cstdint>
#include <random>

namespace levlab::model {

/// An asset that follows the market's leader: each step its log-return is
/// beta × the leader's log-return plus its own Gaussian noise (annualised
/// volatility `ownVol`). Seeded, so the same seed gives the same path.
class Follower final {
public:
    Follower(QString symbol, double startPrice, double beta, double ownVol, std::uint64_t seed);

    [[nodiscard]] const QString& symbol() const { return m_symbol; }
    [[nodiscard]] double price() const { return m_price; }
    [[nodiscard]] double beta() const { return m_beta; }
    [[nodiscard]] double ownVol() const { return m_ownVol; }
    void setBeta(double beta) { m_beta = beta; }
    /// Puts the price at `price` (a market started again where a saved one stood).
    void moveTo(double price) { m_price = price; }

    /// Moves with the leader's log-return over `seconds`.
    void step(double leaderLogReturn, double seconds);

private:
    QString m_symbol;
    double m_price;
    double m_beta;
    double m_ownVol;
    std::mt19937_64 m_rng;
    NormalPairs m_normal;
};

}  // namespace levlab::model
