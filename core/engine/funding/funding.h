#pragma once

#include "core/engine/account/account.h"

#include <vector>

namespace levlab::engine {

/// Funding paid by a position for one interval, in the settlement currency:
/// sign(side) × value at mark × rate, value = q × mark (linear) or q ÷ mark
/// (inverse). A positive rate means longs pay shorts; negative means received.
/// (Binance "Introduction to Binance Futures Funding Rates"; BitMEX "Perpetual
/// Contracts Guide": funding = position value × funding rate.)
double fundingPayment(ContractKind kind, Side side, double exposure, double mark, double rate);

struct FundingAccrual final {
    int intervals = 0;
    std::vector<double> paid;  ///< per position, over all intervals; negative when received
    double totalPaid = 0.0;
    AccountResult before;
    AccountResult after;       ///< isolated margins and the wallet drained by what was paid
};

/// Holds the account for `intervals` funding intervals at today's marks and
/// rates: each payment comes out of the position's isolated margin (isolated)
/// and out of the wallet either way, which moves the liquidation prices.
Result<FundingAccrual> accrueFunding(const AccountInput& account, int intervals);

}  // namespace levlab::engine
