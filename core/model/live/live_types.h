#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace levlab::model {

/// The live venues: each a public market-data server with its own protocol.
enum class LiveVenue { BinanceUsdm, BybitLinear, BybitInverse, Bitmex, Hyperliquid };

/// "Binance USDⓈ-M", "Bybit (linear)" …: the venue as the window names it.
QString liveVenueName(LiveVenue venue);

/// One trade as the venue printed it. Prices and sizes are the decimals written.
struct LiveTrade final {
    qint64 timeMs = 0;
    double price = 0.0;
    double size = 0.0;
    bool buy = false;  ///< the taker bought
    friend bool operator==(const LiveTrade&, const LiveTrade&) = default;
};

/// One one-minute candle, stamped with the minute it opens (UTC ms).
struct LiveCandle final {
    qint64 openMs = 0;
    double open = 0.0;
    double high = 0.0;
    double low = 0.0;
    double close = 0.0;
    double volume = 0.0;
    bool closed = false;  ///< the minute is over and the candle final
    friend bool operator==(const LiveCandle&, const LiveCandle&) = default;
};

/// The fields one frame carried; a field the frame did not carry is empty
/// (Bybit deltas and BitMEX updates are sparse).
struct LiveQuote final {
    std::optional<double> mark;
    std::optional<double> last;
    std::optional<double> index;  ///< index or oracle price
    std::optional<double> fundingRate;  ///< fraction per funding interval
    std::optional<qint64> nextFundingMs;
    std::optional<int> fundingIntervalHours;
    [[nodiscard]] bool empty() const
    {
        return !mark && !last && !index && !fundingRate && !nextFundingMs && !fundingIntervalHours;
    }
    /// Takes every field `newer` carries.
    void merge(const LiveQuote& newer);
};

/// What a frame was.
enum class FrameKind {
    Data,        ///< market data: quote, trades or candles
    Control,     ///< welcome, subscription acknowledgement
    Pong,        ///< the answer to our heartbeat
    Ping,        ///< the server's heartbeat, answered with `reply`
    Unknown,     ///< well-formed but not a message we follow
    Malformed,   ///< not JSON, or a field of the wrong kind or value
    OutOfOrder,  ///< older than what was already accepted, or a repeat
    Rejected,    ///< the venue refused a request (an error frame)
};

/// One frame parsed. Only Data frames carry market data; the others are counted.
struct FrameResult final {
    FrameKind kind = FrameKind::Unknown;
    LiveQuote quote;
    std::vector<LiveTrade> trades;
    std::vector<LiveCandle> candles;
    QByteArray reply;  ///< text to send back (a pong), if any
    QString reason;    ///< why a frame was not Data, in words
};

/// Counts of frames by kind since the source started.
struct FrameCounts final {
    quint64 data = 0;
    quint64 control = 0;
    quint64 pongs = 0;
    quint64 pings = 0;
    quint64 unknown = 0;
    quint64 malformed = 0;
    quint64 outOfOrder = 0;
    quint64 rejected = 0;
    void count(FrameKind kind);
    [[nodiscard]] quint64 skipped() const { return unknown + malformed + outOfOrder + rejected; }
};

}  // namespace levlab::model
