#include "core/model/history/odds_model.h"

#include "core/model/history/odds_plan.h"
#include "core/model/market/market.h"
#include "core/model/plan/messages.h"
#include "core/model/plan/risk_model.h"
#include "core/model/replay/replay_source.h"

#include <QDateTime>
#include <QLocale>
#include <QStringList>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace levlab::model {

namespace {

/// A stop that moved by less than this share of the entry (and two ticks) keeps the grid: as
/// the mark moves, the tick's rounding moves an at-market plan's stop by up to a tick.
constexpr double kStopTolerance = 1e-4;
/// Plan edits come in bursts (a batch, a slider drag): one grid for the burst.
constexpr int kDebounceMs = 60;

/// The grid of `plan` over `bars`, with each cell's worst case placed in time.
std::shared_ptr<const OddsTable> compute(std::vector<engine::Bar> bars, qint64 interval, engine::OddsPosition plan,
                                         std::vector<double> leverages)
{
    auto table = std::make_shared<OddsTable>();
    table->leverages = std::move(leverages);
    table->hours = defaultOddsHours();
    table->sides = {engine::Side::Long, engine::Side::Short};
    table->stopDistance = plan.stopDistance;
    table->venue = plan.venue;
    auto grid = engine::liquidationOdds(bars, interval, plan, table->leverages, table->hours, table->sides);
    if (!grid) {
        table->refusal = readableReason(QString::fromStdString(grid.error().message()));
        return table;
    }
    table->cases.reserve(grid->cells.size());
    for (const engine::OddsCell& cell : grid->cells) {
        OddsCase c;
        c.cell = cell;
        if (cell.worstEntry && *cell.worstEntry < bars.size()) {
            const std::size_t i = *cell.worstEntry;
            const bool isLong = cell.side == engine::Side::Long;
            c.worstEntrySeconds = bars[i].time;
            c.worstEntryPrice = bars[i].open;
            // The period: the bars opening before the entry's time + the holding period.
            const auto span = static_cast<qint64>(std::llround(cell.hours * 3600.0));
            const auto end = std::lower_bound(bars.begin() + static_cast<std::ptrdiff_t>(i), bars.end(), bars[i].time + span,
                                              [](const engine::Bar& b, qint64 t) { return b.time < t; });
            const auto last = static_cast<std::size_t>(end - bars.begin()) - 1;
            if (cell.liquidationRatio) {
                if (auto hit = engine::firstPassage(bars, i, last, cell.side, *cell.liquidationRatio * bars[i].open))
                    c.worstLiquidationSeconds = bars[*hit].time + interval;
            }
            if (plan.stopDistance && !cell.stopBeyondLiquidation) {
                const double level = bars[i].open * (isLong ? 1.0 - *plan.stopDistance : 1.0 + *plan.stopDistance);
                if (auto hit = engine::firstPassage(bars, i, last, cell.side, level))
                    c.worstStopSeconds = bars[*hit].time + interval;
            }
        }
        table->cases.push_back(c);
    }
    return table;
}

QString utc(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

QString count(std::size_t n)
{
    return formatNumber(static_cast<double>(n), 0);
}

QString percentOf(std::size_t part, std::size_t whole)
{
    return formatNumber(whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0, 2) + QLatin1Char('%');
}

}  // namespace

QString holdingText(double hours)
{
    if (hours >= 168.0 && std::fmod(hours, 168.0) == 0.0 && hours < 720.0)
        return OddsModel::tr("%1 w").arg(formatNumber(hours / 168.0, 0));
    if (hours >= 24.0 && std::fmod(hours, 24.0) == 0.0)
        return OddsModel::tr("%1 d").arg(formatNumber(hours / 24.0, 0));
    return OddsModel::tr("%1 h").arg(QLocale::c().toString(hours, 'g', 6));
}

QString describeCase(const OddsCase& c, bool withStop)
{
    const engine::OddsCell& cell = c.cell;
    const QString side = cell.side == engine::Side::Long ? OddsModel::tr("Long") : OddsModel::tr("Short");
    QStringList lines;
    lines << OddsModel::tr("%1 %2× held %3").arg(side, formatNumber(cell.leverage, cell.leverage == std::floor(cell.leverage) ? 0 : 2), holdingText(cell.hours));
    if (cell.entries == 0) {
        lines << OddsModel::tr("No entry: the history is shorter than the holding period.");
        return lines.join(QLatin1Char('\n'));
    }
    lines << OddsModel::tr("Entries: %1 (one per bar)").arg(count(cell.entries));
    if (!cell.liquidationRatio)
        lines << OddsModel::tr("Liquidated: none (no price liquidates it)");
    else
        lines << OddsModel::tr("Liquidated: %1 (%2)").arg(count(cell.liquidated), percentOf(cell.liquidated, cell.entries));
    if (withStop) {
        if (cell.stopBeyondLiquidation)
            lines << OddsModel::tr("Stop fired first: never (the stop lies beyond liquidation)");
        else
            lines << OddsModel::tr("Stop fired first: %1 (%2)").arg(count(cell.stoppedFirst), percentOf(cell.stoppedFirst, cell.entries));
    }
    if (cell.worstEntry) {
        lines << OddsModel::tr("Worst case: entered %1 at %2, %3% against it within the period")
                     .arg(utc(c.worstEntrySeconds), formatNumber(c.worstEntryPrice, 2), formatNumber(cell.worstMove * 100.0, 2));
        if (c.worstStopSeconds)
            lines << OddsModel::tr("Its stop fired %1").arg(utc(*c.worstStopSeconds));
        if (c.worstLiquidationSeconds)
            lines << OddsModel::tr("It was liquidated %1").arg(utc(*c.worstLiquidationSeconds));
        else
            lines << OddsModel::tr("It was not liquidated");
    }
    return lines.join(QLatin1Char('\n'));
}

OddsModel::OddsModel(Market& market, RiskModel& plan, QObject* parent)
    : QObject(parent), m_market(market), m_plan(plan), m_table(std::make_shared<OddsTable>())
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &OddsModel::start);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &OddsModel::finished);
    connect(&m_market, &Market::sourceChanged, this, &OddsModel::onSourceChanged);
    connect(&m_plan, &RiskModel::changed, this, &OddsModel::onPlanChanged);
    onSourceChanged();
}

OddsModel::~OddsModel()
{
    waitForIdle();
}

void OddsModel::waitForIdle()
{
    m_watcher.waitForFinished();
}

OddsModel::Status OddsModel::status() const
{
    if (!m_source)
        return Status::NoHistory;
    if (m_watcher.isRunning() || m_debounce.isActive() || m_pending)
        return Status::Computing;
    return m_table->refusal.isEmpty() ? Status::Ready : Status::Refused;
}

const OddsCase* OddsModel::cell(engine::Side side, std::size_t leverage, std::size_t hours) const
{
    const OddsTable& t = *m_table;
    const auto s = std::find(t.sides.begin(), t.sides.end(), side);
    if (s == t.sides.end() || leverage >= t.leverages.size() || hours >= t.hours.size())
        return nullptr;
    const std::size_t i = (static_cast<std::size_t>(s - t.sides.begin()) * t.leverages.size() + leverage) * t.hours.size() + hours;
    return i < t.cases.size() ? &t.cases[i] : nullptr;
}

std::optional<std::size_t> OddsModel::planRow() const
{
    const auto& levs = m_table->leverages;
    const auto it = std::find(levs.begin(), levs.end(), m_plan.inputs().leverage);
    if (it == levs.end())
        return std::nullopt;
    return static_cast<std::size_t>(it - levs.begin());
}

const ReplaySource* OddsModel::history() const
{
    return m_source.data();
}

engine::Side OddsModel::planSide() const
{
    return m_plan.inputs().side;
}

void OddsModel::onSourceChanged()
{
    auto* replay = qobject_cast<ReplaySource*>(&m_market.source());
    if (replay == m_source.data() && replay != nullptr)
        return;
    m_source = replay;
    m_key.reset();
    m_table = std::make_shared<OddsTable>();
    m_bars = 0;
    if (m_source)
        m_debounce.start();
    emit changed();
}

std::optional<OddsModel::Key> OddsModel::currentKey() const
{
    if (!m_source)
        return std::nullopt;
    const PlanInputs& in = m_plan.inputs();
    Key k;
    k.source = m_source.data();
    k.venue = in.venue;
    k.symbol = in.symbol;
    k.sizeMode = in.sizeMode;
    k.size = in.size;
    k.wallet = in.sizeMode == SizeMode::RiskPercent ? in.wallet : 0.0;
    k.feeRate = in.feeRate;
    k.mmRate = in.mmRate;
    const double entry = m_plan.snapshot().entry;
    if (in.stopLoss && entry > 0.0) {
        k.stopDistance = std::abs(entry - *in.stopLoss) / entry;
        k.stopTolerance = kStopTolerance + 2.0 * m_plan.tickSize() / entry;
    }
    k.leverages = {in.leverage};
    return k;
}

bool OddsModel::sameGrid(const Key& a, const Key& b) const
{
    if (a.source != b.source || a.venue != b.venue || a.symbol != b.symbol || a.sizeMode != b.sizeMode || a.size != b.size
        || a.wallet != b.wallet || a.feeRate != b.feeRate || a.mmRate != b.mmRate)
        return false;
    if (a.stopDistance.has_value() != b.stopDistance.has_value()
        || (a.stopDistance && std::abs(*a.stopDistance - *b.stopDistance) >= a.stopTolerance))
        return false;
    // A leverage already on the grid's ladder needs no other grid.
    return std::find(a.leverages.begin(), a.leverages.end(), b.leverages.front()) != a.leverages.end();
}

void OddsModel::onPlanChanged()
{
    // The plan's side and leverage mark the grid (its row, the side shown) without changing it.
    const bool marked = m_plan.inputs().side != m_seenSide || m_plan.inputs().leverage != m_seenLeverage;
    m_seenSide = m_plan.inputs().side;
    m_seenLeverage = m_plan.inputs().leverage;
    const auto key = currentKey();
    if (!key || (m_key && sameGrid(*m_key, *key))) {
        if (marked)
            emit changed();
        return;
    }
    const Status before = status();
    m_debounce.start();
    if (before != Status::Computing || marked)
        emit changed();
}

void OddsModel::start()
{
    if (m_watcher.isRunning()) {
        m_pending = true;  // finished() starts the next
        return;
    }
    auto key = currentKey();
    if (!key)
        return;
    m_pending = false;
    auto tradePlan = m_plan.currentTradePlan();
    if (!tradePlan) {
        auto table = std::make_shared<OddsTable>();
        table->refusal = readableReason(QString::fromStdString(tradePlan.error().message()));
        m_table = table;
        m_key = key;
        emit changed();
        return;
    }
    engine::OddsPosition plan;
    plan.venue = tradePlan->venue;
    plan.position = tradePlan->position;
    plan.position.fundingRate = 0.0;
    plan.stopDistance = key->stopDistance;
    if (plan.stopDistance && !(*plan.stopDistance > 0.0 && *plan.stopDistance < 1.0))
        plan.stopDistance.reset();
    std::vector<double> levs = defaultOddsLeverages(plan);
    const double own = m_plan.inputs().leverage;
    if (std::find(levs.begin(), levs.end(), own) == levs.end() && own >= 1.0 && own <= levs.back()) {
        levs.push_back(own);
        std::sort(levs.begin(), levs.end());
    }
    // The plan's own leverage counts as seen even off the ladder: no grid again for it.
    key->leverages = levs;
    key->leverages.push_back(own);
    m_key = key;
    m_bars = m_source->bars().size();
    m_watcher.setFuture(QtConcurrent::run(compute, m_source->bars(), m_source->intervalSeconds(), plan, levs));
    emit changed();
}

void OddsModel::finished()
{
    auto table = m_watcher.result();
    // A grid of a history left meanwhile is no grid of this one.
    if (m_key && m_key->source == m_source.data() && m_source)
        m_table = table;
    if (m_pending) {
        start();
        return;
    }
    emit changed();
}

std::optional<Refusal> OddsModel::replayWorstCase(engine::Side side, std::size_t leverage, std::size_t hours)
{
    if (!m_source || &m_market.source() != m_source.data())
        return Refusal{QStringLiteral("odds"), tr("no history is being replayed")};
    const OddsCase* c = cell(side, leverage, hours);
    if (c == nullptr || !c->cell.worstEntry)
        return Refusal{QStringLiteral("odds"), tr("this holding period has no entry inside the history")};
    const double lev = m_table->leverages[leverage];
    if (auto r = RiskModel::checkLeverage(lev))
        return r;
    if (m_plan.tradeState() != TradeState::Planning)
        m_plan.planAgain();
    m_source->start(c->worstEntrySeconds);
    {
        RiskModel::Batch batch(m_plan);
        if (auto r = m_plan.setSide(side))
            return r;
        if (auto r = m_plan.setLeverage(lev))
            return r;
    }
    return m_plan.openAtMarket();
}

}  // namespace levlab::model
