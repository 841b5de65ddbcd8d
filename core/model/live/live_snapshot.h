#pragma once

#include "core/model/live/live_types.h"

#include <QString>

#include <optional>

namespace levlab::model {

/// Where a live source stands.
enum class LiveState {
    Off,           ///< not started (the simulated market is in use)
    Connecting,    ///< opening the websocket
    Live,          ///< streaming, data fresh
    Stale,         ///< connected, but no data for a while
    Reconnecting,  ///< waiting out the back-off before the next attempt
};

/// Everything a view needs of a live source, as plain values.
struct LiveSnapshot final {
    LiveVenue venue = LiveVenue::BinanceUsdm;
    QString symbol;
    LiveState state = LiveState::Off;
    LiveQuote quote;          ///< the latest value of each field
    qint64 lastDataMs = 0;    ///< when market data last arrived (0: never)
    qint64 reconnectAtMs = 0; ///< when the next attempt starts (Reconnecting)
    bool backfilling = false; ///< candles are being loaded over REST
    FrameCounts counts;
    int reconnects = 0;

    /// True unless the prices are fresh: anything computed from them must say so.
    [[nodiscard]] bool stale() const { return state != LiveState::Live; }
};

/// The status line for `s` at `nowMs`, in the user's words: "Live", "No data for 5 s",
/// "Reconnecting in 8 s", "Connecting to Bybit (linear)…", "Live off".
QString liveStatusText(const LiveSnapshot& s, qint64 nowMs);

}  // namespace levlab::model
