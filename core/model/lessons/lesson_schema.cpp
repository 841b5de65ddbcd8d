#include "core/model/lessons/lesson_schema.h"

#include "core/model/feeds/price_process.h"
#include "core/model/json/json_reader.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace levlab::model {

namespace {

using engine::Error;

constexpr std::pair<const char*, int> kSides[]{{"long", 0}, {"short", 1}};
constexpr std::pair<const char*, int> kModes[]{{"isolated", 0}, {"cross", 1}, {"strict_isolated", 2}};
constexpr std::pair<const char*, int> kActions[]{{"stop_before_liquidation", 0}, {"survive_move", 1}};

/// The first error among `checks`, each a Result of any type.
template <typename... R>
std::optional<Error> firstError(const R&... checks)
{
    std::optional<Error> out;
    auto take = [&out](const auto& r) {
        if (!out && !r)
            out = r.error();
    };
    (take(checks), ...);
    return out;
}

/// A numeric question's scenario gives drawn values as placeholders: "{entry}".
bool placeholder(const JsonFields& f, const QString& key)
{
    static const QRegularExpression name(QStringLiteral("^\\{\\w+\\}$"));
    const QJsonValue v = f.value(key);
    return v.isString() && name.match(v.toString()).hasMatch();
}

std::optional<Error> numbers(const JsonFields& f, std::initializer_list<const char*> keys)
{
    for (const char* key : keys) {
        if (placeholder(f, QLatin1String(key)))
            continue;
        if (auto n = f.optionalNumber(QLatin1String(key)); !n)
            return n.error();
    }
    return std::nullopt;
}

/// One of `names`, or a placeholder.
template <typename Names>
engine::Result<int> pick(const JsonFields& f, const QString& key, const Names& names)
{
    if (placeholder(f, key))
        return 0;
    return f.choiceOf<int>(key, names, 0);
}

}  // namespace

std::optional<Error> checkLessonPlan(const JsonFields& f)
{
    if (auto e = firstError(readVenue(f, QStringLiteral("venue"), engine::Venue::Textbook), f.string(QStringLiteral("symbol"), QString()),
                            pick(f, QStringLiteral("side"), kSides), pick(f, QStringLiteral("mode"), kModes)))
        return e;
    if (auto e = numbers(f, {"leverage", "wallet", "stop_pct", "target_pct", "horizon_hours", "mm_rate"}))
        return e;
    int sizes = 0;
    for (const char* key : {"risk", "notional", "size"}) {
        if (f.has(QLatin1String(key)))
            ++sizes;
        if (auto e = numbers(f, {key}))
            return e;
    }
    if (sizes > 1)
        return fieldError(f.path(), QStringLiteral("gives the size more than one way; keep one of risk, notional and size"));
    return f.refuseUnknown();
}

std::optional<Error> checkLessonMarket(const JsonFields& f)
{
    if (auto e = firstError(f.integer(QStringLiteral("seed"), 0, qint64{1} << 53, 1),
                            f.choiceOf<Scenario>(QStringLiteral("scenario"), kScenarioNames, Scenario::Normal)))
        return e;
    if (auto e = numbers(f, {"start", "minutes"}))
        return e;
    return f.refuseUnknown();
}

std::optional<Error> checkLessonScenario(const JsonFields& f)
{
    auto market = f.object(QStringLiteral("market"));
    if (!market)
        return fieldError(f.fieldName(QStringLiteral("market")), QStringLiteral("must give the seeded market to play"));
    if (auto e = checkLessonMarket(market.value()))
        return e;
    if (!f.has(QStringLiteral("plan")) && !f.has(QStringLiteral("portfolio")))
        return fieldError(f.path(), QStringLiteral("needs a plan or a portfolio"));
    if (f.has(QStringLiteral("plan"))) {
        auto plan = f.object(QStringLiteral("plan"));
        if (!plan)
            return plan.error();
        if (auto e = checkLessonPlan(plan.value()))
            return e;
    }
    if (f.has(QStringLiteral("portfolio"))) {
        auto p = f.object(QStringLiteral("portfolio"));
        if (!p)
            return p.error();
        const JsonFields& pf = p.value();
        if (auto e = firstError(readVenue(pf, QStringLiteral("venue"), engine::Venue::Textbook)))
            return e;
        if (auto e = numbers(pf, {"wallet"}))
            return e;
        auto positions = pf.array(QStringLiteral("positions"), false);
        if (!positions)
            return positions.error();
        for (qsizetype i = 0; i < positions.value().size(); ++i) {
            auto h = pf.element(QStringLiteral("positions"), positions.value(), i);
            if (!h)
                return h.error();
            const JsonFields& hf = h.value();
            if (auto e = firstError(hf.string(QStringLiteral("id"), QString()), hf.string(QStringLiteral("symbol"), QString()),
                                    pick(hf, QStringLiteral("side"), kSides), pick(hf, QStringLiteral("mode"), kModes)))
                return e;
            if (auto e = numbers(hf, {"notional", "leverage", "mm_rate"}))
                return e;
            if (auto e = hf.refuseUnknown())
                return e;
        }
        if (auto e = pf.refuseUnknown())
            return e;
    }
    if (auto e = numbers(f, {"shock"}))
        return e;
    return f.refuseUnknown();
}

std::optional<Error> checkLessonGenerator(const JsonFields& f)
{
    if (auto q = f.string(QStringLiteral("quantity")); !q)
        return q.error();
    // The sides to pick from, and [lo, hi] ranges (a single value draws that value).
    if (auto sides = f.array(QStringLiteral("side"), false); !sides) {
        return sides.error();
    } else {
        for (const QJsonValue v : sides.value()) {
            if (v.toString() != QLatin1String("long") && v.toString() != QLatin1String("short"))
                return fieldError(f.fieldName(QStringLiteral("side")), QStringLiteral("must list long, short or both"));
        }
    }
    for (const char* key : {"entry", "size", "leverage", "mm_rate", "funding_rate", "capital", "risk", "stop_pct"}) {
        auto range = f.array(QLatin1String(key), false);
        if (!range)
            return range.error();
        const QJsonArray& r = range.value();
        if (!f.has(QLatin1String(key)))
            continue;
        const bool numeric = !r.isEmpty() && r.size() <= 2 && r.at(0).isDouble() && r.at(r.size() - 1).isDouble();
        if (!numeric || r.at(r.size() - 1).toDouble() < r.at(0).toDouble())
            return fieldError(f.fieldName(QLatin1String(key)), QStringLiteral("must be a range [lowest, highest] of numbers"));
    }
    return f.refuseUnknown();
}

std::optional<Error> checkLessonAction(const JsonFields& f)
{
    auto type = f.choiceOf<int>(QStringLiteral("type"), kActions, std::nullopt);
    if (!type)
        return type.error();
    if (type.value() == 1) {
        if (auto move = f.number(QStringLiteral("move")); !move)
            return move.error();
    }
    return f.refuseUnknown();
}

}  // namespace levlab::model
