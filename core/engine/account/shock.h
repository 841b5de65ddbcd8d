#pragma once

#include "core/engine/account/prepared.h"

#include <optional>
#include <vector>

namespace levlab::engine::detail {

/// Cross equity less cross maintenance were every mark moved by `move`
/// (a fraction: −0.1 is a 10% fall). Isolated positions do not count.
double crossHeadroom(const std::vector<Prepared>& positions, double crossWallet, double move);

/// The move of smallest magnitude in (−100%, +1000%] at which crossHeadroom()
/// reaches zero; 0 when it is already at or below zero; none without cross
/// positions or when no such move exists.
std::optional<double> crossShockToLiquidation(const std::vector<Prepared>& positions, double crossWallet);

}  // namespace levlab::engine::detail
