#include "core/model/lessons/lesson_driver.h"

#include "core/model/feeds/market_feed.h"
#include "core/model/plan/risk_model.h"
#include "core/model/portfolio/portfolio_model.h"

#include <QJsonArray>

#include <cmath>

namespace levlab::model {

namespace {

constexpr double kDefaultMinutes = 60.0;

Refusal bad(const QString& field, const QString& reason) { return {field, reason}; }

engine::MarginMode modeNamed(const QString& mode)
{
    return mode == QLatin1String("cross")             ? engine::MarginMode::Cross
           : mode == QLatin1String("strict_isolated") ? engine::MarginMode::StrictIsolated
                                                      : engine::MarginMode::Isolated;
}

}  // namespace

Scenario scenarioNamed(const QString& name)
{
    for (const auto& [text, scenario] : kScenarioNames) {
        if (name == QLatin1String(text))
            return scenario;
    }
    return Scenario::Normal;
}

double LessonDriver::startOf(const QJsonObject& withMarket)
{
    return withMarket.value(QStringLiteral("market")).toObject().value(QStringLiteral("start")).toDouble(kDefaultStart);
}

engine::Result<PlanInputs> LessonDriver::planFrom(const QJsonObject& p, double mark)
{
    if (!(mark > 0.0) || !std::isfinite(mark))
        return engine::Error{"market", "no price yet"};
    PlanInputs in;
    const auto venue = engine::venueFromName(p.value(QStringLiteral("venue")).toString(QStringLiteral("textbook")).toStdString());
    if (!venue)
        return engine::Error{"plan.venue", "is not a known venue"};
    in.venue = *venue;
    in.symbol = p.value(QStringLiteral("symbol")).toString(QStringLiteral("BTC"));
    in.side = p.value(QStringLiteral("side")).toString() == QLatin1String("short") ? engine::Side::Short : engine::Side::Long;
    in.entryAtMarket = true;
    in.entryPrice = mark;
    in.leverage = p.value(QStringLiteral("leverage")).toDouble(10.0);
    in.marginMode = modeNamed(p.value(QStringLiteral("mode")).toString(QStringLiteral("isolated")));
    in.wallet = p.value(QStringLiteral("wallet")).toDouble(10000.0);
    const double s = engine::sign(in.side);
    if (p.contains(QStringLiteral("stop_pct")))
        in.stopLoss = mark * (1.0 - s * p.value(QStringLiteral("stop_pct")).toDouble());
    if (p.contains(QStringLiteral("target_pct")))
        in.takeProfit = mark * (1.0 + s * p.value(QStringLiteral("target_pct")).toDouble());
    // A stop or target at or below 0 is no price (on an inverse contract its PnL is infinite).
    if (in.stopLoss && !(std::isfinite(*in.stopLoss) && *in.stopLoss > 0.0))
        return engine::Error{"plan.stop_pct", "puts the stop at or below a price of 0"};
    if (in.takeProfit && !(std::isfinite(*in.takeProfit) && *in.takeProfit > 0.0))
        return engine::Error{"plan.target_pct", "puts the target at or below a price of 0"};
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
    : m_plan(plan), m_portfolio(portfolio), m_feed(feed), m_sandbox(plan, portfolio, feed)
{
    QObject::connect(&m_feed, &MarketFeed::advanced, &m_context, [this] { onAdvanced(); });
}

bool LessonDriver::playing() const { return m_feed.speed() > 0.0; }

void LessonDriver::onAdvanced()
{
    // A scenario plays for its minutes, then waits.
    if (m_playUntil > 0 && m_feed.lastTick().timeMs >= m_playUntil) {
        m_playUntil = 0;
        m_feed.setSpeed(0.0);
    }
}

std::optional<Refusal> LessonDriver::loadMarket(const QJsonObject& market)
{
    m_sandbox.enter();
    m_playUntil = 0;
    m_feed.setSpeed(0.0);
    // A clean slate before the market jumps to the lesson's price: the plan only
    // planned (nothing can trigger), the portfolio empty, no markers left.
    PlanInputs idle = m_plan.inputs();
    idle.entryAtMarket = true;
    idle.stopLoss.reset();
    idle.takeProfit.reset();
    if (idle.sizeMode == SizeMode::RiskPercent) {
        idle.sizeMode = SizeMode::Quantity;
        idle.size = 0.1;
    }
    m_plan.setInputs(idle);
    m_plan.planAgain();
    m_plan.clearEvents();
    PortfolioModel::Memento empty = m_portfolio.save();
    empty.holdings.clear();
    empty.events.clear();
    m_portfolio.restore(empty);

    const double start = market.value(QStringLiteral("start")).toDouble(kDefaultStart);
    if (!(start > 0.0) || !std::isfinite(start))
        return bad(QStringLiteral("market.start"), QStringLiteral("must be a price above 0"));
    m_market = market;
    m_hasPlan = false;
    m_started = false;
    m_feed.restart(static_cast<std::uint64_t>(market.value(QStringLiteral("seed")).toInteger(1)), start, kHistoryMinutes);
    m_feed.setScenario(Scenario::Normal);
    m_sandbox.syncMarket();
    idle.entryPrice = m_plan.snapToTick(m_feed.state(idle.symbol).mark);
    m_plan.setInputs(idle);
    return std::nullopt;
}

std::optional<Refusal> LessonDriver::loadPlan(const QJsonObject& plan)
{
    auto in = planFrom(plan, m_feed.state(plan.value(QStringLiteral("symbol")).toString(QStringLiteral("BTC"))).mark);
    if (!in)
        return bad(QString::fromStdString(in.error().field), QString::fromStdString(in.error().reason));
    RiskModel::Batch batch(m_plan);
    if (auto r = m_plan.setInputs(in.value()))
        return r;
    // Stops and targets on the venue's ticks, as a trader would enter them.
    if (in->stopLoss) {
        if (auto r = m_plan.setStopLoss(m_plan.snapToTick(*in->stopLoss)))
            return r;
    }
    if (in->takeProfit) {
        if (auto r = m_plan.setTakeProfit(m_plan.snapToTick(*in->takeProfit)))
            return r;
    }
    m_plan.clearEvents();
    m_hasPlan = true;
    return std::nullopt;
}

std::optional<Refusal> LessonDriver::tryExample(const LessonExample& example)
{
    if (auto r = loadMarket(example.market))
        return r;
    return loadPlan(example.inputs);
}

std::optional<Refusal> LessonDriver::loadPortfolio(const QJsonObject& scenario)
{
    const QJsonObject p = scenario.value(QStringLiteral("portfolio")).toObject();
    const auto venue = engine::venueFromName(p.value(QStringLiteral("venue")).toString(QStringLiteral("textbook")).toStdString());
    if (!venue)
        return Refusal{QStringLiteral("portfolio.venue"), QStringLiteral("is not a known venue")};
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
        h.mode = modeNamed(o.value(QStringLiteral("mode")).toString());
        if (o.contains(QStringLiteral("mm_rate")))
            h.mmRate = o.value(QStringLiteral("mm_rate")).toDouble();
        if (auto r = m_portfolio.add(h))
            return r;
    }
    if (scenario.contains(QStringLiteral("shock")))
        return m_portfolio.setShock(scenario.value(QStringLiteral("shock")).toDouble());
    return std::nullopt;
}

std::optional<Refusal> LessonDriver::load(const AskedQuestion& asked)
{
    const QJsonObject& s = asked.scenario;
    if (auto r = loadMarket(s.value(QStringLiteral("market")).toObject()))
        return r;
    if (s.contains(QStringLiteral("plan"))) {
        if (auto r = loadPlan(s.value(QStringLiteral("plan")).toObject()))
            return r;
    }
    if (s.contains(QStringLiteral("portfolio"))) {
        if (auto r = loadPortfolio(s))
            return r;
    }
    return std::nullopt;
}

std::optional<Refusal> LessonDriver::play()
{
    if (!inLesson())
        return bad(QStringLiteral("lesson"), QStringLiteral("nothing is loaded to play"));
    if (m_hasPlan && m_plan.tradeState() == TradeState::Planning) {
        if (auto r = m_plan.openAtMarket())
            return r;
    }
    if (!m_started) {
        // The scenario plays once, for its minutes, from where it was loaded; Play after
        // it ended continues the same path for as long as the learner wants.
        m_started = true;
        m_feed.setScenario(scenarioNamed(m_market.value(QStringLiteral("scenario")).toString()));
        const double minutes = m_market.value(QStringLiteral("minutes")).toDouble(kDefaultMinutes);
        m_playUntil = m_feed.lastTick().timeMs + static_cast<qint64>(std::llround(minutes * 60000.0));
    }
    m_feed.setSpeed(kPlaySpeed);
    return std::nullopt;
}

void LessonDriver::pause() { m_feed.setSpeed(0.0); }

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

void LessonDriver::leave()
{
    m_playUntil = 0;
    m_hasPlan = false;
    m_started = false;
    m_market = {};
    m_sandbox.leave();
}

}  // namespace levlab::model
