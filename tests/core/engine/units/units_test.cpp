#include "core/engine/units/units.h"

#include <gtest/gtest.h>

#include <functional>
#include <type_traits>

namespace levlab::engine {
namespace {

// Mixing amounts that mean different things must not compile.
static_assert(!std::is_invocable_v<std::plus<>, Price, Leverage>);
static_assert(!std::is_invocable_v<std::plus<>, Price, Money>);
static_assert(!std::is_invocable_v<std::multiplies<>, Price, Price>);
static_assert(!std::is_convertible_v<double, Price>, "construction is explicit");
static_assert(std::is_same_v<std::invoke_result_t<std::multiplies<>, Price, Quantity>, Money>);
static_assert(std::is_same_v<std::invoke_result_t<std::divides<>, Money, Leverage>, Money>);

TEST(Units, MarginIsNotionalOverLeverage)
{
    const Money notional = Price(50000) * Quantity(1);
    EXPECT_DOUBLE_EQ((notional / Leverage(20)).value(), 2500.0);
    EXPECT_DOUBLE_EQ((notional * Rate(0.005)).value(), 250.0);
    EXPECT_LT(Price(1), Price(2));
}

}  // namespace
}  // namespace levlab::engine
