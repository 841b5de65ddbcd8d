#include "core/model/replay/stress_replay.h"

#include <QObject>

#include <algorithm>

namespace levlab::model {

PlanInputs inputsAtEntry(const PlanInputs& in, double from, double to, engine::ContractKind contract)
{
    PlanInputs out = in;
    if (!(from > 0.0 && to > 0.0))
        return out;
    const double f = to / from;
    const auto scale = [f](std::optional<double>& v) {
        if (v)
            *v *= f;
    };
    out.entryAtMarket = true;
    out.entryPrice = to;
    scale(out.stopLoss);
    scale(out.takeProfit);
    ExitLadder& l = out.ladder;
    for (engine::TakeProfit& t : l.targets)
        t.price *= f;
    for (engine::StopMove& m : l.stopMoves)
        m.price *= f;
    if (l.trailing) {
        if (l.trailing->inPrice)
            l.trailing->distance *= f;
        scale(l.trailing->activationPrice);
    }
    if (contract == engine::ContractKind::Linear) {
        if (in.sizeMode == SizeMode::Quantity)
            out.size = in.size / f;
    } else {
        out.wallet = in.wallet / f;
        out.extraMargin = in.extraMargin / f;
        for (engine::TopUpRule& r : l.topUps) {
            r.amount /= f;
            if (r.maxTotal)
                *r.maxTotal /= f;
        }
    }
    return out;
}

PathReplay seededPathReplay(const PlanInputs& in, const engine::TradePlan& plan, const engine::StressRunOptions& options, std::size_t index,
                            qint64 startSeconds)
{
    PathReplay r;
    r.name = QObject::tr("Stress path %1 (seed %2)").arg(index).arg(engine::market::pathSeed(options.seed, index));
    r.startSeconds = startSeconds;
    r.inputs = in;
    r.inputs.entryAtMarket = true;
    const auto points = engine::stressPath(plan, options, index);
    const auto step = static_cast<qint64>(options.stepSeconds);
    for (std::size_t k = 0; k + 1 < points.size(); ++k) {
        const double a = points[k].last;
        const double b = points[k + 1].last;
        r.bars.push_back(engine::Bar{startSeconds + static_cast<qint64>(k) * step, a, std::max(a, b), std::min(a, b), b, 0.0, 0.0});
    }
    return r;
}

PathReplay historyEntryReplay(const PlanInputs& in, const engine::TradePlan& plan, const std::vector<engine::Bar>& bars, std::size_t entry)
{
    PathReplay r;
    if (entry >= bars.size())
        return r;
    r.startSeconds = bars[entry].time;
    r.inputs = inputsAtEntry(in, plan.position.entryPrice, bars[entry].open, plan.position.contract.kind);
    return r;
}

}  // namespace levlab::model
