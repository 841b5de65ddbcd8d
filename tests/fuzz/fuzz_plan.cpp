// A lesson's plan object → the risk model's inputs → the risk model.
#include "core/model/lessons/lesson_driver.h"
#include "core/model/plan/risk_model.h"
#include "core/model/tiers/tier_library.h"
#include "tests/fuzz/invariants.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const levlab::model::TierLibrary tiers = levlab::model::TierLibrary::loadShipped();
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject())
        return 0;
    auto in = levlab::model::LessonDriver::planFrom(doc.object(), 40000.0);
    if (!in) {
        levlab::fuzz::namesAField(in.error());
        return 0;
    }
    levlab::model::RiskModel model(tiers);
    levlab::model::MarketState market;
    market.mark = 40000.0;
    market.last = 40000.0;
    market.index = 40000.0;
    model.setMarket(market);
    (void)model.setInputs(in.value());
    const auto& s = model.snapshot();
    if (s.valid) {
        levlab::fuzz::finite(s.notional, "notional");
        levlab::fuzz::finite(s.position.liquidationPrice, "liquidation_price");
        levlab::fuzz::finite(s.position.initialMargin, "initial_margin");
        levlab::fuzz::finite(s.riskAtStop, "risk_at_stop");
        levlab::fuzz::finite(s.rewardRisk, "reward_risk");
        levlab::fuzz::finite(s.fundingOverHorizon, "funding");
    }
    return 0;
}
