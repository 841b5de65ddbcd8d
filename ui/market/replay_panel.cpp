#include "ui/market/replay_panel.h"

#include "core/model/history/funding_import.h"
#include "core/model/history/price_import.h"
#include "core/model/market/instrument.h"
#include "core/model/market/market.h"
#include "core/model/plan/messages.h"
#include "core/model/plan/risk_model.h"
#include "core/model/replay/replay_journal.h"
#include "core/model/replay/replay_source.h"
#include "ui/binding/market_throttle.h"
#include "ui/theme/theme.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace levlab::ui {

namespace {

QDateTimeEdit* dateEdit(QWidget* parent)
{
    auto* e = new QDateTimeEdit(parent);
    e->setTimeSpec(Qt::UTC);
    e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    e->setEnabled(false);
    return e;
}

QLabel* wrapped(QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    return l;
}

}  // namespace

ReplayPanel::ReplayPanel(model::Market& market, model::RiskModel& model, QWidget* parent)
    : QWidget(parent), m_market(market), m_model(model)
{
    // Everything scrolls in a short dock; the texts keep their full height.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* content = new QWidget(scroll);
    scroll->setWidget(content);
    outer->addWidget(scroll);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(new QLabel(tr("Crash lab — real BitMEX XBTUSD minutes:"), content));
    // One under the other: the dock shares the lessons' narrow column.
    auto* crashes = new QVBoxLayout;
    for (const model::CrashWindow& w : model::crashWindows()) {
        auto* b = new QPushButton(tr("%1 — %2").arg(w.title, w.subtitle), content);
        b->setToolTip(tr("Replay %1 (%2) from its opening").arg(w.title, w.subtitle));
        connect(b, &QPushButton::clicked, this, [this, w] { loadCrash(w); });
        crashes->addWidget(b);
        m_crashButtons << b;
    }
    layout->addLayout(crashes);
    auto* files = new QHBoxLayout;
    auto* open = new QPushButton(tr("Price file…"), content);
    open->setToolTip(tr("Replay any price history the importer reads (CSV or exchange JSON)"));
    m_funding = new QPushButton(tr("Funding file…"), content);
    m_funding->setToolTip(tr("Settle real funding rates during the replay"));
    m_back = new QPushButton(tr("Simulated market"), content);
    m_back->setToolTip(tr("Leave the replay: the simulated market comes back"));
    files->addWidget(open);
    files->addWidget(m_funding);
    layout->addLayout(files);
    layout->addWidget(m_back);

    m_title = wrapped(content);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    layout->addWidget(m_title);
    m_facts = wrapped(content);
    layout->addWidget(m_facts);

    auto* grid = new QGridLayout;
    m_play = new QPushButton(tr("Play"), content);
    m_play->setCheckable(true);
    m_step = new QPushButton(tr("Step"), content);
    m_step->setToolTip(tr("Reveal the next bar"));
    m_speed = new QComboBox(content);
    m_speed->setAccessibleName(tr("Replay speed"));
    for (int barsPerSecond : {1, 10, 60, 300})
        m_speed->addItem(tr("%n bar(s)/s", nullptr, barsPerSecond), barsPerSecond);
    m_speed->setCurrentIndex(1);
    grid->addWidget(m_play, 0, 0);
    grid->addWidget(m_step, 0, 1);
    grid->addWidget(m_speed, 0, 2);
    m_startAt = dateEdit(content);
    m_startAt->setAccessibleName(tr("Replay start"));
    m_startHere = new QPushButton(tr("Start here"), content);
    m_startHere->setToolTip(tr("Start over at this time: later bars are hidden, the plan is planned again"));
    grid->addWidget(new QLabel(tr("Start"), content), 1, 0);
    grid->addWidget(m_startAt, 1, 1);
    grid->addWidget(m_startHere, 1, 2);
    m_jumpTo = dateEdit(content);
    m_jumpTo->setAccessibleName(tr("Jump to"));
    m_jump = new QPushButton(tr("Jump"), content);
    m_jump->setToolTip(tr("Replay every bar up to this time (exits and funding happen on the way)"));
    grid->addWidget(new QLabel(tr("Jump to"), content), 2, 0);
    grid->addWidget(m_jumpTo, 2, 1);
    grid->addWidget(m_jump, 2, 2);
    layout->addLayout(grid);
    m_position = wrapped(content);
    layout->addWidget(m_position);
    auto* mark = wrapped(content);
    mark->setText(tr("Mark = the bar's traded price (trade files carry no mark), walked open → low → high → close "
                     "in a rising bar, open → high → low → close in a falling one. Events carry their bar's end time."));
    layout->addWidget(mark);
    m_events = new QListWidget(content);
    m_events->setAccessibleName(tr("Replay events"));
    m_events->setMinimumHeight(m_events->fontMetrics().height() * 5);
    m_events->setWordWrap(true);
    m_events->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_events, 1);
    auto* credit = wrapped(content);
    credit->setText(model::crashLabAttribution());
    layout->addWidget(credit);

    // As wide as the controls need, the scroll bar beside them: nothing is cut at the right.
    scroll->setMinimumWidth(content->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());

    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Replay a price file"), QString(),
                                                          tr("Price files (*.csv *.json *.jsonl);;All files (*)"));
        if (!path.isEmpty())
            loadFile(path);
    });
    connect(m_funding, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Funding history"), QString(),
                                                          tr("Funding files (*.csv *.json);;All files (*)"));
        if (!path.isEmpty())
            loadFunding(path);
    });
    connect(m_back, &QPushButton::clicked, this, &ReplayPanel::stop);
    connect(m_play, &QPushButton::toggled, this, [this](bool on) {
        if (!m_source)
            return;
        const double perBar = static_cast<double>(m_source->intervalSeconds());
        m_source->setSpeed(on ? m_speed->currentData().toDouble() * perBar : 0.0);
    });
    connect(m_speed, &QComboBox::activated, this, [this] {
        if (m_source && m_source->speed() > 0.0)
            m_source->setSpeed(m_speed->currentData().toDouble() * static_cast<double>(m_source->intervalSeconds()));
    });
    connect(m_step, &QPushButton::clicked, this, [this] {
        if (m_source)
            m_source->step();
        refresh();  // a click shows its bar at once, not at the readouts' rate
    });
    connect(m_startHere, &QPushButton::clicked, this, [this] {
        if (m_source)
            m_source->start(m_startAt->dateTime().toSecsSinceEpoch());
        refresh();
    });
    connect(m_jump, &QPushButton::clicked, this, [this] {
        if (m_source)
            m_source->jumpTo(m_jumpTo->dateTime().toSecsSinceEpoch());
        refresh();
    });
    connect(&m_market, &model::MarketSource::controlsChanged, this, &ReplayPanel::refresh);
    connect(&m_market, &model::Market::sourceChanged, this, &ReplayPanel::refresh);
    auto* limiter = new RateLimiter([this] { refresh(); }, Theme::kReadoutHz, this);
    connect(&m_market, &model::MarketSource::advanced, limiter, &RateLimiter::request);
    refresh();
}

ReplayPanel::~ReplayPanel()
{
    m_journal.reset();
    if (m_source && &m_market.source() == m_source.get())
        m_market.setSource(nullptr);
}

QPushButton* ReplayPanel::crashButton(int i) const
{
    return i >= 0 && i < m_crashButtons.size() ? m_crashButtons[i] : nullptr;
}

bool ReplayPanel::loadCrash(const model::CrashWindow& w)
{
    QFile file(model::crashResource(w));
    if (!file.open(QIODevice::ReadOnly)) {
        emit message(tr("%1: %2").arg(w.file, file.errorString()));
        return false;
    }
    engine::PriceHistory h = model::importPrices(file.readAll());
    if (!h.report.refused.empty()) {
        emit message(model::refusalLines(w.file, h.report).front());
        return false;
    }
    QStringList facts;
    if (auto f = model::crashFacts(h.bars, h.report.intervalSeconds, w.factsFrom, w.factsTo))
        facts = model::factSentences(*f, 1);
    auto source = std::make_unique<model::ReplaySource>(tr("%1, %2").arg(w.title, w.subtitle), w.symbol, std::move(h.bars));
    source->start(w.startSeconds);
    if (!adopt(std::move(source), facts))
        return false;
    // The crash lab trades under the rules of the exchange the data come from.
    if (m_model.inputs().venue != engine::Venue::Bitmex)
        m_model.setVenue(engine::Venue::Bitmex);
    return true;
}

bool ReplayPanel::loadFile(const QString& path)
{
    engine::PriceHistory h = model::importPriceFile(path);
    const QString name = QFileInfo(path).fileName();
    if (!h.report.refused.empty()) {
        emit message(model::refusalLines(name, h.report).front());
        return false;
    }
    const QStringList notes = model::reportSentences(h.report);
    // A file names no instrument: its prices stand in for the plan's own.
    auto source = std::make_unique<model::ReplaySource>(name, m_model.inputs().symbol, std::move(h.bars));
    if (!adopt(std::move(source), notes))
        return false;
    return true;
}

bool ReplayPanel::loadFunding(const QString& path)
{
    if (!m_source) {
        emit message(tr("Load a price history to replay first."));
        return false;
    }
    engine::FundingHistory f = model::importFundingFile(path);
    if (!f.report.refused.empty()) {
        const auto& r = f.report.refused.front();
        emit message(QStringLiteral("%1:%2:%3: %4").arg(QFileInfo(path).fileName()).arg(r.line).arg(r.column).arg(QString::fromStdString(r.reason)));
        return false;
    }
    emit message(tr("Funding: %n settlement(s) from %1.", nullptr, static_cast<int>(f.settlements.size())).arg(QFileInfo(path).fileName()));
    m_source->setFunding(std::move(f.settlements));
    return true;
}

bool ReplayPanel::replay(const model::PathReplay& path)
{
    if (!path.bars.empty()) {
        auto source = std::make_unique<model::ReplaySource>(path.name, m_model.inputs().symbol, path.bars);
        source->start(path.startSeconds);
        if (!adopt(std::move(source), {}))
            return false;
        m_pathReplay = true;
    } else if (m_source && !m_pathReplay) {
        if (&m_market.source() != m_source.get())
            m_market.setSource(m_source.get());
        m_source->start(path.startSeconds);
        m_startAt->setDateTime(QDateTime::fromSecsSinceEpoch(m_source->startSeconds(), Qt::UTC));
    } else {
        emit message(tr("Load the price history again to replay this entry."));
        return false;
    }
    if (m_model.tradeState() != model::TradeState::Planning)
        m_model.planAgain();
    if (auto r = m_model.setInputs(path.inputs)) {
        emit message(r->message());
        return false;
    }
    if (auto r = m_model.openAtMarket()) {
        emit message(r->message());
        return false;
    }
    m_source->setSpeed(60.0);
    refresh();
    emit message(tr("Replaying %1 from %2 UTC: the plan is open at %3.")
                     .arg(m_source->name(),
                          QDateTime::fromSecsSinceEpoch(path.startSeconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                          model::formatNumber(m_model.snapshot().entry, 2)));
    return true;
}

bool ReplayPanel::adopt(std::unique_ptr<model::ReplaySource> source, const QStringList& facts)
{
    if (source->bars().empty()) {
        emit message(tr("The file holds no bars."));
        return false;
    }
    m_pathReplay = false;
    // A trade open on the old market does not carry over to another's prices.
    m_journal.reset();
    if (m_model.tradeState() != model::TradeState::Planning)
        m_model.planAgain();
    auto old = std::move(m_source);
    m_source = std::move(source);
    m_market.setSource(m_source.get());
    old.reset();
    m_journal = std::make_unique<model::ReplayJournal>(m_model, *m_source);
    connect(m_journal.get(), &model::ReplayJournal::changed, this, &ReplayPanel::refreshEvents);
    const auto& bars = m_source->bars();
    const QDateTime first = QDateTime::fromSecsSinceEpoch(bars.front().time, Qt::UTC);
    const QDateTime last = QDateTime::fromSecsSinceEpoch(bars.back().time + m_source->intervalSeconds(), Qt::UTC);
    for (QDateTimeEdit* e : {m_startAt, m_jumpTo}) {
        e->setDateTimeRange(first, last);
        e->setEnabled(true);
    }
    showStart();
    // Started over from elsewhere (a heatmap cell, a stress run's worst entry): the
    // dates say where the replay now begins.
    connect(m_source.get(), &model::ReplaySource::restarted, this, &ReplayPanel::showStart);
    m_title->setText(m_source->name());
    m_facts->setText(facts.join(QLatin1Char('\n')));
    refreshEvents();
    refresh();
    emit message(tr("Replaying %1: open the plan with the trade bar, then play, step or jump.").arg(m_source->name()));
    return true;
}

void ReplayPanel::showStart()
{
    if (!m_source)
        return;
    const QDateTime start = QDateTime::fromSecsSinceEpoch(m_source->startSeconds(), Qt::UTC);
    m_startAt->setDateTime(start);
    m_jumpTo->setDateTime(start);
}

void ReplayPanel::stop()
{
    m_journal.reset();
    if (m_model.tradeState() != model::TradeState::Planning)
        m_model.planAgain();
    m_market.setSource(nullptr);
    m_source.reset();
    m_pathReplay = false;
    m_title->clear();
    m_facts->clear();
    m_events->clear();
    for (QDateTimeEdit* e : {m_startAt, m_jumpTo})
        e->setEnabled(false);
    refresh();
}

void ReplayPanel::refresh()
{
    const bool on = m_source && &m_market.source() == m_source.get();
    for (QWidget* w : std::initializer_list<QWidget*>{m_play, m_step, m_speed, m_startHere, m_jump, m_funding, m_back})
        w->setEnabled(on);
    {
        const QSignalBlocker block(m_play);
        m_play->setChecked(on && m_source->speed() > 0.0);
        m_play->setText(m_play->isChecked() ? tr("Pause") : tr("Play"));
    }
    if (!on) {
        m_position->setText(tr("The market is simulated. Pick a crash or a price file to replay real history."));
        return;
    }
    const auto& bars = m_source->bars();
    m_step->setEnabled(!m_source->atEnd());
    m_position->setText(tr("Bar %1 of %2 — %3")
                            .arg(model::formatNumber(static_cast<double>(m_source->position()), 0),
                                 model::formatNumber(static_cast<double>(bars.size()), 0),
                                 QDateTime::fromMSecsSinceEpoch(m_source->nowMs(), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))));
}

void ReplayPanel::refreshEvents()
{
    m_events->clear();
    if (!m_journal)
        return;
    const model::ReplayFormat f = m_journal->format();
    for (const auto& e : m_journal->events())
        m_events->addItem(model::describe(e, f));
}

}  // namespace levlab::ui
