#pragma once

namespace levlab::engine {

/// How a perpetual settles.
/// - Linear (USDT/USDC-margined): PnL and margin in the quote currency; one
///   contract is `contractSize` units of the base asset.
/// - Inverse (coin-margined, e.g. BitMEX XBTUSD): PnL and margin in the base
///   coin; one contract is `contractSize` USD of exposure.
enum class ContractKind { Linear, Inverse };

enum class Side { Long, Short };

/// +1 for a long, -1 for a short.
constexpr double sign(Side side) { return side == Side::Long ? 1.0 : -1.0; }

/// The instrument's sizing rules.
struct ContractSpec final {
    ContractKind kind = ContractKind::Linear;
    double contractSize = 1.0;  ///< base units (linear) or USD (inverse) per contract
    double tickSize = 0.0;      ///< price increment; 0 = not enforced
    double lotSize = 0.0;       ///< quantity increment in contracts; 0 = not enforced
};

/// Exposure in contract units: base coins for linear, USD for inverse.
constexpr double exposure(const ContractSpec& spec, double contracts) { return contracts * spec.contractSize; }

/// Position value at `price` in the settlement currency.
/// Linear: exposure × price (quote). Inverse: exposure ÷ price (coin).
constexpr double positionValue(ContractKind kind, double exposureUnits, double price)
{
    return kind == ContractKind::Linear ? exposureUnits * price : exposureUnits / price;
}

/// Profit or loss, in the settlement currency, of holding `exposureUnits` from
/// `entry` to `price`. Linear: s·q·(P − E). Inverse: s·q·(1/E − 1/P).
constexpr double profitAndLoss(ContractKind kind, Side side, double exposureUnits, double entry, double price)
{
    const double s = sign(side);
    return kind == ContractKind::Linear ? s * exposureUnits * (price - entry)
                                        : s * exposureUnits * (1.0 / entry - 1.0 / price);
}

}  // namespace levlab::engine
