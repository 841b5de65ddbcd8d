#pragma once

#include <QString>

namespace levlab::model {

/// One instrument as venues name it: the venue's symbol ("XBTUSD", "BTCUSDT",
/// "BTC_USDT", "BTC-USDT-SWAP"), the base asset it prices ("BTC") and its quote.
/// Every comparison of symbols across venues goes through here.
struct Instrument final {
    QString symbol;  ///< as the venue writes it
    QString base;    ///< "BTC" (BitMEX's XBT is bitcoin too)
    QString quote;   ///< "USDT", "USD", "USDC"; empty when the symbol names the base only

    /// Reads a venue symbol, case-insensitively.
    [[nodiscard]] static Instrument parse(const QString& symbol);
};

/// The base asset of a venue symbol: "XBTUSD" → "BTC", "ETH/USDT" → "ETH", "SOL" → "SOL".
[[nodiscard]] QString baseAsset(const QString& symbol);
/// Whether two symbols price the same asset ("XBTUSD" and "BTCUSDT" do).
[[nodiscard]] bool sameAsset(const QString& a, const QString& b);

}  // namespace levlab::model
