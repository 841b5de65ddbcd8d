#pragma once

#include "core/engine/contract/contract.h"
#include "core/engine/venue/venue.h"

#include <optional>

namespace levlab::engine {

/// What backs one position at a price: its exposure and the collateral that
/// absorbs its losses (isolated margin, or the cross collateral left after the
/// account's other positions).
struct Backing final {
    ContractKind kind = ContractKind::Linear;
    Side side = Side::Long;
    double exposure = 0.0;    ///< base units (linear) or USD (inverse)
    double entry = 0.0;       ///< average entry price
    double collateral = 0.0;  ///< settlement currency
};

/// The price P at which collateral + PnL(P) = rate × value(B) − amount, where B is
/// the entry (EntryValue basis) or P itself (MarkValue basis).
///
/// Closed forms, s = ±1, q = exposure, C = collateral, E = entry, K = r·value(E) − A:
/// - linear, entry basis:   P = E + s·(K − C)/q
/// - linear, mark basis:    P = (s·q·E − C − A) / (q·(s − r))
/// - inverse, entry basis:  P = s·q / (C + s·q/E − K)
/// - inverse, mark basis:   P = (r + s)·q / (C + s·q/E + A)
/// With rate = amount = 0 this is the bankruptcy price (equity exactly zero).
/// Returns nullopt when no positive finite price satisfies it: the condition
/// cannot be reached (a 1x long whose margin covers any fall, an inverse short at
/// 1x or less).
std::optional<double> priceWhereEquityMeets(const Backing& b, MaintenanceBasis basis, double rate, double amount);

/// |entry − price| ÷ entry.
double distanceFromEntry(double entry, double price);

}  // namespace levlab::engine
