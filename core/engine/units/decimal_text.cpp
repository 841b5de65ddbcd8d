#include "core/engine/units/decimal_text.h"

#include <charconv>
#include <cmath>

namespace levlab::engine {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

/// True when `text` is a JSON number: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?
bool jsonNumberShape(std::string_view text)
{
    std::size_t i = 0;
    const std::size_t n = text.size();
    if (i < n && text[i] == '-')
        ++i;
    if (i >= n || !isDigit(text[i]))
        return false;
    if (text[i] == '0') {
        ++i;
    } else {
        while (i < n && isDigit(text[i]))
            ++i;
    }
    if (i < n && text[i] == '.') {
        ++i;
        if (i >= n || !isDigit(text[i]))
            return false;
        while (i < n && isDigit(text[i]))
            ++i;
    }
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < n && (text[i] == '+' || text[i] == '-'))
            ++i;
        if (i >= n || !isDigit(text[i]))
            return false;
        while (i < n && isDigit(text[i]))
            ++i;
    }
    return i == n;
}

}  // namespace

std::optional<double> parseDecimal(std::string_view text)
{
    // Exchanges write prices with leading zeros stripped; "007" is still a decimal, accept it.
    std::string_view body = text;
    if (!jsonNumberShape(body)) {
        std::size_t i = body.starts_with('-') ? 1 : 0;
        std::size_t j = i;
        while (j + 1 < body.size() && body[j] == '0' && isDigit(body[j + 1]))
            ++j;
        if (j == i || !jsonNumberShape(body.substr(j)))
            return std::nullopt;
    }
    double value = 0.0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    const auto [end, ec] = std::from_chars(first, last, value, std::chars_format::general);
    if (ec != std::errc{} || end != last || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<std::int64_t> parseWhole(std::string_view text)
{
    if (text.empty() || text.front() == '+')
        return std::nullopt;
    std::int64_t value = 0;
    const char* last = text.data() + text.size();
    const auto [end, ec] = std::from_chars(text.data(), last, value);
    if (ec != std::errc{} || end != last)
        return std::nullopt;
    return value;
}

}  // namespace levlab::engine
