#include "core/model/history/funding_import.h"

#include "core/engine/history/csv_bars.h"
#include "core/engine/history/time_text.h"
#include "core/model/plan/messages.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

namespace levlab::model {

namespace {

constexpr std::int64_t kSupervikOffset = 3 * 3600;

std::optional<std::int64_t> timeText(const QString& s)
{
    const QByteArray b = s.trimmed().toLatin1();
    return engine::parseTimeMs(std::string_view(b.constData(), static_cast<std::size_t>(b.size())));
}

std::optional<double> numberText(const QString& s)
{
    const QByteArray b = s.toLatin1();
    double v = 0.0;
    if (!engine::readNumber(std::string_view(b.constData(), static_cast<std::size_t>(b.size())), v) || !std::isfinite(v))
        return std::nullopt;
    return v;
}

/// BitMEX writes a span as the date that far after 2000-01-01 ("2000-01-01T08:00:00Z" = 8 h).
std::optional<std::int64_t> bitmexSpan(const QString& s)
{
    const auto t = timeText(s);
    if (!t)
        return std::nullopt;
    const std::int64_t epoch2000 = engine::daysFromCivil(2000, 1, 1) * 86400;
    return *t / 1000 - epoch2000;
}

QString normal(QString s)
{
    return s.trimmed().remove(QLatin1Char('"')).toLower().remove(QLatin1Char(' ')).remove(QLatin1Char('_'));
}

engine::FundingHistory fromCsv(const QByteArray& bytes)
{
    const QList<QByteArray> lines = bytes.split('\n');
    std::vector<engine::RawFunding> rows;
    std::vector<engine::Refusal> refused;
    int timeCol = -1, rateCol = -1, spanCol = -1;
    char delimiter = ',';
    std::int64_t offset = 0;
    qsizetype i = 0;
    for (; i < lines.size() && i < 10 && timeCol < 0; ++i) {
        for (char d : {',', ';', '\t'}) {
            const QStringList names = QString::fromUtf8(lines[i]).split(QLatin1Char(d));
            int t = -1, r = -1, s = -1;
            for (int k = 0; k < names.size(); ++k) {
                const QString n = normal(names[k]);
                if (t < 0 && (n == QLatin1String("date") || n == QLatin1String("timestamp") || n == QLatin1String("time")
                              || n == QLatin1String("fundingtime") || n == QLatin1String("calctime")))
                    t = k;
                else if (n == QLatin1String("fundingrate") || n == QLatin1String("rate") || n == QLatin1String("lastfundingrate"))
                    r = k;
                else if (n == QLatin1String("fundinginterval"))
                    s = k;
            }
            if (t >= 0 && r >= 0) {
                timeCol = t;
                rateCol = r;
                spanCol = s;
                delimiter = d;
                if (names.size() == 3 && normal(names[0]) == QLatin1String("symbol") && normal(names[1]) == QLatin1String("date")
                    && normal(names[2]) == QLatin1String("fundingrate"))
                    offset = kSupervikOffset;
                break;
            }
        }
    }
    if (timeCol < 0)
        return engine::cleanFunding({}, 0, {{1, 1, "no header line names the time and funding-rate columns"}});
    for (; i < lines.size() && refused.size() < engine::kMaxRefusals; ++i) {
        const QString line = QString::fromUtf8(lines[i]).remove(QLatin1Char('\r'));
        if (line.trimmed().isEmpty())
            continue;
        const QStringList f = line.split(QLatin1Char(delimiter));
        const auto lineNo = static_cast<std::size_t>(i + 1);
        const auto columnOf = [&](int col) {
            qsizetype at = 0;
            for (int k = 0; k < col && k < f.size(); ++k)
                at += f[k].size() + 1;
            return static_cast<std::size_t>(at + 1);
        };
        const int widest = std::max({timeCol, rateCol, spanCol});
        if (f.size() <= widest) {
            refused.push_back({lineNo, 1, QStringLiteral("%1 fields where the header has more").arg(f.size()).toStdString()});
            continue;
        }
        const auto t = timeText(f[timeCol]);
        if (!t) {
            refused.push_back({lineNo, columnOf(timeCol), "'" + f[timeCol].trimmed().toStdString() + "' is not a time"});
            continue;
        }
        const auto rate = numberText(f[rateCol]);
        if (!rate) {
            refused.push_back({lineNo, columnOf(rateCol), "'" + f[rateCol].trimmed().toStdString() + "' is not a funding rate"});
            continue;
        }
        engine::RawFunding row{*t, *rate, std::nullopt, lineNo};
        if (spanCol >= 0) {
            const auto span = bitmexSpan(f[spanCol]);
            if (!span || *span <= 0) {
                refused.push_back({lineNo, columnOf(spanCol), "'" + f[spanCol].trimmed().toStdString() + "' is not an interval"});
                continue;
            }
            row.intervalSeconds = *span;
        }
        rows.push_back(row);
    }
    return engine::cleanFunding(std::move(rows), offset, std::move(refused));
}

engine::FundingHistory fromJson(const QByteArray& bytes)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        const QByteArray head = bytes.left(error.offset);
        const auto line = static_cast<std::size_t>(head.count('\n') + 1);
        const auto col = static_cast<std::size_t>(error.offset - (head.lastIndexOf('\n') + 1) + 1);
        return engine::cleanFunding({}, 0, {{line, col, error.errorString().toStdString()}});
    }
    std::vector<engine::RawFunding> rows;
    std::vector<engine::Refusal> refused;
    const QJsonArray array = doc.array();
    for (qsizetype k = 0; k < array.size() && refused.size() < engine::kMaxRefusals; ++k) {
        const QJsonObject o = array.at(k).toObject();
        const auto element = static_cast<std::size_t>(k + 1);
        const QJsonValue tv = o.contains(QLatin1String("time"))          ? o.value(QLatin1String("time"))
                              : o.contains(QLatin1String("fundingTime")) ? o.value(QLatin1String("fundingTime"))
                                                                         : o.value(QLatin1String("timestamp"));
        std::optional<std::int64_t> t;
        if (tv.isDouble())
            t = static_cast<std::int64_t>(tv.toDouble() >= 1e11 ? tv.toDouble() : tv.toDouble() * 1000.0);
        else if (tv.isString())
            t = timeText(tv.toString());
        const QJsonValue rv = o.value(QLatin1String("fundingRate"));
        const std::optional<double> rate = rv.isDouble() ? std::optional<double>(rv.toDouble()) : numberText(rv.toString());
        if (!t || !rate) {
            refused.push_back({1, 1, "element " + std::to_string(element) + " has no time or no fundingRate"});
            continue;
        }
        engine::RawFunding row{*t, *rate, std::nullopt, element};
        if (o.contains(QLatin1String("fundingInterval")))
            row.intervalSeconds = bitmexSpan(o.value(QLatin1String("fundingInterval")).toString());
        rows.push_back(row);
    }
    return engine::cleanFunding(std::move(rows), 0, std::move(refused));
}

}  // namespace

engine::FundingHistory importFunding(const QByteArray& bytes)
{
    const QByteArray head = bytes.trimmed().left(1);
    return head == "[" ? fromJson(bytes) : fromCsv(bytes);
}

engine::FundingHistory importFundingFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return engine::cleanFunding({}, 0, {{1, 1, file.errorString().toStdString()}});
    return importFunding(file.readAll());
}

QStringList fundingSentences(const engine::FundingReport& r)
{
    QStringList s;
    if (!r.refused.empty())
        return {QStringLiteral("Refused: nothing was loaded.")};
    s << QStringLiteral("%1 funding settlements from %2 to %3 UTC.")
             .arg(formatNumber(static_cast<double>(r.rows), 0), QString::fromStdString(engine::isoMinute(r.first)),
                  QString::fromStdString(engine::isoMinute(r.last)));
    if (r.utcOffsetSeconds != 0)
        s << QStringLiteral("Times were written in UTC+%1:00 and moved to UTC.").arg(r.utcOffsetSeconds / 3600, 2, 10, QLatin1Char('0'));
    QStringList spans;
    for (const auto& [hours, n] : r.intervalHours)
        spans << QStringLiteral("%1 every %2 h").arg(formatNumber(static_cast<double>(n), 0)).arg(hours);
    s << QStringLiteral("Intervals: %1.").arg(spans.join(QStringLiteral(", ")));
    if (r.reversed || r.reordered)
        s << QStringLiteral("Settlements were put oldest first.");
    if (r.duplicates > 0)
        s << QStringLiteral("Removed %1 repeated settlement times.").arg(formatNumber(static_cast<double>(r.duplicates), 0));
    return s;
}

}  // namespace levlab::model
