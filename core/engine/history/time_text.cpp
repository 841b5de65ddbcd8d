#include "core/engine/history/time_text.h"

#include <charconv>
#include <cstdio>

namespace levlab::engine {

namespace {

/// Reads exactly `n` digits at `pos`; advances `pos`.
bool digits(std::string_view s, std::size_t& pos, std::size_t n, int& out)
{
    if (pos + n > s.size())
        return false;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    pos += n;
    return true;
}

std::optional<std::int64_t> parseEpoch(std::string_view s)
{
    double v = 0.0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !(v > 0.0))
        return std::nullopt;
    // Seconds until the year 5138, then milliseconds, then microseconds.
    if (v >= 1e14)
        v /= 1000.0;
    else if (v < 1e11)
        v *= 1000.0;
    if (v >= 1e15)
        return std::nullopt;
    return static_cast<std::int64_t>(v + 0.5);
}

std::optional<std::int64_t> parseIso(std::string_view s)
{
    std::size_t p = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, ms = 0;
    if (!digits(s, p, 4, y) || p >= s.size() || (s[p] != '-' && s[p] != '/'))
        return std::nullopt;
    const char sep = s[p++];
    if (!digits(s, p, 2, mo) || p >= s.size() || s[p++] != sep || !digits(s, p, 2, d))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return std::nullopt;
    if (p < s.size() && (s[p] == 'T' || s[p] == ' ')) {
        ++p;
        if (!digits(s, p, 2, h) || p >= s.size() || s[p++] != ':' || !digits(s, p, 2, mi))
            return std::nullopt;
        if (p < s.size() && s[p] == ':') {
            ++p;
            if (!digits(s, p, 2, sec))
                return std::nullopt;
            if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
                ++p;
                int scale = 100;
                std::size_t n = 0;
                while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
                    ms += (s[p] - '0') * scale;
                    scale /= 10;
                    ++p;
                    ++n;
                }
                if (n == 0)
                    return std::nullopt;
            }
        }
        if (h > 23 || mi > 59 || sec > 60)
            return std::nullopt;
    }
    std::int64_t offsetMinutes = 0;
    if (p < s.size() && s[p] == 'Z') {
        ++p;
    } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
        const int sign = s[p++] == '+' ? 1 : -1;
        int oh = 0, om = 0;
        if (!digits(s, p, 2, oh))
            return std::nullopt;
        if (p < s.size() && s[p] == ':')
            ++p;
        if (p < s.size() && !digits(s, p, 2, om))
            return std::nullopt;
        offsetMinutes = sign * (oh * 60 + om);
    }
    if (p != s.size())
        return std::nullopt;
    const std::int64_t days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    const std::int64_t seconds = days * 86400 + h * 3600 + mi * 60 + sec - offsetMinutes * 60;
    return seconds * 1000 + ms;
}

}  // namespace

std::int64_t daysFromCivil(int year, unsigned month, unsigned day)
{
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<std::int64_t> parseTimeMs(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '"'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '"'))
        text.remove_suffix(1);
    if (text.size() >= 8 && text[4] != '-' && text[4] != '/')
        return parseEpoch(text);
    return parseIso(text);
}

std::string isoMinute(std::int64_t seconds)
{
    std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const std::int64_t rest = seconds - days * 86400;
    // civil_from_days (Howard Hinnant).
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
    char buf[40];
    const auto hh = static_cast<int>(rest / 3600);
    const auto mm = static_cast<int>(rest / 60 % 60);
    const auto ss = static_cast<int>(rest % 60);
    if (ss != 0)
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02d:%02d:%02d", static_cast<long long>(y), m, d, hh, mm, ss);
    else
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02d:%02d", static_cast<long long>(y), m, d, hh, mm);
    return buf;
}

}  // namespace levlab::engine
