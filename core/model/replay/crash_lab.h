#pragma once

#include "core/engine/history/bar.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace levlab::model {

/// A shipped window of real market history to replay ("Black Thursday").
struct CrashWindow final {
    QString id;          ///< "black-thursday"
    QString title;       ///< "Black Thursday"
    QString subtitle;    ///< "12–13 March 2020"
    QString file;        ///< the shipped CSV's name (a Qt resource under :/replays/)
    QString symbol;      ///< the instrument the data are of ("XBTUSD")
    qint64 startSeconds = 0;  ///< where the replay starts (a bar's open time)
    qint64 factsFrom = 0;     ///< the bars the day's facts are taken from: open times in [from, to)
    qint64 factsTo = 0;
};

/// Black Thursday, 19 May 2021 and the calm week of July 2020: BitMEX XBTUSD one-minute
/// bars (ISC, via github.com/codler/bitmex-data). Each starts at its first day's opening —
/// the bar BitMEX stamps 00:00, whose open time is 23:59 the evening before.
[[nodiscard]] const std::vector<CrashWindow>& crashWindows();
/// "BitMEX XBTUSD data via github.com/codler/bitmex-data (ISC)".
[[nodiscard]] QString crashLabAttribution();
/// The resource path of a window's data (":/replays/<file>").
[[nodiscard]] QString crashResource(const CrashWindow& w);

/// What the data say about a window, computed from its bars.
struct CrashFacts final {
    std::size_t bars = 0;
    qint64 interval = 60;  ///< seconds per bar
    qint64 openTime = 0;  ///< the first bar's open time, seconds
    double open = 0.0;    ///< the first bar's open
    double low = 0.0;
    qint64 lowEnd = 0;    ///< end of the bar that made the low
    double high = 0.0;
    qint64 highEnd = 0;
    double lowFromOpen = 0.0;   ///< low ÷ open − 1
    double range = 0.0;         ///< (high − low) ÷ low
    std::size_t noTradeBars = 0;  ///< bars without a trade (zero volume)
};

/// The facts of the bars whose open time lies in [from, to); none without such bars.
[[nodiscard]] std::optional<CrashFacts> crashFacts(const std::vector<engine::Bar>& bars, qint64 intervalSeconds,
                                                   qint64 from, qint64 to);
/// The facts as sentences: "Opened at 7,931.5 (2020-03-12 00:00 UTC bar)." …
[[nodiscard]] QStringList factSentences(const CrashFacts& facts, int priceDecimals);

}  // namespace levlab::model
