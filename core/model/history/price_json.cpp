#include "core/model/history/price_json.h"

#include "core/engine/history/time_text.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace levlab::model::detail {

namespace {

using engine::RawBar;
using engine::RawBars;
using engine::Refusal;

/// Where each byte offset lies: 1-based line and column.
class Positions final {
public:
    explicit Positions(const QByteArray& bytes)
    {
        m_lineStarts.push_back(0);
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            if (bytes[i] == '\n')
                m_lineStarts.push_back(i + 1);
        }
    }
    [[nodiscard]] std::pair<std::size_t, std::size_t> at(qsizetype offset) const
    {
        const auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
        const auto line = static_cast<std::size_t>(it - m_lineStarts.begin());
        return {line, static_cast<std::size_t>(offset - m_lineStarts[line - 1] + 1)};
    }

private:
    std::vector<qsizetype> m_lineStarts;
};

/// Byte offsets where the elements of the top-level array starting at `begin` start.
std::vector<qsizetype> elementOffsets(const QByteArray& bytes, qsizetype begin)
{
    std::vector<qsizetype> out;
    int depth = 0;
    bool inString = false;
    bool expectElement = false;
    for (qsizetype i = begin; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        if (depth == 1 && expectElement && c != ']') {
            out.push_back(i);
            expectElement = false;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            ++depth;
            if (depth == 1)
                expectElement = true;
        } else if (c == ']' || c == '}') {
            --depth;
            if (depth == 0)
                break;
        } else if (c == ',' && depth == 1) {
            expectElement = true;
        }
    }
    return out;
}

std::optional<double> numberOf(const QJsonValue& v, std::uint8_t* decimals = nullptr)
{
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        const QByteArray text = v.toString().toLatin1();
        double out = 0.0;
        if (!engine::readNumber(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), out))
            return std::nullopt;
        if (decimals) {
            const qsizetype dot = text.indexOf('.');
            *decimals = static_cast<std::uint8_t>(dot < 0 ? 0 : std::min<qsizetype>(text.size() - dot - 1, 255));
        }
        return out;
    }
    return std::nullopt;
}

std::optional<std::int64_t> timeOf(const QJsonValue& v)
{
    if (v.isDouble()) {
        const double t = v.toDouble();
        if (!(t > 0.0) || t >= 1e15)
            return std::nullopt;
        return static_cast<std::int64_t>(std::llround(t >= 1e11 ? t : t * 1000.0));
    }
    if (v.isString()) {
        const QByteArray text = v.toString().toLatin1();
        return engine::parseTimeMs(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
    }
    return std::nullopt;
}

QJsonValue firstOf(const QJsonObject& o, std::initializer_list<const char*> keys)
{
    for (const char* k : keys) {
        const QJsonValue v = o.value(QLatin1String(k));
        if (!v.isUndefined())
            return v;
    }
    return QJsonValue(QJsonValue::Undefined);
}

bool isCandleObject(const QJsonObject& o)
{
    return !firstOf(o, {"close", "c"}).isUndefined() && !firstOf(o, {"timestamp", "t", "time", "openTime", "open_time"}).isUndefined();
}

QString shown(double v)
{
    return QString::number(v, 'g', 15);
}

class Reader final {
public:
    Reader(RawBars& out, const Positions& positions) : m_out(out), m_pos(positions) {}

    /// One response: an array of candles or one candle object. False: not candles.
    bool readValue(const QJsonValue& value, const std::vector<qsizetype>& offsets, qsizetype valueOffset)
    {
        if (value.isObject()) {
            if (!isCandleObject(value.toObject()))
                return false;
            readObject(value.toObject(), valueOffset);
            return true;
        }
        if (!value.isArray())
            return false;
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size() && m_out.refused.size() < engine::kMaxRefusals; ++i) {
            const qsizetype at = static_cast<std::size_t>(i) < offsets.size() ? offsets[static_cast<std::size_t>(i)] : valueOffset;
            const QJsonValue e = array.at(i);
            if (e.isArray())
                readKline(e.toArray(), at);
            else if (e.isObject() && isCandleObject(e.toObject()))
                readObject(e.toObject(), at);
            else
                refuse(at, QStringLiteral("this element is not a candle (an object with time and prices, or a kline array)"));
        }
        return true;
    }

private:
    /// Binance: [open time, "open", "high", "low", "close", "volume", close time, "quote volume", …].
    void readKline(const QJsonArray& a, qsizetype at)
    {
        if (a.size() < 6) {
            refuse(at, QStringLiteral("a kline needs open time, open, high, low, close and volume"));
            return;
        }
        m_out.hasVolume = true;
        m_out.hasQuoteVolume = m_out.hasQuoteVolume || a.size() > 7;
        add(at, a.at(0), a.at(1), a.at(2), a.at(3), a.at(4), a.at(5), a.size() > 7 ? a.at(7) : QJsonValue());
    }

    void readObject(const QJsonObject& o, qsizetype at)
    {
        const bool bitmex = o.contains(QLatin1String("homeNotional")) || o.contains(QLatin1String("lastSize"));
        m_out.timesAreBarEnds = m_out.timesAreBarEnds || bitmex;
        const QJsonValue volume = bitmex ? o.value(QLatin1String("homeNotional")) : firstOf(o, {"volume", "v"});
        const QJsonValue quote = bitmex ? o.value(QLatin1String("foreignNotional")) : firstOf(o, {"quoteVolume"});
        m_out.hasVolume = m_out.hasVolume || !volume.isUndefined();
        m_out.hasQuoteVolume = m_out.hasQuoteVolume || !quote.isUndefined();
        add(at, firstOf(o, {"timestamp", "t", "time", "openTime", "open_time"}), firstOf(o, {"open", "o"}),
            firstOf(o, {"high", "h"}), firstOf(o, {"low", "l"}), firstOf(o, {"close", "c"}), volume, quote);
    }

    void add(qsizetype at, const QJsonValue& time, const QJsonValue& open, const QJsonValue& high,
             const QJsonValue& low, const QJsonValue& close, const QJsonValue& volume, const QJsonValue& quote)
    {
        RawBar bar;
        bar.line = static_cast<std::uint32_t>(m_pos.at(at).first);
        const auto t = timeOf(time);
        if (!t) {
            refuse(at, QStringLiteral("the time is missing or not a time"));
            return;
        }
        bar.timeMs = *t;
        const std::array<std::pair<const QJsonValue*, double*>, 4> prices{
            {{&open, &bar.open}, {&high, &bar.high}, {&low, &bar.low}, {&close, &bar.close}}};
        static constexpr std::array kNames{"open", "high", "low", "close"};
        const bool allEmpty = std::all_of(prices.begin(), prices.end(), [](const auto& p) {
            return p.first->isNull() || p.first->isUndefined() || (p.first->isString() && p.first->toString().isEmpty());
        });
        if (allEmpty) {
            bar.noTrade = true;
        } else {
            for (std::size_t k = 0; k < prices.size(); ++k) {
                const auto v = numberOf(*prices[k].first, k == 3 ? &bar.closeDecimals : nullptr);
                if (!v || !(*v > 0.0) || !std::isfinite(*v)) {
                    refuse(at, QStringLiteral("the %1 must be a price above 0").arg(QLatin1String(kNames[k])));
                    return;
                }
                *prices[k].second = *v;
            }
            if (bar.high < bar.low) {
                refuse(at, QStringLiteral("the high %1 is below the low %2").arg(shown(bar.high), shown(bar.low)));
                return;
            }
            if (bar.close > bar.high || bar.close < bar.low) {
                refuse(at, QStringLiteral("the close %1 lies outside low–high %2–%3")
                               .arg(shown(bar.close), shown(bar.low), shown(bar.high)));
                return;
            }
        }
        for (const auto& [v, dst] : {std::pair{&volume, &bar.volume}, std::pair{&quote, &bar.quoteVolume}}) {
            if (v->isNull() || v->isUndefined())
                continue;
            const auto n = numberOf(*v);
            if (!n || !(*n >= 0.0) || !std::isfinite(*n)) {
                refuse(at, QStringLiteral("the volume must be a number of 0 or more"));
                return;
            }
            *dst = *n;
        }
        m_out.rows.push_back(bar);
    }

    void refuse(qsizetype at, const QString& reason)
    {
        const auto [line, col] = m_pos.at(at);
        m_out.refused.push_back({line, col, reason.toStdString()});
    }

    RawBars& m_out;
    const Positions& m_pos;
};

}  // namespace

bool looksLikeJson(const QByteArray& bytes)
{
    for (const char c : bytes) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        return c == '[' || c == '{';
    }
    return false;
}

RawBars readJsonBars(const QByteArray& bytes, std::size_t& skipped)
{
    RawBars out;
    skipped = 0;
    const Positions positions(bytes);
    Reader reader(out, positions);
    QJsonParseError error{};
    const QJsonDocument whole = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError) {
        const qsizetype start = bytes.indexOf(whole.isArray() ? '[' : '{');
        const QJsonValue value = whole.isArray() ? QJsonValue(whole.array()) : QJsonValue(whole.object());
        if (!reader.readValue(value, whole.isArray() ? elementOffsets(bytes, start) : std::vector<qsizetype>{}, start))
            out.refused.push_back({1, 1, "the JSON holds no candles"});
        return out;
    }
    // JSON Lines: one response per line.
    qsizetype lineStart = 0;
    bool multiLine = false;
    while (lineStart < bytes.size() && out.refused.size() < engine::kMaxRefusals) {
        qsizetype end = bytes.indexOf('\n', lineStart);
        if (end < 0)
            end = bytes.size();
        const QByteArray line = bytes.mid(lineStart, end - lineStart);
        if (!line.trimmed().isEmpty()) {
            QJsonParseError lineError{};
            const QJsonDocument doc = QJsonDocument::fromJson(line, &lineError);
            if (lineError.error != QJsonParseError::NoError) {
                // Not JSON Lines either: report the first error where the whole document broke.
                const qsizetype at = multiLine ? lineStart + lineError.offset : error.offset;
                const auto [l, c] = positions.at(std::min<qsizetype>(at, bytes.size()));
                const QString why = multiLine ? lineError.errorString() : error.errorString();
                out.refused.push_back({l, c, why.toStdString()});
                return out;
            }
            multiLine = true;
            const qsizetype start = lineStart + line.indexOf(doc.isArray() ? '[' : '{');
            const QJsonValue value = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
            if (!reader.readValue(value, doc.isArray() ? elementOffsets(bytes, start) : std::vector<qsizetype>{}, start))
                ++skipped;
        }
        lineStart = end + 1;
    }
    return out;
}

}  // namespace levlab::model::detail
