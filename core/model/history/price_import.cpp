#include "core/model/history/price_import.h"

#include "core/engine/history/time_text.h"
#include "core/model/history/price_json.h"
#include "core/model/plan/messages.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace levlab::model {

namespace {

QString when(qint64 seconds)
{
    return QString::fromStdString(engine::isoMinute(seconds));
}

QString count(std::size_t n)
{
    return formatNumber(static_cast<double>(n), 0);
}

QString price(double v)
{
    return formatNumber(v, 2);
}

QString plural(std::size_t n, const char* one, const char* many)
{
    return QStringLiteral("%1 %2").arg(count(n), QLatin1String(n == 1 ? one : many));
}

QString intervalText(qint64 s)
{
    if (s > 0 && s % 86400 == 0)
        return plural(static_cast<std::size_t>(s / 86400), "day", "days");
    if (s > 0 && s % 3600 == 0)
        return plural(static_cast<std::size_t>(s / 3600), "hour", "hours");
    if (s > 0 && s % 60 == 0)
        return plural(static_cast<std::size_t>(s / 60), "minute", "minutes");
    return plural(static_cast<std::size_t>(std::max<qint64>(s, 0)), "second", "seconds");
}

}  // namespace

engine::PriceHistory importPrices(const QByteArray& bytes, std::size_t* skippedLines)
{
    std::size_t skipped = 0;
    engine::PriceHistory history;
    if (detail::looksLikeJson(bytes))
        history = engine::cleanBars(detail::readJsonBars(bytes, skipped));
    else
        history = engine::importCsvPrices(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    if (skippedLines)
        *skippedLines = skipped;
    return history;
}

engine::PriceHistory importPriceFile(const QString& path, std::size_t* skippedLines)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        engine::PriceHistory refused;
        refused.report.refused.push_back({1, 1, file.errorString().toStdString()});
        return refused;
    }
    return importPrices(file.readAll(), skippedLines);
}

QStringList refusalLines(const QString& fileName, const engine::ImportReport& report)
{
    QStringList out;
    for (const auto& r : report.refused)
        out << QStringLiteral("%1:%2:%3: %4").arg(fileName).arg(r.line).arg(r.column).arg(QString::fromStdString(r.reason));
    return out;
}

QString isoTime(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

QStringList reportSentences(const engine::ImportReport& r, std::size_t skippedLines)
{
    QStringList s;
    if (!r.refused.empty()) {
        s << QStringLiteral("Refused: %1 cannot be used; nothing was loaded.").arg(plural(r.refused.size(), "row", "rows"));
        return s;
    }
    if (r.rows == 1)
        s << QStringLiteral("1 bar, opening %1 UTC; one bar shows no interval.").arg(when(r.first));
    else
        s << QStringLiteral("%1 of %2 from %3 to %4 UTC (bar open times).")
                 .arg(plural(r.rows, "bar", "bars"), intervalText(r.intervalSeconds), when(r.first), when(r.last));
    if (r.bannerLines > 0)
        s << QStringLiteral("Skipped %1 before the header.").arg(plural(r.bannerLines, "line", "lines"));
    if (skippedLines > 0)
        s << QStringLiteral("Skipped %1 holding no candles.").arg(plural(skippedLines, "line", "lines"));
    if (r.reversed)
        s << QStringLiteral("The file ran newest first; bars were put oldest first.");
    if (r.reordered)
        s << QStringLiteral("Rows were out of order; bars were sorted by time.");
    if (r.timesWereBarEnds)
        s << QStringLiteral("Times marked each bar's end (BitMEX buckets); moved back %1 to the bar's open.")
                 .arg(intervalText(r.intervalSeconds));
    if (r.duplicates > 0) {
        QString d = QStringLiteral("Removed %1 of times already present").arg(plural(r.duplicates, "duplicate", "duplicates"));
        if (r.duplicatesDisagreeing > 0) {
            QStringList where;
            for (const auto& c : r.conflicts) {
                if (where.size() == 3)
                    break;
                where << QStringLiteral("%1 close %2, not %3").arg(when(c.time), price(c.keptClose), price(c.droppedClose));
            }
            d += QStringLiteral("; %1 disagreed and the more precise copy was kept (%2%3)")
                     .arg(count(r.duplicatesDisagreeing), where.join(QStringLiteral("; ")),
                          r.conflicts.size() > 3 ? QStringLiteral("; …") : QString());
        }
        s << d + QLatin1Char('.');
    }
    if (r.droppedFirstBar)
        s << QStringLiteral("Dropped the first bar (%1): it opened at %2 and closed at %3, implausibly far apart.")
                 .arg(when(r.droppedFirstBar->time), price(r.droppedFirstBar->open), price(r.droppedFirstBar->close));
    if (r.gaps > 0)
        s << QStringLiteral("%1 missing in %2; the longest is %3 after %4.")
                 .arg(plural(r.missingBars, "bar", "bars"), plural(r.gaps, "gap", "gaps"),
                      plural(r.longestGapBars, "bar", "bars"), when(r.longestGapAfter));
    if (r.noTradeFilled > 0)
        s << QStringLiteral("%1 with empty prices drawn flat at the previous close.").arg(plural(r.noTradeFilled, "bar", "bars"));
    if (r.zeroVolume > 0)
        s << QStringLiteral("%1 with zero volume (no trades).").arg(plural(r.zeroVolume, "bar", "bars"));
    if (r.swappedVolume > 0)
        s << QStringLiteral("%1 had base and quote volume swapped (quote ÷ base far from the price); swapped back.")
                 .arg(plural(r.swappedVolume, "row", "rows"));
    if (r.openOutsideRange > 0)
        s << (r.timesWereBarEnds
                  ? QStringLiteral("%1 open outside their low–high (BitMEX opens a bar at the previous close); kept as they are.")
                  : QStringLiteral("%1 open outside their low–high; kept as they are."))
                 .arg(plural(r.openOutsideRange, "bar", "bars"));
    return s;
}

QJsonObject reportJson(const engine::ImportReport& r, std::size_t skippedLines)
{
    const bool ok = r.refused.empty();
    QJsonObject o;
    o[QStringLiteral("rows")] = static_cast<qint64>(r.rows);
    o[QStringLiteral("first")] = ok ? QJsonValue(isoTime(r.first)) : QJsonValue(QJsonValue::Null);
    o[QStringLiteral("last")] = ok ? QJsonValue(isoTime(r.last)) : QJsonValue(QJsonValue::Null);
    o[QStringLiteral("interval_s")] = static_cast<qint64>(r.intervalSeconds);
    o[QStringLiteral("duplicates")] = static_cast<qint64>(r.duplicates);
    o[QStringLiteral("duplicates_disagreeing")] = static_cast<qint64>(r.duplicatesDisagreeing);
    o[QStringLiteral("gaps")] = static_cast<qint64>(r.gaps);
    o[QStringLiteral("missing_bars")] = static_cast<qint64>(r.missingBars);
    o[QStringLiteral("longest_gap_bars")] = static_cast<qint64>(r.longestGapBars);
    o[QStringLiteral("zero_volume")] = static_cast<qint64>(r.zeroVolume);
    o[QStringLiteral("swapped_volume")] = static_cast<qint64>(r.swappedVolume);
    o[QStringLiteral("open_outside_range")] = static_cast<qint64>(r.openOutsideRange);
    QJsonArray refused;
    for (const auto& f : r.refused) {
        QJsonObject e;
        e[QStringLiteral("line")] = static_cast<qint64>(f.line);
        e[QStringLiteral("column")] = static_cast<qint64>(f.column);
        e[QStringLiteral("reason")] = QString::fromStdString(f.reason);
        refused.append(e);
    }
    o[QStringLiteral("refused")] = refused;
    o[QStringLiteral("notes")] = QJsonArray::fromStringList(reportSentences(r, skippedLines));
    return o;
}

}  // namespace levlab::model
