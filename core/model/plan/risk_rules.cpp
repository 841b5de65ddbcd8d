#include "core/model/plan/risk_model.h"

#include "core/model/plan/risk_model_detail.h"

namespace levlab::model {

using detail::positiveFinite;
using detail::refusal;

RiskModel::Outcome RiskModel::checkWallet(double wallet)
{
    if (!positiveFinite(wallet))
        return refusal("wallet", tr("must be greater than 0"));
    return std::nullopt;
}

RiskModel::Outcome RiskModel::checkLeverage(double leverage)
{
    if (!(std::isfinite(leverage) && leverage >= 1.0))
        return refusal("leverage", tr("must be at least 1×"));
    return std::nullopt;
}

RiskModel::Outcome RiskModel::checkSize(SizeMode mode, double size)
{
    if (!positiveFinite(size))
        return refusal("size", tr("must be greater than 0"));
    if (mode == SizeMode::RiskPercent && size > 1.0)
        return refusal("size", tr("a risk share must be at most 100%"));
    return std::nullopt;
}

RiskModel::Outcome RiskModel::checkExtraMargin(engine::MarginMode mode, double margin)
{
    if (!(std::isfinite(margin) && margin >= 0.0))
        return refusal("extra_margin", tr("must be 0 or more"));
    if (margin > 0.0 && mode == engine::MarginMode::Cross)
        return refusal("extra_margin", tr("a cross position draws on the wallet; add to the wallet instead"));
    return std::nullopt;
}

RiskModel::Outcome RiskModel::checkPrice(const char* field, std::optional<double> price)
{
    if (price && !positiveFinite(*price))
        return refusal(field, tr("must be a price greater than 0"));
    return std::nullopt;
}

RiskModel::Outcome RiskModel::checkHorizon(double hours)
{
    if (!(std::isfinite(hours) && hours >= 0.0 && hours <= 24.0 * 365.0))
        return refusal("horizon", tr("must lie between 0 hours and a year"));
    return std::nullopt;
}

RiskModel::Outcome RiskModel::checkFeeRate(double rate)
{
    if (!(std::isfinite(rate) && rate >= 0.0 && rate < 0.01))
        return refusal("fee_rate", tr("must lie between 0% and 1%"));
    return std::nullopt;
}

RiskModel::Outcome RiskModel::checkWhole(const PlanInputs& in)
{
    for (const Outcome& r : {checkWallet(in.wallet), checkLeverage(in.leverage), checkSize(in.sizeMode, in.size),
                             checkPrice("stop_loss", in.stopLoss), checkPrice("take_profit", in.takeProfit),
                             checkExtraMargin(in.marginMode, in.extraMargin), checkHorizon(in.horizonHours),
                             checkFeeRate(in.feeRate)}) {
        if (r)
            return r;
    }
    return std::nullopt;
}

}  // namespace levlab::model
