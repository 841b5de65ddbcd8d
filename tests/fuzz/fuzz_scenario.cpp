// Scenario JSON (levlab-cli evaluate/shock) → parse → evaluate → shock.
#include "core/engine/account/layouts.h"
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
    return 0;
}
