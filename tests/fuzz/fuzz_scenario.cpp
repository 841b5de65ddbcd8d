// Scenario JSON (levlab-cli evaluate/shock) → parse → evaluate → shock; as a plan
// (stress-plan, compare) → its exits → the ladder preview and a short path.
#include "core/engine/account/layouts.h"
#include "core/engine/trade/ladder_preview.h"
#include "core/model/scenario/exit_plan_json.h"
#include "core/model/scenario/scenario.h"
#include "core/model/tiers/tier_library.h"
#include "tests/fuzz/invariants.h"

#include <QByteArray>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const levlab::model::TierLibrary tiers = levlab::model::TierLibrary::loadShipped();
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    auto scenario = levlab::model::parseScenario(bytes, tiers);
    if (!scenario) {
        levlab::fuzz::namesAField(scenario.error(), true);
        return 0;
    }
    if (scenario->positions.size() > 64)
        return 0;
    auto result = levlab::engine::evaluateAccount(scenario.value());
    if (!result) {
        levlab::fuzz::namesAField(result.error());
        return 0;
    }
    levlab::fuzz::checkAccount(scenario.value(), result.value());
    (void)levlab::model::accountResultToJson(result.value());
    for (double move : {-0.3, 0.2}) {
        auto out = levlab::engine::outcomeOfMove(scenario.value(), move);
        if (out)
            levlab::fuzz::finite(out->equity, "shock equity");
        else
            levlab::fuzz::namesAField(out.error());
    }
    if (scenario->positions.size() != 1)
        return 0;
    auto plan = levlab::model::parseTradePlan(bytes, tiers);
    if (!plan) {
        levlab::fuzz::namesAField(plan.error());
        return 0;
    }
    auto preview = levlab::engine::previewLadder(plan.value());
    if (!preview) {
        levlab::fuzz::namesAField(preview.error());
        return 0;
    }
    levlab::fuzz::finite(preview->reward, "ladder reward");
    levlab::fuzz::finite(preview->risk, "ladder risk");
    // A zigzag of ±15% around the entry: every level it passes fires, the books still add up.
    const double e = plan->position.entryPrice;
    std::vector<levlab::engine::PathPoint> path;
    for (int i = 0; i < 12; ++i) {
        const double f = 1.0 + 0.15 * ((i % 4 == 1) ? 1.0 : (i % 4 == 3) ? -1.0 : 0.0) * (1.0 + 0.1 * i);
        path.push_back({i * 60'000LL, e * f, e * f * (i % 3 == 0 ? 1.01 : 1.0)});
    }
    auto run = levlab::engine::simulateTrade(plan.value(), path);
    if (!run) {
        levlab::fuzz::namesAField(run.error());
        return 0;
    }
    double sum = 0.0;
    for (const auto& step : run->steps) {
        levlab::fuzz::finite(step.result, "step result");
        levlab::fuzz::finite(step.liquidationAfter, "liquidation after a step");
        sum += step.result;
    }
    levlab::fuzz::check(std::abs(sum - run->result) <= 1e-6 * std::max(1.0, std::abs(run->result)), "the steps add up to the result");
    return 0;
}
