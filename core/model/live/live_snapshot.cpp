#include "core/model/live/live_snapshot.h"

namespace levlab::model {

namespace {
/// Whole seconds, rounded up: "in 8 s" until the moment it happens.
qint64 secondsUp(qint64 ms) { return ms <= 0 ? 0 : (ms + 999) / 1000; }
}  // namespace

QString liveStatusText(const LiveSnapshot& s, qint64 nowMs)
{
    switch (s.state) {
    case LiveState::Off:
        return QStringLiteral("Live off");
    case LiveState::Connecting:
        return QStringLiteral("Connecting to %1…").arg(liveVenueName(s.venue));
    case LiveState::Live:
        return s.backfilling ? QStringLiteral("Live · loading recent candles") : QStringLiteral("Live");
    case LiveState::Stale:
        return QStringLiteral("No data for %1 s").arg((nowMs - s.lastDataMs) / 1000);
    case LiveState::Reconnecting:
        return QStringLiteral("Reconnecting in %1 s").arg(secondsUp(s.reconnectAtMs - nowMs));
    }
    return {};
}

}  // namespace levlab::model
