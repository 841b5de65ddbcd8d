#include "core/model/live/live_types.h"

namespace levlab::model {

QString liveVenueName(LiveVenue venue)
{
    switch (venue) {
    case LiveVenue::BinanceUsdm:
        return QStringLiteral("Binance USDⓈ-M");
    case LiveVenue::BybitLinear:
        return QStringLiteral("Bybit (linear)");
    case LiveVenue::BybitInverse:
        return QStringLiteral("Bybit (inverse)");
    case LiveVenue::Bitmex:
        return QStringLiteral("BitMEX");
    case LiveVenue::Hyperliquid:
        return QStringLiteral("Hyperliquid");
    }
    return {};
}

void LiveQuote::merge(const LiveQuote& newer)
{
    if (newer.mark)
        mark = newer.mark;
    if (newer.last)
        last = newer.last;
    if (newer.index)
        index = newer.index;
    if (newer.fundingRate)
        fundingRate = newer.fundingRate;
    if (newer.nextFundingMs)
        nextFundingMs = newer.nextFundingMs;
    if (newer.fundingIntervalHours)
        fundingIntervalHours = newer.fundingIntervalHours;
}

void FrameCounts::count(FrameKind kind)
{
    switch (kind) {
    case FrameKind::Data:
        ++data;
        break;
    case FrameKind::Control:
        ++control;
        break;
    case FrameKind::Pong:
        ++pongs;
        break;
    case FrameKind::Ping:
        ++pings;
        break;
    case FrameKind::Unknown:
        ++unknown;
        break;
    case FrameKind::Malformed:
        ++malformed;
        break;
    case FrameKind::OutOfOrder:
        ++outOfOrder;
        break;
    case FrameKind::Rejected:
        ++rejected;
        break;
    }
}

}  // namespace levlab::model
