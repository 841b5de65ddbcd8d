#include "core/engine/venue/venue.h"

namespace levlab::engine {

std::string_view venueName(Venue venue)
{
    switch (venue) {
    case Venue::Textbook: return "textbook";
    case Venue::Binance: return "binance";
    case Venue::Bybit: return "bybit";
    case Venue::Okx: return "okx";
    case Venue::Gate: return "gate";
    case Venue::Hyperliquid: return "hyperliquid";
    case Venue::Bitmex: return "bitmex";
    }
    return "textbook";
}

std::string_view venueDisplayName(Venue venue)
{
    switch (venue) {
    case Venue::Textbook: return "Textbook";
    case Venue::Binance: return "Binance";
    case Venue::Bybit: return "Bybit";
    case Venue::Okx: return "OKX";
    case Venue::Gate: return "Gate";
    case Venue::Hyperliquid: return "Hyperliquid";
    case Venue::Bitmex: return "BitMEX";
    }
    return "Textbook";
}

std::optional<Venue> venueFromName(std::string_view name)
{
    for (Venue v : kAllVenues) {
        if (venueName(v) == name)
            return v;
    }
    return std::nullopt;
}

VenueRules rulesFor(Venue venue, ContractKind kind)
{
    VenueRules r;
    switch (venue) {
    case Venue::Textbook:
        /// The lessons' model: maintenance is a rate of the entry notional and the
        /// position is liquidated when margin + PnL falls to it. 1 BTC long at
        /// 10,000, 10x, MMR 1% → IM 1,000, MM 100, liquidation 9,100.
        r.basis = MaintenanceBasis::EntryValue;
        break;
    case Venue::Binance:
        /// Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures
        /// Contracts" (and its COIN-M twin): LP = (WB − TMM1 + UPNL1 + cum −
        /// side·pos·EP) / (pos·MMR − side·pos); maintenance = notional at the
        /// price × bracket rate − maintenance amount, the bracket being the one
        /// at the liquidation notional ("substitute the level at the liquidation
        /// price and recalculate").
        r.basis = MaintenanceBasis::MarkValue;
        r.bracketAtLiquidation = true;
        break;
    case Venue::Bybit:
        if (kind == ContractKind::Linear) {
            /// Bybit help "Liquidation Price (USDT Contract)", isolated: LP = entry ∓
            /// (IM − MM)/size ∓ extra margin/size, IM = value/leverage and
            /// MM = value × MMR − deduction, value at entry.
            r.basis = MaintenanceBasis::EntryValue;
        } else {
            /// Bybit help "Liquidation Price Calculation under Isolated Mode (Unified
            /// Trading Account)", inverse: LP(long) = size·(1 + MMR) / (size/entry +
            /// size/entry/leverage + extra/(1 + fee) + deduction): maintenance is a
            /// rate of the value at the price, the fee to close sits in both initial
            /// and maintenance margin, and added margin counts net of that fee.
            /// Bybit "What is Bankruptcy Price? (Inverse)": the bankruptcy price
            /// leaves exactly the fee to close, 1.00075 × qty / (qty/entry + balance).
            r.basis = MaintenanceBasis::MarkValue;
            r.extraMarginNetOfCloseFee = true;
            r.closeFeeInBankruptcy = true;
        }
        break;
    case Venue::Okx:
        /// OKX help "Isolated margin mode" / "Tiered maintenance margin ratio
        /// rules": liquidation when margin ratio = (margin + UPL) / (maintenance
        /// margin + fees) falls to 100%; maintenance = value at mark × tier MMR, fee
        /// = value × taker rate; a higher tier raises the whole position's rate.
    case Venue::Gate:
        /// Gate help "Calculation of Liquidation Price": LP = (entry ∓ margin /
        /// multiplier / size) / (1 ∓ (MMR + taker rate)) for linear and
        /// size·entry·(1 ± MMR ± taker) / (size ± margin·entry) for inverse; a
        /// risk-limit step raises the whole position's rate.
        r.basis = MaintenanceBasis::MarkValue;
        r.takerFeeInMaintenance = true;
        r.bracketAtLiquidation = true;
        break;
    case Venue::Hyperliquid:
        /// Hyperliquid docs "Trading › Liquidations": maintenance margin is half
        /// the initial margin at max leverage; liq_price = price − side ×
        /// margin_available / position_size / (1 − l × side), l = 1 / maintenance
        /// leverage. "Trading › Margining": after a transfer the remaining margin
        /// must be ≥ max(initial margin, 10% of total notional).
        r.basis = MaintenanceBasis::MarkValue;
        r.maintenanceFromMaxLeverage = true;
        r.bracketAtLiquidation = true;
        r.transferBufferRate = 0.10;
        break;
    case Venue::Bitmex:
        /// BitMEX "Liquidation" guide and XBTUSD contract specification:
        /// inverse, maintenance = (maintenance % + taker fee + funding if the
        /// position pays it) × position value at entry; risk-limit steps raise the
        /// whole position's maintenance and initial margin with no deduction.
        r.basis = MaintenanceBasis::EntryValue;
        r.takerFeeInMaintenance = true;
        r.fundingInMaintenance = true;
        break;
    }
    return r;
}

}  // namespace levlab::engine
