#include "core/model/scenario/exit_plan_json.h"

#include "core/model/file/document_plan.h"
#include "core/model/json/json_reader.h"
#include "core/model/scenario/scenario.h"

#include <QJsonArray>

#include <cmath>

namespace levlab::model {

namespace {

using engine::Error;
using engine::Result;

/// `key` as an object, an empty one when absent, or the error naming it.
Result<JsonFields> member(const JsonFields& f, const QString& key)
{
    if (!f.has(key))
        return JsonFields(QJsonObject(), f.fieldName(key));
    const QJsonValue v = f.object().value(key);
    if (!v.isObject())
        return fieldError(f.fieldName(key), QStringLiteral("must be an object"));
    return JsonFields(v.toObject(), f.fieldName(key));
}

/// `key` as an array of objects (none when absent).
Result<std::vector<JsonFields>> rows(const JsonFields& f, const QString& key)
{
    std::vector<JsonFields> out;
    if (!f.has(key))
        return out;
    const QJsonValue v = f.object().value(key);
    if (!v.isArray())
        return fieldError(f.fieldName(key), QStringLiteral("must be an array"));
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString path = f.fieldName(QStringLiteral("%1[%2]").arg(key).arg(i));
        if (!a.at(i).isObject())
            return fieldError(path, QStringLiteral("must be an object"));
        out.emplace_back(a.at(i).toObject(), path);
    }
    return out;
}

/// A whole number of at least 1 (`fallback` when absent).
Result<int> count(const JsonFields& f, const QString& key, std::optional<int> fallback)
{
    auto n = f.number(key, fallback ? std::optional<double>(*fallback) : std::nullopt);
    if (!n)
        return n.error();
    const double v = n.value();
    if (!(v >= 1.0 && v <= 1e6 && std::floor(v) == v))
        return fieldError(f.fieldName(key), QStringLiteral("must be a whole number from 1 to 1000000"));
    return static_cast<int>(v);
}

/// A level given as `price`, or as `move` (a fraction of the entry; `direction` +1
/// moves it in the trade's favour, −1 against it).
Result<double> level(const JsonFields& f, const engine::PositionInput& p, double direction)
{
    const bool price = f.has(QStringLiteral("price"));
    const bool move = f.has(QStringLiteral("move"));
    if (price == move)
        return fieldError(f.path(), QStringLiteral("give either price or move (a fraction of the entry: 0.05 is 5%)"));
    if (price)
        return f.number(QStringLiteral("price"));
    auto m = f.number(QStringLiteral("move"));
    if (!m)
        return m.error();
    if (!(std::isfinite(m.value()) && m.value() > 0.0 && m.value() < 1.0))
        return fieldError(f.fieldName(QStringLiteral("move")), QStringLiteral("must lie in (0, 1) (a fraction of the entry: 0.05 is 5%)"));
    return p.entryPrice * (1.0 + direction * engine::sign(p.side) * m.value());
}

std::optional<Error> readStops(const JsonFields& root, const engine::PositionInput& p, engine::ExitPlan& x)
{
    auto stop = member(root, QStringLiteral("stop_loss"));
    if (!stop)
        return stop.error();
    // Moves alone (no price, no move) are moves of a plan without an opening stop.
    const bool movesOnly = stop->has(QStringLiteral("moves")) && !stop->has(QStringLiteral("price")) && !stop->has(QStringLiteral("move"));
    if (root.has(QStringLiteral("stop_loss")) && !movesOnly) {
        auto price = level(stop.value(), p, -1.0);
        if (!price)
            return price.error();
        x.stopLoss = price.value();
    }
    auto moves = rows(stop.value(), QStringLiteral("moves"));
    if (!moves)
        return moves.error();
    for (const JsonFields& m : moves.value()) {
        auto after = count(m, QStringLiteral("after_target"), std::nullopt);
        auto price = m.number(QStringLiteral("price"));
        if (!after)
            return after.error();
        if (!price)
            return price.error();
        x.stopMoves.push_back(engine::StopMove{after.value(), false, price.value()});
    }
    if (root.has(QStringLiteral("break_even_after"))) {
        auto be = member(root, QStringLiteral("break_even_after"));
        if (!be)
            return be.error();
        auto target = count(be.value(), QStringLiteral("target"), std::nullopt);
        if (!target)
            return target.error();
        x.stopMoves.push_back(engine::StopMove{target.value(), true, 0.0});
    }
    if (root.has(QStringLiteral("trailing_stop"))) {
        auto t = member(root, QStringLiteral("trailing_stop"));
        if (!t)
            return t.error();
        const bool fraction = t->has(QStringLiteral("distance"));
        if (fraction == t->has(QStringLiteral("distance_price")))
            return fieldError(t->path(), QStringLiteral("give either distance (a fraction: 0.02 is 2%) or distance_price"));
        auto d = t->number(fraction ? QStringLiteral("distance") : QStringLiteral("distance_price"));
        auto activation = t->optionalNumber(QStringLiteral("activation_price"));
        if (!d)
            return d.error();
        if (!activation)
            return activation.error();
        x.trailing = engine::TrailingStop{d.value(), !fraction, activation.value()};
    }
    return std::nullopt;
}

std::optional<Error> readRules(const JsonFields& root, engine::ExitPlan& x)
{
    auto rules = member(root, QStringLiteral("margin_rules"));
    if (!rules)
        return rules.error();
    auto topUps = rows(rules.value(), QStringLiteral("top_up"));
    if (!topUps)
        return topUps.error();
    for (const JsonFields& r : topUps.value()) {
        auto ratio = r.number(QStringLiteral("at_margin_ratio"));
        auto add = r.number(QStringLiteral("add"));
        auto times = count(r, QStringLiteral("max_times"), 1);
        auto total = r.optionalNumber(QStringLiteral("max_total"));
        if (!ratio)
            return ratio.error();
        if (!add)
            return add.error();
        if (!times)
            return times.error();
        if (!total)
            return total.error();
        x.topUps.push_back(engine::TopUpRule{ratio.value(), add.value(), times.value(), total.value()});
    }
    auto deleverages = rows(rules.value(), QStringLiteral("deleverage"));
    if (!deleverages)
        return deleverages.error();
    for (const JsonFields& r : deleverages.value()) {
        auto ratio = r.number(QStringLiteral("at_margin_ratio"));
        auto share = r.number(QStringLiteral("close"));
        auto times = count(r, QStringLiteral("max_times"), 1);
        if (!ratio)
            return ratio.error();
        if (!share)
            return share.error();
        if (!times)
            return times.error();
        x.deleverages.push_back(engine::DeleverageRule{ratio.value(), share.value(), times.value()});
    }
    return std::nullopt;
}

}  // namespace

Result<engine::ExitPlan> parseExitPlan(const QJsonObject& object, const engine::PositionInput& p)
{
    const JsonFields root(object, QString());
    engine::ExitPlan x;
    auto trigger = root.string(QStringLiteral("exit_trigger"), QStringLiteral("mark"));
    if (!trigger)
        return trigger.error();
    if (trigger.value() != QLatin1String("mark") && trigger.value() != QLatin1String("last"))
        return fieldError(QStringLiteral("exit_trigger"), QStringLiteral("'%1' is not one of mark, last").arg(trigger.value()));
    x.trigger = trigger.value() == QLatin1String("last") ? engine::ExitTrigger::Last : engine::ExitTrigger::Mark;

    auto ladder = member(root, QStringLiteral("exit_ladder"));
    if (!ladder)
        return ladder.error();
    auto targets = rows(ladder.value(), QStringLiteral("targets"));
    if (!targets)
        return targets.error();
    for (const JsonFields& t : targets.value()) {
        auto price = level(t, p, 1.0);
        auto share = t.number(QStringLiteral("share"));
        if (!price)
            return price.error();
        if (!share)
            return share.error();
        x.targets.push_back(engine::TakeProfit{price.value(), share.value()});
    }
    if (auto e = readStops(root, p, x))
        return *e;
    if (auto e = readRules(root, x))
        return *e;
    if (auto e = engine::validateExitPlan(p, x))
        return *e;
    return x;
}

Result<engine::TradePlan> parseTradePlan(const QByteArray& file, const TierLibrary& tiers, const QString& name)
{
    auto scenario = planScenario(name, file, tiers);
    if (!scenario)
        return scenario.error();
    const QByteArray& bytes = scenario.value();
    auto account = parseScenario(bytes, tiers);
    if (!account)
        return account.error();
    if (account->positions.size() != 1)
        return fieldError(QStringLiteral("positions"), QStringLiteral("a plan holds exactly one position (this one has %1)")
                                                          .arg(account->positions.size()));
    engine::TradePlan plan;
    plan.venue = account->venue;
    plan.wallet = account->walletBalance;
    plan.position = account->positions.front();
    // parseScenario has read the same bytes as an object already.
    auto exits = parseExitPlan(parseJsonObject(bytes).value(), plan.position);
    if (!exits)
        return exits.error();
    plan.exits = std::move(exits).value();
    return plan;
}

}  // namespace levlab::model
