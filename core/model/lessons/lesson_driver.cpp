#include "core/model/lessons/lesson_driver.h"

#include "core/model/feeds/market_feed.h"
#include "core/model/plan/risk_model.h"
#include "core/model/portfolio/portfolio_model.h"
#include "core/model/tiers/tier_library.h"

#include <QJsonArray>

#include <cmath>

namespace levlab::model {

namespace {

constexpr double kPlaySpeed = 60.0;
constexpr double kPlaybackStartPrice = 40000.0;
constexpr qint64 kPlaybackStartMs = 1704067200000;  // 2024-01-01T00:00Z

engine::Error bad(const QString& field, const QString& reason) { return {field.toStdString(), reason.toStdString()}; }

}  // namespace

Scenario scenarioNamed(const QString& name)
{
    if (name == QLatin1String("calm"))
        return Scenario::Calm;
    if (name == QLatin1String("trend"))
        return Scenario::Trend;
    if (name == QLatin1String("crash"))
        return Scenario::Crash;
    if (name == QLatin1String("squeeze"))
        return Scenario::Squeeze;
    if (name == QLatin1String("wick_storm"))
        return Scenario::WickStorm;
    return Scenario::Normal;
}

engine::Result<PlanInputs> LessonDriver::planFrom(const QJsonObject& p, double mark)
{
    if (!(mark > 0.0))
        return bad(QStringLiteral("market"), QStringLiteral("no price yet"));
    PlanInputs in;
    const auto venue = engine::venueFromName(p.value(QStringLiteral("venue")).toString(QStringLiteral("textbook")).toStdString());
    if (!venue)
        return bad(QStringLiteral("plan.venue"), QStringLiteral("is not a known venue"));
    in.venue = *venue;
    in.symbol = p.value(QStringLiteral("symbol")).toString(QStringLiteral("BTC"));
    in.side = p.value(QStringLiteral("side")).toString() == QLatin1String("short") ? engine::Side::Short : engine::Side::Long;
    in.entryAtMarket = false;
    in.entryPrice = mark;
    in.leverage = p.value(QStringLiteral("leverage")).toDouble(10.0);
    const QString mode = p.value(QStringLiteral("mode")).toString(QStringLiteral("isolated"));
    in.marginMode = mode == QLatin1String("cross")             ? engine::MarginMode::Cross
                    : mode == QLatin1String("strict_isolated") ? engine::MarginMode::StrictIsolated
                                                               : engine::MarginMode::Isolated;
    in.wallet = p.value(QStringLiteral("wallet")).toDouble(10000.0);
    const double s = engine::sign(in.side);
    if (p.contains(QStringLiteral("stop_pct")))
        in.stopLoss = mark * (1.0 - s * p.value(QStringLiteral("stop_pct")).toDouble());
    if (p.contains(QStringLiteral("target_pct")))
        in.takeProfit = mark * (1.0 + s * p.value(QStringLiteral("target_pct")).toDouble());
    // A stop or target at or below 0 is no price (on an inverse contract its PnL is infinite).
    if (in.stopLoss && !(std::isfinite(*in.stopLoss) && *in.stopLoss > 0.0))
        return bad(QStringLiteral("plan.stop_pct"), QStringLiteral("puts the stop at or below a price of 0"));
    if (in.takeProfit && !(std::isfinite(*in.takeProfit) && *in.takeProfit > 0.0))
        return bad(QStringLiteral("plan.target_pct"), QStringLiteral("puts the target at or below a price of 0"));
    if (p.contains(QStringLiteral("risk"))) {
        in.sizeMode = SizeMode::RiskPercent;
        in.size = p.value(QStringLiteral("risk")).toDouble();
    } else if (p.contains(QStringLiteral("notional"))) {
        in.sizeMode = SizeMode::Notional;
        in.size = p.value(QStringLiteral("notional")).toDouble();
    } else {
        in.sizeMode = SizeMode::Quantity;
        in.size = p.value(QStringLiteral("size")).toDouble(1.0);
    }
    in.horizonHours = p.value(QStringLiteral("horizon_hours")).toDouble(24.0);
    if (p.contains(QStringLiteral("mm_rate")))
        in.mmRate = p.value(QStringLiteral("mm_rate")).toDouble();
    return in;
}

LessonDriver::LessonDriver(RiskModel& plan, PortfolioModel& portfolio, MarketFeed& feed)
    : m_plan(plan), m_portfolio(portfolio), m_feed(feed)
{
}

std::optional<Refusal> LessonDriver::tryExample(const QJsonObject& inputs)
{
    auto in = planFrom(inputs, m_feed.state().mark);
    if (!in)
        return Refusal{QString::fromStdString(in.error().field), QString::fromStdString(in.error().reason)};
    RiskModel::Batch batch(m_plan);
    return m_plan.setInputs(in.value());
}

std::optional<Refusal> LessonDriver::loadPortfolio(const QJsonObject& scenario)
{
    const QJsonObject p = scenario.value(QStringLiteral("portfolio")).toObject();
    const auto venue = engine::venueFromName(p.value(QStringLiteral("venue")).toString(QStringLiteral("textbook")).toStdString());
    if (!venue)
        return Refusal{QStringLiteral("portfolio.venue"), QStringLiteral("is not a known venue")};
    while (!m_portfolio.holdings().empty())
        m_portfolio.remove(0);
    if (auto r = m_portfolio.setVenue(*venue))
        return r;
    if (auto r = m_portfolio.setWallet(p.value(QStringLiteral("wallet")).toDouble(10000.0)))
        return r;
    for (const QJsonValue v : p.value(QStringLiteral("positions")).toArray()) {
        const QJsonObject o = v.toObject();
        Holding h;
        h.id = o.value(QStringLiteral("id")).toString();
        h.symbol = o.value(QStringLiteral("symbol")).toString(QStringLiteral("BTC"));
        h.side = o.value(QStringLiteral("side")).toString() == QLatin1String("short") ? engine::Side::Short : engine::Side::Long;
        h.entry = m_portfolio.markOf(h.symbol);
        if (!(h.entry > 0.0))
            return Refusal{QStringLiteral("portfolio"), QStringLiteral("no price for %1").arg(h.symbol)};
        h.quantity = o.value(QStringLiteral("notional")).toDouble(1000.0) / h.entry;
        h.leverage = o.value(QStringLiteral("leverage")).toDouble(10.0);
        h.mode = o.value(QStringLiteral("mode")).toString() == QLatin1String("cross") ? engine::MarginMode::Cross : engine::MarginMode::Isolated;
        if (o.contains(QStringLiteral("mm_rate")))
            h.mmRate = o.value(QStringLiteral("mm_rate")).toDouble();
        if (auto r = m_portfolio.add(h))
            return r;
    }
    if (scenario.contains(QStringLiteral("shock")))
        return m_portfolio.setShock(scenario.value(QStringLiteral("shock")).toDouble());
    return std::nullopt;
}

std::optional<Refusal> LessonDriver::play(const AskedQuestion& asked)
{
    const QJsonObject& s = asked.scenario;
    if (s.contains(QStringLiteral("plan"))) {
        if (auto r = tryExample(s.value(QStringLiteral("plan")).toObject()))
            return r;
    }
    if (s.contains(QStringLiteral("portfolio"))) {
        if (auto r = loadPortfolio(s))
            return r;
    }
    // Action questions are answered on the chart first: their market waits.
    if (asked.kind != Question::Kind::Action) {
        const QJsonObject market = s.value(QStringLiteral("market")).toObject();
        m_feed.reseed(static_cast<std::uint64_t>(market.value(QStringLiteral("seed")).toInteger(1)));
        m_feed.setScenario(scenarioNamed(market.value(QStringLiteral("scenario")).toString()));
        m_feed.setSpeed(kPlaySpeed);
    }
    return std::nullopt;
}

bool LessonDriver::check(const AskedQuestion& asked) const
{
    const RiskSnapshot& s = m_plan.snapshot();
    if (!s.valid)
        return false;
    const QString type = asked.action.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("stop_before_liquidation"))
        return m_plan.inputs().stopLoss.has_value() && !s.has(Warning::StopBeyondLiquidation);
    if (type == QLatin1String("survive_move")) {
        const double move = asked.action.value(QStringLiteral("move")).toDouble();
        return !s.position.liquidationPrice || *s.position.liquidationDistance > move;
    }
    return false;
}

engine::Result<std::optional<qint64>> liquidationTime(const QJsonObject& scenario, const TierLibrary& tiers)
{
    const QJsonObject market = scenario.value(QStringLiteral("market")).toObject();
    const auto seed = static_cast<std::uint64_t>(market.value(QStringLiteral("seed")).toInteger(1));
    const int minutes = market.value(QStringLiteral("minutes")).toInt(60);
    PriceProcess process(seed, kPlaybackStartPrice, kPlaybackStartMs);
    process.setScenario(scenarioNamed(market.value(QStringLiteral("scenario")).toString()));

    RiskModel model(tiers);
    MarketState m;
    m.timeMs = kPlaybackStartMs;
    m.mark = m.last = m.index = kPlaybackStartPrice;
    model.setMarket(m);
    auto in = LessonDriver::planFrom(scenario.value(QStringLiteral("plan")).toObject(), kPlaybackStartPrice);
    if (!in)
        return in.error();
    if (auto r = model.setInputs(in.value()))
        return engine::Error{r->field.toStdString(), r->reason.toStdString()};
    const int ticks = static_cast<int>(std::lround(minutes * 60.0 / process.tickSeconds()));
    for (int i = 0; i < ticks && model.events().empty(); ++i) {
        const Tick& t = process.step();
        m.timeMs = t.timeMs;
        m.mark = t.mark;
        m.last = t.last;
        m.index = t.index;
        model.setMarket(m);
    }
    for (const PositionEvent& e : model.events()) {
        if (e.kind == PositionEvent::Kind::Liquidated)
            return std::optional<qint64>(e.timeMs - kPlaybackStartMs);
    }
    return std::optional<qint64>{};
}

}  // namespace levlab::model
