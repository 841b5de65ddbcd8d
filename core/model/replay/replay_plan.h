#pragma once

#include "core/engine/result.h"
#include "core/model/plan/plan_inputs.h"

#include <QByteArray>

namespace levlab::model {

class TierLibrary;

/// Reads the plan a replay runs from a plan's bytes. Today a plan is a scenario in the
/// `levlab-cli evaluate` format holding one position, which may add "stop_loss" and
/// "take_profit" prices; its "entry_price" is a limit entry that fills when the replay's
/// price reaches it, and left out (or "market") the plan opens at the replay's price.
/// Without "wallet_balance" the wallet is the position's value at the price it opens at
/// (fitWallet()), enough for any leverage. Plan files of other formats plug in here.
/// Refuses a scenario with no position or more than one, naming the field.
struct ReplayPlan final {
    PlanInputs inputs;
    bool walletGiven = false;
};
engine::Result<ReplayPlan> readReplayPlan(const QByteArray& bytes, const TierLibrary& tiers);
/// A plan without a wallet of its own gets the position's value at `price` as its wallet.
void fitWallet(ReplayPlan& plan, double price, const TierLibrary& tiers);

}  // namespace levlab::model
