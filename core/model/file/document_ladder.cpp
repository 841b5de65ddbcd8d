#include "core/model/file/document_ladder.h"

#include "core/model/json/json_reader.h"
#include "core/model/json/json_writer.h"
#include "core/model/plan/risk_model_detail.h"

#include <QRegularExpression>

namespace levlab::model {

namespace {

using engine::Result;

/// Evaluates `expr` (a Result) into `var`, or returns its error.
#define LEVLAB_TRY(var, expr) \
    auto var = (expr);        \
    if (!var)                 \
        return var.error();

constexpr qint64 kMaxCount = 1000000;

void num(JsonText& j, double v)
{
    if (std::isfinite(v))
        j.exact(v);
    else
        j.null();
}

/// Each element of the array `key` of `f` read by `read` into `out`.
template <typename T, typename Read>
std::optional<engine::Error> readRows(const JsonFields& f, const QString& key, QStringList* unknown, std::vector<T>& out, Read read)
{
    auto rows = f.array(key, false);
    if (!rows)
        return rows.error();
    for (qsizetype i = 0; i < rows.value().size(); ++i) {
        auto row = f.element(key, rows.value(), i);
        if (!row)
            return row.error();
        auto value = read(row.value());
        if (!value)
            return value.error();
        if (auto e = row.value().refuseUnknown(unknown))
            return e;
        out.push_back(value.value());
    }
    return std::nullopt;
}

Result<engine::StopMove> readStopMove(const JsonFields& f)
{
    LEVLAB_TRY(after, f.integer(QStringLiteral("after_target"), 1, kMaxCount));
    LEVLAB_TRY(breakEven, f.boolean(QStringLiteral("break_even"), false));
    engine::StopMove m{static_cast<int>(after.value()), breakEven.value(), 0.0};
    if (!m.breakEven) {
        LEVLAB_TRY(price, f.number(QStringLiteral("price")));
        m.price = price.value();
    } else if (f.has(QStringLiteral("price"))) {
        return f.error(QStringLiteral("price"), QStringLiteral("is not used by a move to break-even; give one of \"price\" and \"break_even\""));
    }
    return m;
}

Result<engine::TrailingStop> readTrailing(const JsonFields& f)
{
    const bool fraction = f.has(QStringLiteral("distance"));
    if (fraction == f.has(QStringLiteral("distance_price")))
        return f.errorHere(QStringLiteral("give either distance (a fraction: 0.02 is 2%) or distance_price"));
    LEVLAB_TRY(d, f.number(fraction ? QStringLiteral("distance") : QStringLiteral("distance_price")));
    LEVLAB_TRY(activation, f.optionalNumber(QStringLiteral("activation_price")));
    return engine::TrailingStop{d.value(), !fraction, activation.value()};
}

std::optional<engine::Error> readRules(const JsonFields& f, QStringList* unknown, ExitLadder& l)
{
    if (auto e = readRows(f, QStringLiteral("top_up"), unknown, l.topUps, [](const JsonFields& r) -> Result<engine::TopUpRule> {
            LEVLAB_TRY(ratio, r.number(QStringLiteral("at_margin_ratio")));
            LEVLAB_TRY(add, r.number(QStringLiteral("add")));
            LEVLAB_TRY(times, r.integer(QStringLiteral("max_times"), 1, kMaxCount, 1));
            LEVLAB_TRY(total, r.optionalNumber(QStringLiteral("max_total")));
            return engine::TopUpRule{ratio.value(), add.value(), static_cast<int>(times.value()), total.value()};
        }))
        return e;
    return readRows(f, QStringLiteral("deleverage"), unknown, l.deleverages, [](const JsonFields& r) -> Result<engine::DeleverageRule> {
        LEVLAB_TRY(ratio, r.number(QStringLiteral("at_margin_ratio")));
        LEVLAB_TRY(share, r.number(QStringLiteral("close")));
        LEVLAB_TRY(times, r.integer(QStringLiteral("max_times"), 1, kMaxCount, 1));
        return engine::DeleverageRule{ratio.value(), share.value(), static_cast<int>(times.value())};
    });
}

}  // namespace

Result<ExitLadder> readLadder(const JsonFields& plan, const PlanInputs& in, QStringList* unknown)
{
    ExitLadder l;
    if (!plan.has(QStringLiteral("exit_ladder")))
        return l;
    LEVLAB_TRY(lf, plan.object(QStringLiteral("exit_ladder")));
    const JsonFields& f = lf.value();
    if (auto e = readRows(f, QStringLiteral("targets"), unknown, l.targets, [](const JsonFields& t) -> Result<engine::TakeProfit> {
            LEVLAB_TRY(price, t.number(QStringLiteral("price")));
            LEVLAB_TRY(share, t.number(QStringLiteral("share")));
            return engine::TakeProfit{price.value(), share.value()};
        }))
        return *e;
    if (auto e = readRows(f, QStringLiteral("stop_moves"), unknown, l.stopMoves, readStopMove))
        return *e;
    if (f.has(QStringLiteral("trailing_stop"))) {
        LEVLAB_TRY(tf, f.object(QStringLiteral("trailing_stop")));
        LEVLAB_TRY(trailing, readTrailing(tf.value()));
        if (auto e = tf.value().refuseUnknown(unknown))
            return *e;
        l.trailing = trailing.value();
    }
    if (f.has(QStringLiteral("margin_rules"))) {
        LEVLAB_TRY(rf, f.object(QStringLiteral("margin_rules")));
        if (auto e = readRules(rf.value(), unknown, l))
            return *e;
        if (auto e = rf.value().refuseUnknown(unknown))
            return *e;
    }
    if (auto e = f.refuseUnknown(unknown))
        return *e;
    // The engine's own checks of the exits, against a fixed entry (a plan at market is
    // checked when it meets the market, by RiskModel::checkLoad).
    if (!in.entryAtMarket) {
        PlanInputs withLadder = in;
        withLadder.ladder = l;
        engine::PositionInput p;
        p.side = in.side;
        p.entryPrice = in.entryPrice;
        if (auto e = engine::validateExitPlan(p, detail::exitPlanOf(withLadder))) {
            const Refusal r = detail::fromEngine(*e, "exits");
            const QString member = ladderPath(r.field, l);
            const QString path = member.isEmpty() ? plan.fieldName(QStringLiteral("positions")) + QStringLiteral("[0].") + r.field.section(QLatin1Char('.'), 0, 0)
                                                  : plan.fieldName(member);
            if (!plan.source())
                return engine::Error{"", r.message().toStdString()};
            return engine::Error{"", (plan.source()->where(path) + QStringLiteral(": ") + r.message()).toStdString()};
        }
    }
    return l;
}

QString ladderPath(const QString& field, const ExitLadder& ladder)
{
    if (field.startsWith(QLatin1String("exit_ladder.")))
        return field;
    if (field.startsWith(QLatin1String("trailing_stop")) || field.startsWith(QLatin1String("margin_rules")))
        return QStringLiteral("exit_ladder.") + field;
    if (field.startsWith(QLatin1String("stop_loss.moves")))
        return QStringLiteral("exit_ladder.stop_moves") + field.mid(15);
    if (field.startsWith(QLatin1String("break_even_after"))) {
        // The engine names no index for a move to break-even: the first one.
        for (std::size_t i = 0; i < ladder.stopMoves.size(); ++i) {
            if (ladder.stopMoves[i].breakEven)
                return QStringLiteral("exit_ladder.stop_moves[%1].after_target").arg(i);
        }
        return QStringLiteral("exit_ladder.stop_moves");
    }
    return QString();
}

void writeLadder(JsonText& j, const ExitLadder& l)
{
    if (l.empty())
        return;
    j.item("exit_ladder");
    j.open('{');
    if (!l.topUps.empty() || !l.deleverages.empty()) {
        j.item("margin_rules");
        j.open('{');
        if (!l.deleverages.empty()) {
            j.item("deleverage");
            j.open('[');
            for (const engine::DeleverageRule& r : l.deleverages) {
                j.item();
                j.open('{');
                j.item("at_margin_ratio");
                num(j, r.marginRatio);
                j.item("close");
                num(j, r.share);
                j.item("max_times");
                j.integer(r.maxTimes);
                j.close('}');
            }
            j.close(']');
        }
        if (!l.topUps.empty()) {
            j.item("top_up");
            j.open('[');
            for (const engine::TopUpRule& r : l.topUps) {
                j.item();
                j.open('{');
                j.item("add");
                num(j, r.amount);
                j.item("at_margin_ratio");
                num(j, r.marginRatio);
                j.item("max_times");
                j.integer(r.maxTimes);
                if (r.maxTotal) {
                    j.item("max_total");
                    num(j, *r.maxTotal);
                }
                j.close('}');
            }
            j.close(']');
        }
        j.close('}');
    }
    if (!l.stopMoves.empty()) {
        j.item("stop_moves");
        j.open('[');
        for (const engine::StopMove& m : l.stopMoves) {
            j.item();
            j.open('{');
            j.item("after_target");
            j.integer(m.afterTarget);
            if (m.breakEven) {
                j.item("break_even");
                j.boolean(true);
            } else {
                j.item("price");
                num(j, m.price);
            }
            j.close('}');
        }
        j.close(']');
    }
    if (!l.targets.empty()) {
        j.item("targets");
        j.open('[');
        for (const engine::TakeProfit& t : l.targets) {
            j.item();
            j.open('{');
            j.item("price");
            num(j, t.price);
            j.item("share");
            num(j, t.share);
            j.close('}');
        }
        j.close(']');
    }
    if (l.trailing) {
        const engine::TrailingStop& t = *l.trailing;
        j.item("trailing_stop");
        j.open('{');
        if (t.activationPrice) {
            j.item("activation_price");
            num(j, *t.activationPrice);
        }
        j.item(t.inPrice ? "distance_price" : "distance");
        num(j, t.distance);
        j.close('}');
    }
    j.close('}');
}

#undef LEVLAB_TRY

}  // namespace levlab::model
