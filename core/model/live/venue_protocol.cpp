#include "core/model/live/venue_protocol.h"

#include "core/model/live/binance_protocol.h"
#include "core/model/live/bitmex_protocol.h"
#include "core/model/live/bybit_protocol.h"
#include "core/model/live/hyperliquid_protocol.h"

namespace levlab::model {

LiveEndpoints LiveEndpoints::publicServers(LiveVenue venue)
{
    switch (venue) {
    case LiveVenue::BinanceUsdm:
        return {QUrl(QStringLiteral("wss://fstream.binance.com/stream")), QUrl(QStringLiteral("https://fapi.binance.com"))};
    case LiveVenue::BybitLinear:
        return {QUrl(QStringLiteral("wss://stream.bybit.com/v5/public/linear")),
                QUrl(QStringLiteral("https://api.bybit.com"))};
    case LiveVenue::BybitInverse:
        return {QUrl(QStringLiteral("wss://stream.bybit.com/v5/public/inverse")),
                QUrl(QStringLiteral("https://api.bybit.com"))};
    case LiveVenue::Bitmex:
        return {QUrl(QStringLiteral("wss://ws.bitmex.com/realtime")), QUrl(QStringLiteral("https://www.bitmex.com"))};
    case LiveVenue::Hyperliquid:
        return {QUrl(QStringLiteral("wss://api.hyperliquid.xyz/ws")), QUrl(QStringLiteral("https://api.hyperliquid.xyz"))};
    }
    return {};
}

std::unique_ptr<VenueProtocol> VenueProtocol::create(LiveVenue venue, const QString& symbol)
{
    switch (venue) {
    case LiveVenue::BinanceUsdm:
        return std::make_unique<BinanceProtocol>(symbol);
    case LiveVenue::BybitLinear:
        return std::make_unique<BybitProtocol>(symbol, false);
    case LiveVenue::BybitInverse:
        return std::make_unique<BybitProtocol>(symbol, true);
    case LiveVenue::Bitmex:
        return std::make_unique<BitmexProtocol>(symbol);
    case LiveVenue::Hyperliquid:
        return std::make_unique<HyperliquidProtocol>(symbol);
    }
    return nullptr;
}

}  // namespace levlab::model
