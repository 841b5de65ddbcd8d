#include "core/engine/units/decimal_text.h"

#include <gtest/gtest.h>

namespace levlab::engine {
namespace {

TEST(DecimalText, ReadsTheDecimalWritten)
{
    // Each equals the C++ literal of the same text: the double nearest to the decimal.
    EXPECT_EQ(parseDecimal("11794.15000000"), 11794.15);
    EXPECT_EQ(parseDecimal("0.00038167"), 0.00038167);
    EXPECT_EQ(parseDecimal("-0.005"), -0.005);
    EXPECT_EQ(parseDecimal("58665.00"), 58665.0);
    EXPECT_EQ(parseDecimal("0.1"), 0.1);
    EXPECT_EQ(parseDecimal("1e-5"), 1e-5);
    EXPECT_EQ(parseDecimal("2.5E+3"), 2500.0);
    EXPECT_EQ(parseDecimal("0"), 0.0);
    EXPECT_EQ(parseDecimal("007.5"), 7.5);
    // 17 significant digits: correctly rounded, not truncated through a float.
    EXPECT_EQ(parseDecimal("0.30000000000000004"), 0.30000000000000004);
    EXPECT_NE(parseDecimal("0.30000000000000004"), 0.3);
}

TEST(DecimalText, RefusesAnythingButADecimal)
{
    for (const char* bad : {"", "-", "+1", ".5", "1.", "1e", "1e+", "nan", "NaN", "inf", "-inf", "infinity",
                            "0x1p3", "1,5", " 1", "1 ", "1.2.3", "--1", "1e400", "-1e400", "12a"})
        EXPECT_FALSE(parseDecimal(bad)) << '"' << bad << '"';
}

TEST(DecimalText, WholeNumbers)
{
    EXPECT_EQ(parseWhole("1760342400000"), 1760342400000);
    EXPECT_EQ(parseWhole("-3"), -3);
    for (const char* bad : {"", "+1", "1.0", "1e3", "99999999999999999999", " 1"})
        EXPECT_FALSE(parseWhole(bad)) << '"' << bad << '"';
}

}  // namespace
}  // namespace levlab::engine
