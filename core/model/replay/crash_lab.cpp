#include "core/model/replay/crash_lab.h"

#include "core/model/plan/messages.h"

#include <QDateTime>

#include <algorithm>

namespace levlab::model {

namespace {

qint64 at(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toSecsSinceEpoch();
}

QString minute(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("d MMMM yyyy, HH:mm 'UTC'"));
}

}  // namespace

const std::vector<CrashWindow>& crashWindows()
{
    static const std::vector<CrashWindow> windows{
        {QStringLiteral("black-thursday"), QObject::tr("Black Thursday"), QObject::tr("12–13 March 2020"),
         QStringLiteral("bitmex_XBTUSD_1m_2020-03.csv"), QStringLiteral("XBTUSD"), at("2020-03-11T23:59:00Z"),
         at("2020-03-11T23:59:00Z"), at("2020-03-13T23:59:00Z")},
        {QStringLiteral("may-2021"), QObject::tr("May 2021"), QObject::tr("19 May 2021"),
         QStringLiteral("bitmex_XBTUSD_1m_2021-05-16_2021-05-23.csv"), QStringLiteral("XBTUSD"), at("2021-05-18T23:59:00Z"),
         at("2021-05-18T23:59:00Z"), at("2021-05-19T23:59:00Z")},
        {QStringLiteral("calm-week"), QObject::tr("Calm week"), QObject::tr("14–20 July 2020"),
         QStringLiteral("bitmex_XBTUSD_1m_2020-07-14_2020-07-20_calm.csv"), QStringLiteral("XBTUSD"), at("2020-07-13T23:59:00Z"),
         at("2020-07-13T23:59:00Z"), at("2020-07-20T23:59:00Z")},
    };
    return windows;
}

QString crashLabAttribution()
{
    return QObject::tr("BitMEX XBTUSD data via github.com/codler/bitmex-data (ISC)");
}

QString crashResource(const CrashWindow& w)
{
    return QStringLiteral(":/replays/") + w.file;
}

std::optional<CrashFacts> crashFacts(const std::vector<engine::Bar>& bars, qint64 intervalSeconds, qint64 from, qint64 to)
{
    auto first = std::lower_bound(bars.begin(), bars.end(), from, [](const engine::Bar& b, qint64 t) { return b.time < t; });
    auto last = std::lower_bound(first, bars.end(), to, [](const engine::Bar& b, qint64 t) { return b.time < t; });
    if (first == last)
        return std::nullopt;
    CrashFacts f;
    f.bars = static_cast<std::size_t>(last - first);
    f.interval = intervalSeconds;
    f.openTime = first->time;
    f.open = first->open;
    f.low = first->low;
    f.high = first->high;
    f.lowEnd = f.highEnd = first->time + intervalSeconds;
    for (auto it = first; it != last; ++it) {
        // The first bar to reach a new extreme is the one that made it.
        if (it->low < f.low) {
            f.low = it->low;
            f.lowEnd = it->time + intervalSeconds;
        }
        if (it->high > f.high) {
            f.high = it->high;
            f.highEnd = it->time + intervalSeconds;
        }
        if (it->volume == 0.0)
            ++f.noTradeBars;
    }
    f.lowFromOpen = f.low / f.open - 1.0;
    f.range = (f.high - f.low) / f.low;
    return f;
}

QStringList factSentences(const CrashFacts& f, int d)
{
    QStringList s;
    s << QObject::tr("Opened at %1 (the bar ending %2).").arg(formatNumber(f.open, d), minute(f.openTime + f.interval));
    s << QObject::tr("Low %1 in the bar ending %2: %3% from the opening.")
             .arg(formatNumber(f.low, d), minute(f.lowEnd), formatNumber(f.lowFromOpen * 100.0, 1));
    s << QObject::tr("High %1 in the bar ending %2; range %3% of the low.")
             .arg(formatNumber(f.high, d), minute(f.highEnd), formatNumber(f.range * 100.0, 1));
    if (f.noTradeBars > 0)
        s << QObject::tr("%n minute(s) without a trade (the exchange stalled).", nullptr, static_cast<int>(f.noTradeBars));
    return s;
}

}  // namespace levlab::model
