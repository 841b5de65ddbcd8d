#pragma once

#include "core/engine/result.h"
#include "core/model/tiers/tier_library.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace levlab::model {

/// What a saved response is and where it came from.
struct TierImportRequest final {
    engine::Venue venue = engine::Venue::Binance;
    QString symbol;                      ///< "BTCUSDT", "BTC-USDT-SWAP", "BTC_USDT", "BTC", "XBTUSD"
    QDateTime fetchedAt;                 ///< when the response was fetched or saved (UTC)
    std::optional<double> contractSize;  ///< OKX: base units per contract, when the tiers count contracts
};

/// The endpoint whose JSON response each venue's import reads, as its documentation names it:
/// Binance GET /fapi/v1/leverageBracket (saved by the user: it needs an account),
/// Bybit GET /v5/market/risk-limit, OKX GET /api/v5/public/position-tiers,
/// Gate GET /futures/{settle}/risk_limit_tiers, Hyperliquid POST /info {"type":"meta"},
/// BitMEX GET /api/v1/instrument (riskLimit, riskStep, initMargin, maintMargin).
QString tierEndpoint(engine::Venue venue);

/// Reads a venue's saved risk-limit response into a table for `symbol`, and
/// validates it: floors rising without gaps, maintenance amounts continuous
/// (cumulative tables), maximum leverage never rising with size. A refusal names
/// the row ("tiers[2]") and says why in words; nothing is half-imported.
engine::Result<TierTable> importTierResponse(const TierImportRequest& request, const QByteArray& body);

}  // namespace levlab::model
