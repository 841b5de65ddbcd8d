#pragma once

#include "core/engine/contract/contract.h"

#include <array>
#include <optional>
#include <string_view>

namespace levlab::engine {

/// The rule sets the engine reproduces. Each follows its venue's public
/// documentation; see rulesFor() for the sources.
enum class Venue { Textbook, Binance, Bybit, Okx, Gate, Hyperliquid, Bitmex };

inline constexpr std::array kAllVenues{Venue::Textbook, Venue::Binance, Venue::Bybit,      Venue::Okx,
                                       Venue::Gate,     Venue::Hyperliquid, Venue::Bitmex};

/// Lower-case name used in files and on the command line ("binance").
std::string_view venueName(Venue venue);
std::optional<Venue> venueFromName(std::string_view name);
/// The name as the venue writes it, for people ("Binance", "OKX", "BitMEX").
std::string_view venueDisplayName(Venue venue);

/// Which position value the maintenance requirement is a rate of.
enum class MaintenanceBasis {
    EntryValue,  ///< fixed at opening: MM = rate × value(entry) − amount
    MarkValue,   ///< moves with price: MM = rate × value(P) − amount, P the mark
};

/// What one venue puts into its liquidation condition
///     collateral + PnL(P) = MM(P).
struct VenueRules final {
    MaintenanceBasis basis = MaintenanceBasis::EntryValue;
    bool takerFeeInMaintenance = false;      ///< the fee to close is added to the maintenance rate
    bool fundingInMaintenance = false;       ///< a funding payment due is added to the maintenance rate
    bool maintenanceFromMaxLeverage = false; ///< rate = 1 / (2 × max leverage)
    bool closeFeeInBankruptcy = false;       ///< bankruptcy leaves exactly the fee to close
    bool extraMarginNetOfCloseFee = false;   ///< margin beyond the initial counts ÷ (1 ± fee)
    bool bracketAtLiquidation = false;       ///< the maintenance row is the one at the liquidation notional
    double transferBufferRate = 0.0;         ///< margin kept after a transfer, as a share of notional
};

/// The rules of `venue` for contracts of `kind`.
VenueRules rulesFor(Venue venue, ContractKind kind);

}  // namespace levlab::engine
