#include "core/engine/funding/funding.h"

namespace levlab::engine {

double fundingPayment(ContractKind kind, Side side, double exposureUnits, double mark, double rate)
{
    return sign(side) * positionValue(kind, exposureUnits, mark) * rate;
}

Result<FundingAccrual> accrueFunding(const AccountInput& account, int intervals)
{
    if (intervals < 0)
        return Error{"intervals", "must not be negative"};
    auto before = evaluateAccount(account);
    if (!before)
        return before.error();

    FundingAccrual out;
    out.intervals = intervals;
    AccountInput held = account;
    held.openingChecks = false;
    held.walletBalance = before->walletBalance;
    for (std::size_t i = 0; i < held.positions.size(); ++i) {
        PositionInput& p = held.positions[i];
        const PositionResult& r = before->positions[i];
        const double paid = r.fundingPayment * intervals;
        out.paid.push_back(paid);
        out.totalPaid += paid;
        *held.walletBalance -= paid;
        if (isIsolated(p.mode))
            p.isolatedMargin = std::max(0.0, r.margin - paid);
    }
    if (*held.walletBalance < 0.0)
        held.walletBalance = 0.0;
    auto after = evaluateAccount(held);
    if (!after)
        return after.error();
    out.before = std::move(before).value();
    out.after = std::move(after).value();
    return out;
}

}  // namespace levlab::engine
