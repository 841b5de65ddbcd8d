#pragma once

#include <cstddef>

namespace levlab::model {

/// Top-up rules, and deleveraging rules, a plan holds at most (each kind).
inline constexpr std::size_t kMaxMarginRules = 3;

}  // namespace levlab::model
