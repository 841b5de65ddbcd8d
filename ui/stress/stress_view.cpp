#include "ui/stress/stress_view.h"

#include "core/model/plan/messages.h"
#include "core/model/plan/risk_model.h"
#include "core/model/replay/replay_source.h"
#include "core/model/replay/stress_replay.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace levlab::ui {

namespace {

QString money(double v) { return (v >= 0.0 ? QStringLiteral("+") : QString()) + model::formatNumber(v, 2); }

QString outcomeLabel(engine::TradeOutcome o)
{
    switch (o) {
    case engine::TradeOutcome::Targets: return StressView::tr("Target ladder complete");
    case engine::TradeOutcome::Stop: return StressView::tr("Stop");
    case engine::TradeOutcome::BreakEven: return StressView::tr("Break-even stop");
    case engine::TradeOutcome::Trailing: return StressView::tr("Trailing stop");
    case engine::TradeOutcome::Liquidation: return StressView::tr("Liquidation");
    case engine::TradeOutcome::Deleverage: return StressView::tr("Deleveraged out");
    case engine::TradeOutcome::OpenAtEnd: return StressView::tr("Still open at the end");
    }
    return {};
}

}  // namespace

StressView::StressView(model::RiskModel& model, QWidget* parent) : QDialog(parent), m_model(model)
{
    setWindowTitle(tr("Stress-test the plan"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_source = new QComboBox(this);
    m_source->setAccessibleName(tr("Run over"));
    m_source->addItem(tr("Seeded simulated paths"));
    form->addRow(tr("R&un over"), m_source);
    m_paths = new QSpinBox(this);
    m_paths->setRange(10, 100000);
    m_paths->setValue(2000);
    m_paths->setSingleStep(1000);
    m_paths->setAccessibleName(tr("Paths"));
    form->addRow(tr("&Paths (one day each, 1-minute steps)"), m_paths);
    m_seed = new QSpinBox(this);
    m_seed->setRange(1, 1'000'000'000);
    m_seed->setValue(1);
    m_seed->setAccessibleName(tr("Seed"));
    form->addRow(tr("&Seed"), m_seed);
    m_regime = new QComboBox(this);
    m_regime->addItem(tr("Calm"), static_cast<int>(engine::market::Regime::Calm));
    m_regime->addItem(tr("Trending"), static_cast<int>(engine::market::Regime::Trend));
    m_regime->addItem(tr("Crash-prone"), static_cast<int>(engine::market::Regime::CrashProne));
    m_regime->setAccessibleName(tr("Market regime"));
    form->addRow(tr("&Market"), m_regime);
    layout->addLayout(form);
    auto* runRow = new QHBoxLayout;
    m_run = new QPushButton(tr("&Run"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    runRow->addWidget(m_run);
    runRow->addWidget(m_progress, 1);
    layout->addLayout(runRow);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_table = new QTableWidget(0, 2, this);
    m_table->setAccessibleName(tr("Stress results"));
    m_table->setHorizontalHeaderLabels({tr("With ladder and rules"), tr("Plain plan")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    layout->addWidget(m_table, 1);
    m_steps = new QTableWidget(0, 5, this);
    m_steps->setAccessibleName(tr("Worst path's steps"));
    m_steps->setHorizontalHeaderLabels({tr("Minute"), tr("Step"), tr("Price"), tr("Size"), tr("Result")});
    m_steps->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_steps->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    layout->addWidget(m_steps, 1);
    connect(m_run, &QPushButton::clicked, this, &StressView::run);
    connect(m_source, &QComboBox::currentIndexChanged, this, [this](int index) {
        for (QWidget* w : std::initializer_list<QWidget*>{m_paths, m_seed, m_regime})
            w->setEnabled(index == 0);
    });
    connect(m_table, &QTableWidget::cellClicked, this, [this](int row, int column) {
        if (m_table->item(row, 0) && m_table->verticalHeaderItem(row)->data(Qt::UserRole).toBool())
            showWorst(column == 0);
    });
    resize(620, 640);
}

StressView::~StressView()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void StressView::setHistory(HistoryOf history)
{
    m_history = std::move(history);
    refreshSources();
}

void StressView::showEvent(QShowEvent* event)
{
    refreshSources();
    QDialog::showEvent(event);
}

void StressView::refreshSources()
{
    const model::ReplaySource* h = m_history ? m_history() : nullptr;
    const QString label = h ? tr("Every entry of %1").arg(h->name()) : QString();
    if (!h && m_source->count() > 1) {
        m_source->removeItem(1);
    } else if (h && m_source->count() == 1) {
        m_source->addItem(label);
    } else if (h) {
        m_source->setItemText(1, label);
    }
}

void StressView::run()
{
    if (m_thread)
        return;
    refreshSources();
    auto plan = m_model.currentTradePlan();
    if (!plan) {
        m_status->setText(model::Refusal{QString::fromStdString(plan.error().field), QString::fromStdString(plan.error().reason)}.message());
        return;
    }
    m_plan = plan.value();
    m_inputs = m_model.inputs();
    m_overHistory = m_source->currentIndex() == 1;
    const model::ReplaySource* history = m_overHistory && m_history ? m_history() : nullptr;
    if (m_overHistory && !history) {
        m_status->setText(tr("Load a price history in the Replay dock first."));
        return;
    }
    m_options = engine::StressRunOptions{};
    m_options.paths = static_cast<std::size_t>(m_paths->value());
    m_options.seed = static_cast<std::uint64_t>(m_seed->value());
    m_options.regime = static_cast<engine::market::Regime>(m_regime->currentData().toInt());
    if (history) {
        m_bars = std::make_shared<const std::vector<engine::Bar>>(history->bars());
        m_historyOptions = engine::HistoryRunOptions{};
        m_historyOptions.hours = m_inputs.horizonHours;
        m_historyOptions.intervalSeconds = history->intervalSeconds();
    }
    auto result = std::make_shared<std::optional<Outcome>>();
    m_result = result;
    m_run->setEnabled(false);
    m_progress->setRange(0, 0);  // busy: the engine's threads share the paths out
    m_status->setText(history ? tr("Running every entry of %1 on every core…").arg(history->name())
                              : tr("Running %1 paths on every core…").arg(m_options.paths));
    m_thread = QThread::create([result, plan = m_plan, options = m_options, bars = history ? m_bars : nullptr, h = m_historyOptions] {
        Outcome out;
        if (bars) {
            auto r = engine::stressPlanOverHistory(plan, *bars, h);
            if (r)
                out.result = std::move(r).value();
            else
                out.error = r.error();
        } else {
            auto r = engine::stressPlan(plan, options);
            if (r)
                out.result.run = std::move(r).value();
            else
                out.error = r.error();
        }
        *result = std::move(out);
    });
    connect(m_thread, &QThread::finished, this, [this] {
        m_thread->deleteLater();
        m_thread = nullptr;
        m_progress->setRange(0, 1);
        m_progress->setValue(1);
        m_run->setEnabled(true);
        if (m_result && *m_result && !(*m_result)->error) {
            const Outcome& o = **m_result;
            showResult(o.result.run, m_overHistory ? o.result.entries : m_options.paths);
        } else if (m_result && *m_result) {
            m_status->setText(model::Refusal{QString::fromStdString((*m_result)->error->field),
                                             QString::fromStdString((*m_result)->error->reason)}
                                  .message());
        }
        emit finished();
    });
    m_thread->start();
}

void StressView::showResult(const engine::PlanStressResult& r, std::size_t paths)
{
    const auto when = [this](std::size_t entry) {
        return QDateTime::fromSecsSinceEpoch((*m_bars)[entry].time, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    };
    if (m_overHistory) {
        m_status->setText(tr("%1 entries, one at each bar's open, each held %2 h (the plan's holding period), the plan's levels "
                             "moved with the price. Click a worst path to play it on the chart.")
                              .arg(paths)
                              .arg(m_historyOptions.hours));
    } else {
        m_status->setText(tr("%1 paths, seed %2: the same seed gives the same figures. Click a worst path to play it on the chart.")
                              .arg(paths)
                              .arg(m_options.seed));
    }
    QStringList names;
    QStringList with;
    QStringList plain;
    const double n = static_cast<double>(paths);
    for (std::size_t k = 0; k < engine::kOutcomeCount; ++k) {
        const std::size_t a = r.withRules.counts[k], b = r.plain.counts[k];
        if (a == 0 && b == 0)
            continue;
        names << outcomeLabel(static_cast<engine::TradeOutcome>(k));
        with << model::formatNumber(100.0 * static_cast<double>(a) / n, 1) + QStringLiteral("%");
        plain << model::formatNumber(100.0 * static_cast<double>(b) / n, 1) + QStringLiteral("%");
    }
    names << tr("Median result") << tr("5th percentile") << tr("Mean") << tr("Worst path");
    const auto worst = [&](const engine::OutcomeSummary& w) {
        return m_overHistory ? tr("%1 (entry %2 UTC)").arg(money(w.worstResult), when(w.worstPath))
                             : tr("%1 (path %2)").arg(money(w.worstResult)).arg(w.worstPath);
    };
    with << money(r.withRules.median) << money(r.withRules.percentile5) << money(r.withRules.mean) << worst(r.withRules);
    plain << money(r.plain.median) << money(r.plain.percentile5) << money(r.plain.mean) << worst(r.plain);
    m_table->setRowCount(static_cast<int>(names.size()));
    for (int i = 0; i < names.size(); ++i) {
        auto* header = new QTableWidgetItem(names[i]);
        header->setData(Qt::UserRole, i == names.size() - 1);
        m_table->setVerticalHeaderItem(i, header);
        m_table->setItem(i, 0, new QTableWidgetItem(with[i]));
        m_table->setItem(i, 1, new QTableWidgetItem(plain[i]));
    }
    m_steps->setRowCount(0);
}

void StressView::showWorst(bool withRules)
{
    if (!m_result || !*m_result || (*m_result)->error)
        return;
    const engine::PlanStressResult& r = (*m_result)->result.run;
    const std::size_t path = withRules ? r.withRules.worstPath : r.plain.worstPath;
    const engine::TradePlan plan = withRules ? m_plan : engine::plainPlan(m_plan);
    const auto points = m_overHistory ? engine::historyPath(*m_bars, m_historyOptions, path) : engine::stressPath(m_plan, m_options, path);
    auto run = engine::simulateTrade(m_overHistory ? engine::planAtEntry(plan, (*m_bars)[path].open) : plan, points);
    if (!run)
        return;
    m_steps->setRowCount(static_cast<int>(run->steps.size()));
    const std::int64_t t0 = points.empty() ? 0 : points.front().timeMs;
    for (std::size_t i = 0; i < run->steps.size(); ++i) {
        const engine::TradeStep& s = run->steps[i];
        const int row = static_cast<int>(i);
        const QStringList cells{QString::number((s.timeMs - t0) / 60000), QString::fromLatin1(engine::stepKindName(s.kind)),
                                model::formatNumber(s.price, 2), model::formatNumber(s.quantityClosed, 4), money(s.result)};
        for (int c = 0; c < cells.size(); ++c)
            m_steps->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
    // The path on the chart: the plan (with or without its rules) opened at its start.
    model::PlanInputs in = m_inputs;
    if (!withRules) {
        const engine::ExitPlan& x = plan.exits;
        in.ladder = model::ExitLadder{};
        in.takeProfit = x.targets.empty() ? std::nullopt : std::optional(x.targets.front().price);
    }
    const qint64 now = m_model.market().timeMs / 60000 * 60;
    emit replayRequested(m_overHistory ? model::historyEntryReplay(in, m_plan, *m_bars, path)
                                       : model::seededPathReplay(in, m_plan, m_options, path, now));
}

}  // namespace levlab::ui
