#include "core/engine/history/csv_bars.h"

#include "core/engine/history/time_text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>

namespace levlab::engine {

namespace {

constexpr int kNone = -1;

/// Where each needed value sits in a row.
struct Columns final {
    int time = kNone;
    int timeFallback = kNone;  ///< a second time column (the date beside a unix column)
    int open = kNone;
    int high = kNone;
    int low = kNone;
    int close = kNone;
    int volume = kNone;
    int quote = kNone;
    bool bitmex = false;
    [[nodiscard]] bool complete() const { return time != kNone && open != kNone && high != kNone && low != kNone && close != kNone; }
    [[nodiscard]] int widest() const { return std::max({time, timeFallback, open, high, low, close, volume, quote}); }
};

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\r' || s.front() == '"'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '"'))
        s.remove_suffix(1);
    return s;
}

/// Splits `line` at `delimiter` into `fields` (views into `line`) and their start columns.
void split(std::string_view line, char delimiter, std::vector<std::string_view>& fields, std::vector<std::size_t>& starts)
{
    fields.clear();
    starts.clear();
    std::size_t begin = 0;
    while (true) {
        std::size_t end = begin;
        if (end < line.size() && line[end] == '"') {
            const std::size_t close = line.find('"', end + 1);
            end = close == std::string_view::npos ? line.size() : close + 1;
        }
        end = line.find(delimiter, end);
        starts.push_back(begin);
        if (end == std::string_view::npos) {
            fields.push_back(line.substr(begin));
            return;
        }
        fields.push_back(line.substr(begin, end - begin));
        begin = end + 1;
    }
}

std::string normalName(std::string_view raw)
{
    if (raw.size() >= 3 && raw.substr(0, 3) == "\xEF\xBB\xBF")
        raw.remove_prefix(3);
    raw = trim(raw);
    std::string out;
    for (char c : raw) {
        if (c == '_' || c == '-')
            c = ' ';
        out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    }
    return out;
}

bool isQuoteCurrency(std::string_view code)
{
    static constexpr std::array kQuotes{"usd", "usdt", "usdc", "busd", "tusd", "dai", "eur", "quote", "from"};
    return std::find(kQuotes.begin(), kQuotes.end(), code) != kQuotes.end();
}

Columns mapColumns(const std::vector<std::string_view>& fields)
{
    Columns c;
    int plainVolume = kNone;
    int home = kNone;
    int foreign = kNone;
    for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
        const std::string n = normalName(fields[static_cast<std::size_t>(i)]);
        if (n == "unix" || n == "unix timestamp" || n == "timestamp" || n == "time" || n == "open time" || n == "opentime"
            || n == "t" || n == "ts" || n == "time (utc)" || n == "start") {
            if (c.time == kNone)
                c.time = i;
        } else if (n == "date" || n == "datetime" || n == "date time" || n == "date (utc)") {
            if (c.timeFallback == kNone)
                c.timeFallback = i;
        } else if (n == "open" || n == "o") {
            c.open = i;
        } else if (n == "high" || n == "h") {
            c.high = i;
        } else if (n == "low" || n == "l") {
            c.low = i;
        } else if (n == "close" || n == "c" || n == "last") {
            c.close = i;
        } else if (n == "homenotional") {
            home = i;
        } else if (n == "foreignnotional") {
            foreign = i;
        } else if (n == "lastsize" || n == "vwap") {
            c.bitmex = c.bitmex || n == "lastsize";
        } else if (n == "volume" || n == "vol" || n == "v" || n == "base volume") {
            plainVolume = i;
        } else if (n == "quote volume" || n == "quote asset volume" || n == "volume quote") {
            c.quote = i;
        } else if (n.starts_with("volume ") || n.starts_with("vol ")) {
            const std::string code = n.substr(n.find(' ') + 1);
            if (isQuoteCurrency(code))
                c.quote = i;
            else
                c.volume = i;
        }
    }
    if (c.time == kNone) {
        c.time = c.timeFallback;
        c.timeFallback = kNone;
    }
    if (home != kNone) {  // BitMEX: volume counts contracts; the notionals are base and quote
        c.volume = home;
        c.quote = foreign;
        c.bitmex = true;
    } else if (c.volume == kNone) {
        c.volume = plainVolume;
    }
    return c;
}

bool allDigits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

bool isEmptyValue(std::string_view s)
{
    return s.empty() || s == "NULL" || s == "null" || s == "NaN" || s == "nan" || s == "None";
}

std::uint8_t decimalsOf(std::string_view s)
{
    const std::size_t dot = s.find_first_of(".,");
    if (dot == std::string_view::npos)
        return 0;
    std::size_t n = 0;
    for (std::size_t i = dot + 1; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i)
        ++n;
    return static_cast<std::uint8_t>(std::min<std::size_t>(n, 255));
}

std::string shown(std::string_view s)
{
    return s.size() > 40 ? std::string(s.substr(0, 40)) + "…" : std::string(s);
}

class RowReader final {
public:
    RowReader(RawBars& out, Columns cols, char delimiter) : m_out(out), m_cols(cols), m_delimiter(delimiter) {}

    void read(std::string_view line, std::uint32_t lineNo)
    {
        split(line, m_delimiter, m_fields, m_starts);
        m_line = lineNo;
        const auto need = static_cast<std::size_t>(m_cols.widest() + 1);
        if (m_fields.size() < need) {
            refuse(m_fields.size() - 1, std::to_string(m_fields.size()) + (m_fields.size() == 1 ? " field" : " fields")
                                            + " where the header has " + std::to_string(m_headerFields));
            return;
        }
        RawBar bar;
        bar.line = lineNo;
        auto time = parseTimeMs(field(m_cols.time));
        if (!time && m_cols.timeFallback != kNone)
            time = parseTimeMs(field(m_cols.timeFallback));
        if (!time) {
            refuse(static_cast<std::size_t>(m_cols.time),
                   "'" + shown(field(m_cols.time)) + "' is not a time (ISO-8601, or epoch seconds or milliseconds)");
            return;
        }
        bar.timeMs = *time;
        const std::array<std::pair<int, double*>, 4> prices{
            {{m_cols.open, &bar.open}, {m_cols.high, &bar.high}, {m_cols.low, &bar.low}, {m_cols.close, &bar.close}}};
        static constexpr std::array kNames{"open", "high", "low", "close"};
        int empty = 0;
        for (const auto& [col, dst] : prices)
            empty += isEmptyValue(field(col)) ? 1 : 0;
        if (empty == 4) {
            bar.noTrade = true;
        } else {
            for (std::size_t k = 0; k < prices.size(); ++k) {
                const auto [col, dst] = prices[k];
                const std::string_view text = field(col);
                if (isEmptyValue(text)) {
                    refuse(static_cast<std::size_t>(col), std::string("the ") + kNames[k]
                                                              + " is empty while other prices of the bar are given");
                    return;
                }
                if (!readNumber(text, *dst, m_decimalComma)) {
                    refuse(static_cast<std::size_t>(col), "'" + shown(text) + "' is not a number (the " + kNames[k] + ")");
                    return;
                }
                if (!(*dst > 0.0) || !std::isfinite(*dst)) {
                    refuse(static_cast<std::size_t>(col), std::string("the ") + kNames[k] + " must be a price above 0");
                    return;
                }
            }
            if (bar.high < bar.low) {
                refuse(static_cast<std::size_t>(m_cols.high), "the high " + shown(field(m_cols.high)) + " is below the low "
                                                                  + shown(field(m_cols.low)));
                return;
            }
            if (bar.close > bar.high || bar.close < bar.low) {
                refuse(static_cast<std::size_t>(m_cols.close), "the close " + shown(field(m_cols.close))
                                                                   + " lies outside low–high " + shown(field(m_cols.low))
                                                                   + "–" + shown(field(m_cols.high)));
                return;
            }
            bar.closeDecimals = decimalsOf(field(m_cols.close));
        }
        if (!readVolume(m_cols.volume, bar.volume) || !readVolume(m_cols.quote, bar.quoteVolume))
            return;
        m_out.rows.push_back(bar);
    }

    void setHeaderFields(std::size_t n) { m_headerFields = n; }
    void setDecimalComma(bool on) { m_decimalComma = on; }

private:
    std::string_view field(int col) const { return trim(m_fields[static_cast<std::size_t>(col)]); }

    bool readVolume(int col, double& dst)
    {
        if (col == kNone)
            return true;
        const std::string_view text = field(col);
        if (isEmptyValue(text)) {
            dst = 0.0;
            return true;
        }
        if (!readNumber(text, dst, m_decimalComma) || !(dst >= 0.0) || !std::isfinite(dst)) {
            refuse(static_cast<std::size_t>(col), "'" + shown(text) + "' is not a volume (a number of 0 or more)");
            return false;
        }
        return true;
    }

    void refuse(std::size_t fieldIndex, std::string reason)
    {
        const std::size_t column = fieldIndex < m_starts.size() ? m_starts[fieldIndex] + 1 : 1;
        m_out.refused.push_back({m_line, column, std::move(reason)});
    }

    RawBars& m_out;
    Columns m_cols;
    char m_delimiter;
    bool m_decimalComma = false;
    std::size_t m_headerFields = 0;
    std::uint32_t m_line = 0;
    std::vector<std::string_view> m_fields;
    std::vector<std::size_t> m_starts;
};

/// The next line of `text` from `pos` (without its line break); advances `pos`.
std::string_view nextLine(std::string_view text, std::size_t& pos)
{
    const std::size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    return line;
}

bool blank(std::string_view line)
{
    return std::all_of(line.begin(), line.end(), [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; });
}

/// A headerless Binance kline row: open time in ms, then open, high, low, close, volume.
bool looksLikeKline(const std::vector<std::string_view>& fields)
{
    return fields.size() >= 6 && allDigits(trim(fields[0])) && trim(fields[0]).size() == 13;
}

}  // namespace

bool readNumber(std::string_view text, double& out, bool decimalComma)
{
    text = trim(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (decimalComma && text.find(',') != std::string_view::npos) {
        std::array<char, 64> buf{};
        if (text.size() >= buf.size())
            return false;
        std::replace_copy(text.begin(), text.end(), buf.begin(), ',', '.');
        const auto [end, ec] = std::from_chars(buf.data(), buf.data() + text.size(), out);
        return ec == std::errc() && end == buf.data() + text.size();
    }
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

RawBars readCsvBars(std::string_view text)
{
    RawBars out;
    std::size_t pos = 0;
    std::uint32_t lineNo = 0;
    std::vector<std::string_view> fields;
    std::vector<std::size_t> starts;
    std::optional<Columns> cols;
    char delimiter = ',';
    std::size_t headerFields = 0;
    bool headerless = false;
    while (pos < text.size() && lineNo < 10 && !cols) {
        const std::size_t lineStart = pos;
        const std::string_view line = nextLine(text, pos);
        ++lineNo;
        if (blank(line))
            continue;
        for (char d : {',', ';', '\t'}) {
            split(line, d, fields, starts);
            Columns c = mapColumns(fields);
            if (c.complete()) {
                cols = c;
                delimiter = d;
                headerFields = fields.size();
                break;
            }
        }
        if (!cols) {
            split(line, ',', fields, starts);
            if (looksLikeKline(fields)) {
                cols = Columns{0, kNone, 1, 2, 3, 4, 5, fields.size() > 7 ? 7 : kNone, false};
                headerFields = fields.size();
                headerless = true;
                pos = lineStart;
                --lineNo;
                break;
            }
            ++out.bannerLines;
        }
    }
    if (!cols) {
        out.refused.push_back({1, 1, "no header line names the time, open, high, low and close columns"});
        return out;
    }
    out.hasVolume = cols->volume != kNone;
    out.hasQuoteVolume = cols->quote != kNone;
    out.timesAreBarEnds = cols->bitmex;
    if (headerless)
        out.bannerLines = lineNo;
    RowReader reader(out, *cols, delimiter);
    reader.setHeaderFields(headerFields);
    reader.setDecimalComma(delimiter != ',');
    out.rows.reserve(text.size() / 64);
    while (pos < text.size() && out.refused.size() < kMaxRefusals) {
        const std::string_view line = nextLine(text, pos);
        ++lineNo;
        if (blank(line))
            continue;
        reader.read(line, lineNo);
    }
    return out;
}

}  // namespace levlab::engine
