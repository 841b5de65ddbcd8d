#include "core/model/file/document.h"

#include "core/model/file/document_ladder.h"
#include "core/model/file/document_names.h"
#include "core/model/json/json_reader.h"
#include "core/model/plan/risk_model.h"

#include <QObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace levlab::model {

namespace {

using engine::Error;
using engine::Result;
using namespace document_names;

constexpr double kSpeeds[]{0.0, 1.0, 10.0, 60.0, 600.0};
constexpr qint64 kMaxMs = 253402300799999;  // 9999-12-31T23:59:59.999Z

/// A refusal of the models' own rules, placed at the field's value in the text.
Error placed(const JsonFields& f, const QString& key, const Refusal& r)
{
    if (!f.source())
        return Error{"", r.message().toStdString()};
    const QString path = key.isEmpty() ? f.path() : f.fieldName(key);
    return Error{"", (f.source()->where(path) + QStringLiteral(": ") + r.message()).toStdString()};
}

/// Evaluates `expr` (a Result) into `var`, or returns its error.
#define LEVLAB_TRY(var, expr) \
    auto var = (expr);        \
    if (!var)                 \
        return var.error();

/// Every key of `f` not asked for is refused, or (a newer minor version) noted.
std::optional<Error> finish(const JsonFields& f, QStringList* unknown)
{
    return f.refuseUnknown(unknown);
}

Result<engine::Venue> venueOf(const JsonFields& f)
{
    return readVenue(f, QStringLiteral("venue"), engine::Venue::Textbook);
}

/// A plan without its trade: the venue, the wallet and its one position.
Result<PlanInputs> readInputs(const JsonFields& f, QStringList* unknown)
{
    PlanInputs in;
    LEVLAB_TRY(venue, venueOf(f));
    LEVLAB_TRY(wallet, f.number(QStringLiteral("wallet_balance")));
    LEVLAB_TRY(positions, f.array(QStringLiteral("positions"), true));
    if (positions.value().size() != 1)
        return f.error(QStringLiteral("positions"), QStringLiteral("must hold exactly one position, the one planned"));
    LEVLAB_TRY(p, f.element(QStringLiteral("positions"), positions.value(), 0));
    in.venue = venue.value();
    in.wallet = wallet.value();
    const JsonFields& pf = p.value();
    LEVLAB_TRY(symbol, pf.string(QStringLiteral("symbol")));
    LEVLAB_TRY(side, pf.choiceOf<engine::Side>(QStringLiteral("side"), kSides, std::nullopt));
    LEVLAB_TRY(mode, pf.choiceOf<engine::MarginMode>(QStringLiteral("mode"), kModes, engine::MarginMode::Isolated));
    LEVLAB_TRY(leverage, pf.number(QStringLiteral("leverage")));
    LEVLAB_TRY(entry, pf.optionalNumber(QStringLiteral("entry_price")));
    LEVLAB_TRY(extra, pf.number(QStringLiteral("extra_margin"), 0.0));
    LEVLAB_TRY(stop, pf.optionalNumber(QStringLiteral("stop_loss")));
    LEVLAB_TRY(target, pf.optionalNumber(QStringLiteral("take_profit")));
    LEVLAB_TRY(trigger, pf.choiceOf<TriggerPrice>(QStringLiteral("exit_trigger"), kTriggers, TriggerPrice::Mark));
    LEVLAB_TRY(hours, pf.number(QStringLiteral("holding_hours"), 24.0));
    LEVLAB_TRY(fee, pf.number(QStringLiteral("fee_rate"), 0.0));
    LEVLAB_TRY(mmRate, pf.optionalNumber(QStringLiteral("mm_rate")));
    in.symbol = symbol.value();
    in.side = side.value();
    in.marginMode = mode.value();
    in.leverage = leverage.value();
    in.entryAtMarket = !entry.value().has_value();
    in.entryPrice = entry.value().value_or(0.0);
    in.extraMargin = extra.value();
    in.stopLoss = stop.value();
    in.takeProfit = target.value();
    in.exitTrigger = trigger.value();
    in.horizonHours = hours.value();
    in.feeRate = fee.value();
    in.mmRate = mmRate.value();

    // The size is given one way: in contracts, as a notional, or as a share of the wallet at risk.
    const std::pair<const char*, SizeMode> sizes[]{
        {"quantity", SizeMode::Quantity}, {"notional", SizeMode::Notional}, {"risk_share", SizeMode::RiskPercent}};
    QString given;
    for (const auto& [key, sizeMode] : sizes) {
        if (!pf.has(QLatin1String(key)))
            continue;
        if (!given.isEmpty())
            return pf.error(QLatin1String(key), QStringLiteral("gives the size again; keep one of \"%1\" and \"%2\"").arg(given, QLatin1String(key)));
        given = QLatin1String(key);
        LEVLAB_TRY(size, pf.number(given));
        in.sizeMode = sizeMode;
        in.size = size.value();
    }
    if (given.isEmpty())
        return pf.errorHere(QStringLiteral("the position needs its size: \"quantity\", \"notional\" or \"risk_share\""));

    const QString sizeKey = given;
    auto keyOf = [&sizeKey](const QString& field) -> QString {
        if (field == QLatin1String("wallet"))
            return QString();
        if (field == QLatin1String("size"))
            return sizeKey;
        if (field == QLatin1String("horizon"))
            return QStringLiteral("holding_hours");
        if (field == QLatin1String("entry"))
            return QStringLiteral("entry_price");
        if (field == QLatin1String("margin_mode"))
            return QStringLiteral("mode");
        return field;
    };
    std::optional<Refusal> r = RiskModel::checkWhole(in);
    if (!r && !in.entryAtMarket)
        r = RiskModel::checkPrice("entry", in.entryPrice);
    if (r) {
        const QString key = keyOf(r->field);
        return key.isEmpty() ? placed(f, QStringLiteral("wallet_balance"), *r) : placed(pf, key, *r);
    }
    if (auto e = finish(pf, unknown))
        return *e;
    LEVLAB_TRY(ladder, readLadder(f, in, unknown));
    in.ladder = ladder.value();
    return in;
}

Result<PositionEvent> readExit(const JsonFields& f)
{
    PositionEvent e;
    LEVLAB_TRY(kind, f.choiceOf<PositionEvent::Kind>(QStringLiteral("kind"), kExits, std::nullopt));
    LEVLAB_TRY(time, f.integer(QStringLiteral("time_ms"), 0, kMaxMs));
    LEVLAB_TRY(price, f.number(QStringLiteral("price")));
    LEVLAB_TRY(result, f.number(QStringLiteral("result")));
    LEVLAB_TRY(fees, f.number(QStringLiteral("fees"), 0.0));
    e.kind = kind.value();
    e.timeMs = time.value();
    e.price = price.value();
    e.result = result.value();
    e.loss = -e.result;
    e.fees = fees.value();
    return e;
}

Result<PlanPart> readPlan(const JsonFields& f, QStringList* unknown)
{
    PlanPart plan;
    LEVLAB_TRY(inputs, readInputs(f, unknown));
    plan.inputs = inputs.value();
    plan.life.planned = plan.inputs;
    if (f.has(QStringLiteral("trade"))) {
        LEVLAB_TRY(tf, f.object(QStringLiteral("trade")));
        const JsonFields& t = tf.value();
        LEVLAB_TRY(state, t.choiceOf<TradeState>(QStringLiteral("state"), kStates, TradeState::Planning));
        plan.life.state = state.value();
        LEVLAB_TRY(armed, t.boolean(QStringLiteral("entry_armed"), true));
        plan.life.entryArmed = armed.value();
        if (plan.life.state != TradeState::Planning) {
            LEVLAB_TRY(opened, t.integer(QStringLiteral("opened_ms"), 0, kMaxMs));
            LEVLAB_TRY(pf, t.object(QStringLiteral("planned")));
            LEVLAB_TRY(planned, readInputs(pf.value(), unknown));
            if (auto e = finish(pf.value(), unknown))
                return *e;
            plan.life.openedMs = opened.value();
            plan.life.planned = planned.value();
            if (plan.inputs.entryAtMarket)
                return t.error(QStringLiteral("state"), QStringLiteral("is %1, so the position needs the \"entry_price\" it opened at")
                                                            .arg(state.value() == TradeState::Open ? QStringLiteral("open") : QStringLiteral("closed")));
        }
        if (plan.life.state == TradeState::Closed && t.has(QStringLiteral("exit"))) {
            LEVLAB_TRY(ef, t.object(QStringLiteral("exit")));
            LEVLAB_TRY(exit, readExit(ef.value()));
            if (auto e = finish(ef.value(), unknown))
                return *e;
            plan.life.exit = exit.value();
        }
        if (auto e = finish(t, unknown))
            return *e;
    }
    if (auto e = finish(f, unknown))
        return *e;
    return plan;
}

Result<PortfolioPart> readPortfolio(const JsonFields& f, QStringList* unknown)
{
    PortfolioPart p;
    LEVLAB_TRY(venue, venueOf(f));
    LEVLAB_TRY(wallet, f.number(QStringLiteral("wallet_balance")));
    LEVLAB_TRY(shock, f.number(QStringLiteral("shock"), -0.12));
    LEVLAB_TRY(hours, f.number(QStringLiteral("holding_hours"), 72.0));
    LEVLAB_TRY(positions, f.array(QStringLiteral("positions"), true));
    p.venue = venue.value();
    p.wallet = wallet.value();
    p.shock = shock.value();
    p.horizonHours = hours.value();
    if (auto r = PortfolioModel::checkWallet(p.wallet))
        return placed(f, QStringLiteral("wallet_balance"), *r);
    if (auto r = PortfolioModel::checkShock(p.shock))
        return placed(f, QStringLiteral("shock"), *r);
    if (auto r = PortfolioModel::checkHorizon(p.horizonHours))
        return placed(f, QStringLiteral("holding_hours"), *r);
    p.holdings.reserve(static_cast<std::size_t>(positions.value().size()));
    for (qsizetype i = 0; i < positions.value().size(); ++i) {
        LEVLAB_TRY(hf, f.element(QStringLiteral("positions"), positions.value(), i));
        const JsonFields& h = hf.value();
        Holding out;
        LEVLAB_TRY(id, h.string(QStringLiteral("id"), QStringLiteral("p%1").arg(i)));
        LEVLAB_TRY(symbol, h.string(QStringLiteral("symbol")));
        LEVLAB_TRY(side, h.choiceOf<engine::Side>(QStringLiteral("side"), kSides, std::nullopt));
        LEVLAB_TRY(quantity, h.number(QStringLiteral("quantity")));
        LEVLAB_TRY(entry, h.number(QStringLiteral("entry_price")));
        LEVLAB_TRY(leverage, h.number(QStringLiteral("leverage")));
        LEVLAB_TRY(mode, h.choiceOf<engine::MarginMode>(QStringLiteral("mode"), kModes, engine::MarginMode::Isolated));
        LEVLAB_TRY(margin, h.optionalNumber(QStringLiteral("isolated_margin")));
        LEVLAB_TRY(mmRate, h.optionalNumber(QStringLiteral("mm_rate")));
        if (auto e = finish(h, unknown))
            return *e;
        out.id = id.value();
        out.symbol = symbol.value();
        out.side = side.value();
        out.quantity = quantity.value();
        out.entry = entry.value();
        out.leverage = leverage.value();
        out.mode = mode.value();
        out.isolatedMargin = margin.value();
        out.mmRate = mmRate.value();
        p.holdings.push_back(std::move(out));
    }
    if (auto e = finish(f, unknown))
        return *e;
    return p;
}

Result<MarketPoint> readMarket(const JsonFields& f, QStringList* unknown)
{
    MarketPoint m;
    // A seed up to 2^53 is a number; a larger one is written as a string of digits.
    if (f.has(QStringLiteral("seed")) && f.object().value(QStringLiteral("seed")).isString()) {
        bool ok = false;
        const QString digits = f.object().value(QStringLiteral("seed")).toString();
        m.seed = digits.toULongLong(&ok);
        static const QRegularExpression allDigits(QStringLiteral("^\\d+$"));
        if (!ok || !allDigits.match(digits).hasMatch())
            return f.error(QStringLiteral("seed"), QStringLiteral("must be a whole number from 0 to 18446744073709551615"));
    } else {
        LEVLAB_TRY(seed, f.integer(QStringLiteral("seed"), 0, qint64{1} << 53));
        m.seed = static_cast<std::uint64_t>(seed.value());
    }
    LEVLAB_TRY(time, f.integer(QStringLiteral("time_ms"), 0, kMaxMs));
    LEVLAB_TRY(history, f.integer(QStringLiteral("history_minutes"), 0, static_cast<qint64>(MarketFeed::kPointHistoryMinutes), 0));
    LEVLAB_TRY(funding, f.number(QStringLiteral("funding_rate"), 0.0));
    LEVLAB_TRY(scenario, f.choiceOf<Scenario>(QStringLiteral("scenario"), kScenarioNames, Scenario::Normal));
    LEVLAB_TRY(speed, f.number(QStringLiteral("speed"), 1.0));
    LEVLAB_TRY(marks, f.object(QStringLiteral("marks")));
    m.timeMs = time.value();
    m.historyMinutes = static_cast<std::size_t>(history.value());
    m.fundingRate = funding.value();
    m.scenario = scenario.value();
    m.speed = speed.value();
    if (!(std::abs(m.fundingRate) <= 0.0075))
        return f.error(QStringLiteral("funding_rate"), QStringLiteral("must lie between -0.75% and 0.75% (a fraction: 0.0001 is 0.01%)"));
    if (std::find(std::begin(kSpeeds), std::end(kSpeeds), m.speed) == std::end(kSpeeds))
        return f.error(QStringLiteral("speed"), QStringLiteral("must be one of 0, 1, 10, 60, 600"));
    // The leader first, then the assets that follow it, in the market's own order.
    const QStringList assets{QStringLiteral("BTC"), QStringLiteral("ETH"), QStringLiteral("SOL")};
    for (const QString& asset : assets) {
        LEVLAB_TRY(mark, marks.value().number(asset));
        if (!(std::isfinite(mark.value()) && mark.value() >= 1e-9 && mark.value() <= 1e12))
            return marks.value().error(asset, QStringLiteral("must be a price from 0.000000001 to 1,000,000,000,000"));
        m.marks.emplace_back(asset, mark.value());
    }
    if (auto e = finish(marks.value(), unknown))
        return *e;
    if (auto e = finish(f, unknown))
        return *e;
    return m;
}

Result<ViewState> readView(const JsonFields& f, QStringList* unknown)
{
    ViewState v;
    LEVLAB_TRY(span, f.integer(QStringLiteral("span_ms"), 60000, kMaxMs, v.spanMs));
    LEVLAB_TRY(follow, f.boolean(QStringLiteral("follow_latest"), true));
    LEVLAB_TRY(end, f.integer(QStringLiteral("end_ms"), 0, kMaxMs, 0));
    v.spanMs = span.value();
    v.followLatest = follow.value();
    v.endMs = follow.value() ? 0 : end.value();
    if (auto e = finish(f, unknown))
        return *e;
    return v;
}

}  // namespace

Result<Document> readDocument(const QByteArray& bytes)
{
    LEVLAB_TRY(parsed, parseJsonWithSource(bytes));
    const JsonFields root(parsed.value().root, QString(), parsed.value().source);
    Document doc;
    doc.source = parsed.value().source;

    LEVLAB_TRY(format, root.string(QStringLiteral("format")));
    static const QRegularExpression version(QStringLiteral("^levlab/(\\d+)(?:\\.(\\d+))?$"));
    const auto m = version.match(format.value());
    if (!m.hasMatch())
        return root.error(QStringLiteral("format"), QStringLiteral("must be \"%1\", not \"%2\"").arg(QLatin1String(kDocumentFormat), format.value()));
    if (m.captured(1).toInt() != kDocumentMajor)
        return root.error(QStringLiteral("format"), QStringLiteral("is %1, a version this Leverage Lab cannot read (it reads %2)")
                                                         .arg(format.value(), QLatin1String(kDocumentFormat)));
    // A newer minor version may add fields: they are listed, not refused.
    const bool newer = m.captured(2).toInt() > 0;
    QStringList unknownList;
    QStringList* unknown = newer ? &unknownList : nullptr;

    if (root.has(QStringLiteral("plan"))) {
        LEVLAB_TRY(f, root.object(QStringLiteral("plan")));
        LEVLAB_TRY(plan, readPlan(f.value(), unknown));
        doc.plan = plan.value();
    }
    if (root.has(QStringLiteral("portfolio"))) {
        LEVLAB_TRY(f, root.object(QStringLiteral("portfolio")));
        LEVLAB_TRY(portfolio, readPortfolio(f.value(), unknown));
        doc.portfolio = portfolio.value();
    }
    LEVLAB_TRY(mf, root.object(QStringLiteral("market")));
    LEVLAB_TRY(market, readMarket(mf.value(), unknown));
    doc.market = market.value();
    if (root.has(QStringLiteral("view"))) {
        LEVLAB_TRY(f, root.object(QStringLiteral("view")));
        LEVLAB_TRY(view, readView(f.value(), unknown));
        doc.view = view.value();
    }
    if (auto e = finish(root, unknown))
        return *e;
    if (!unknownList.isEmpty()) {
        const QString count = unknownList.size() == 1 ? QObject::tr("1 unknown field")
                                                      : QObject::tr("%1 unknown fields").arg(unknownList.size());
        doc.notices << QObject::tr("Written by a newer version (%1): %2 ignored: %3.")
                           .arg(format.value(), count, unknownList.join(QStringLiteral(", ")));
    }
    return doc;
}

#undef LEVLAB_TRY

}  // namespace levlab::model
