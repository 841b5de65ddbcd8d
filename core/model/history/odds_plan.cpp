#include "core/model/history/odds_plan.h"

#include "core/engine/account/account.h"
#include "core/model/file/document_plan.h"
#include "core/model/json/json_reader.h"
#include "core/model/scenario/exit_plan_json.h"
#include "core/model/scenario/scenario.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace levlab::model {

engine::Result<engine::OddsPosition> readOddsPlan(const QByteArray& file, const TierLibrary& tiers, const QString& name)
{
    auto scenario = planScenario(name, file, tiers);
    if (!scenario)
        return scenario.error();
    const QByteArray& bytes = scenario.value();
    auto account = parseScenario(bytes, tiers);
    if (!account)
        return account.error();
    if (account->positions.size() != 1) {
        return engine::Error{"positions", "the odds read one position; this plan has "
                                              + std::to_string(account->positions.size())};
    }
    engine::OddsPosition plan;
    plan.venue = account->venue;
    plan.position = account->positions.front();
    auto exits = parseExitPlan(parseJsonObject(bytes).value(), plan.position);
    if (!exits)
        return exits.error();
    if (const auto stop = exits->stopLoss) {
        const double distance = std::abs(plan.position.entryPrice - *stop) / plan.position.entryPrice;
        if (!(distance > 0.0 && distance < 1.0))
            return engine::Error{"stop_loss", "the stop must lie between 0% and 100% from the entry"};
        plan.stopDistance = distance;
    }
    return plan;
}

std::vector<double> defaultOddsLeverages(const engine::OddsPosition& plan)
{
    double max = 100.0;
    if (auto r = engine::evaluatePosition(plan.venue, plan.position); r && r->maxLeverage >= 1.0)
        max = r->maxLeverage;
    if (plan.position.maxLeverage && *plan.position.maxLeverage >= 1.0)
        max = std::min(max, *plan.position.maxLeverage);
    static constexpr std::array kLadder{1.0,  2.0,  3.0,  4.0,  5.0,   6.0,   8.0,   10.0,  12.0, 15.0, 20.0, 25.0,
                                        30.0, 40.0, 50.0, 60.0, 75.0, 100.0, 125.0, 150.0, 200.0, 250.0};
    std::vector<double> out;
    for (double l : kLadder) {
        if (l <= max)
            out.push_back(l);
    }
    if (out.empty() || out.back() < max)
        out.push_back(max);
    return out;
}

std::vector<double> defaultOddsHours()
{
    return {1.0, 4.0, 24.0, 72.0, 168.0, 720.0};
}

}  // namespace levlab::model
