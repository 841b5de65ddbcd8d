#pragma once

#include "core/engine/result.h"
#include "core/model/live/live_types.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QUrl>

#include <memory>
#include <vector>

namespace levlab::model {

/// Where a venue's servers are: the real public market-data servers by default,
/// a local server in the tests.
struct LiveEndpoints final {
    QUrl stream;  ///< the websocket
    QUrl rest;    ///< the REST base ("https://fapi.binance.com")
    static LiveEndpoints publicServers(LiveVenue venue);
};

/// A REST request for candles: GET `url`, or POST `body` (JSON) to it.
struct RestRequest final {
    QUrl url;
    QByteArray body;  ///< empty: GET
};

/// One venue's market-data protocol, without any networking: what to send on
/// connect and as a heartbeat, and what each received frame means. Stateful
/// where the venue is (BitMEX tables, the last accepted times); reset() forgets
/// everything tied to a connection.
class VenueProtocol {
public:
    virtual ~VenueProtocol() = default;

    [[nodiscard]] virtual LiveVenue venue() const = 0;
    [[nodiscard]] const QString& symbol() const { return m_symbol; }

    /// The stream URL for `endpoints` (some venues put the symbol in it).
    [[nodiscard]] virtual QUrl streamUrl(const LiveEndpoints& endpoints) const { return endpoints.stream; }
    /// The text frames that subscribe to mark, funding, trades and one-minute candles.
    [[nodiscard]] virtual QList<QByteArray> subscribeFrames() const = 0;
    /// The application-level ping, or empty when the server pings (Binance: the
    /// websocket layer answers its ping frames).
    [[nodiscard]] virtual QByteArray pingFrame() const = 0;
    /// How often to send pingFrame(), in ms.
    [[nodiscard]] virtual int pingIntervalMs() const = 0;

    /// Parses one text frame received at `nowMs` (UTC ms; used only where the venue sends no time).
    virtual FrameResult parse(QByteArrayView frame, qint64 nowMs) = 0;
    /// Forgets the state of the old connection.
    virtual void reset() = 0;

    /// The REST request for the one-minute candles opening in [fromMs, toMs].
    [[nodiscard]] virtual RestRequest candleRequest(const LiveEndpoints& endpoints, qint64 fromMs,
                                                    qint64 toMs) const = 0;
    /// The candles of a REST response, oldest first; or why it cannot be read.
    [[nodiscard]] virtual engine::Result<std::vector<LiveCandle>> parseCandles(const QByteArray& body) const = 0;
    /// The most candles one REST request returns.
    [[nodiscard]] virtual int candleLimit() const = 0;

    static std::unique_ptr<VenueProtocol> create(LiveVenue venue, const QString& symbol);

protected:
    explicit VenueProtocol(QString symbol) : m_symbol(std::move(symbol)) {}

private:
    QString m_symbol;
};

}  // namespace levlab::model
