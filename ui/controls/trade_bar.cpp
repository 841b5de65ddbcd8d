#include "ui/controls/trade_bar.h"

#include "core/model/plan/messages.h"
#include "core/model/plan/risk_model.h"
#include "ui/binding/market_throttle.h"
#include "ui/theme/theme.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace levlab::ui {

namespace {

using model::PositionEvent;
using model::TradeState;

int priceDecimals(const model::RiskModel& m)
{
    const double tick = m.tickSize();
    return tick > 0.0 ? std::clamp(static_cast<int>(std::ceil(-std::log10(tick) - 1e-9)), 0, 8) : 2;
}

QString signedMoney(double v)
{
    return (v > 0.0 ? QStringLiteral("+") : v < 0.0 ? QStringLiteral("−") : QString()) + model::formatNumber(std::abs(v), 2);
}

QString exitName(PositionEvent::Kind kind)
{
    switch (kind) {
    case PositionEvent::Kind::StoppedOut: return TradeBar::tr("stopped out");
    case PositionEvent::Kind::TookProfit: return TradeBar::tr("take-profit reached");
    case PositionEvent::Kind::Liquidated: return TradeBar::tr("liquidated");
    case PositionEvent::Kind::ClosedByHand: return TradeBar::tr("closed at market");
    }
    return {};
}

QString clock(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("HH:mm")); }

}  // namespace

TradeBar::TradeBar(model::RiskModel& model, QWidget* parent) : QWidget(parent), m_model(model)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(4);
    auto* row = new QHBoxLayout;
    m_state = new QLabel(this);
    m_state->setWordWrap(true);
    // Two lines always, so the form below never jumps as the sentence grows or shrinks.
    m_state->setMinimumHeight(2 * m_state->fontMetrics().lineSpacing() + 2);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state->setAccessibleName(tr("Trade"));
    m_action = new QPushButton(this);
    m_action->setAccessibleName(tr("Trade action"));
    m_trigger = new QComboBox(this);
    m_trigger->addItem(tr("Exits on mark"), static_cast<int>(model::TriggerPrice::Mark));
    m_trigger->addItem(tr("Exits on last"), static_cast<int>(model::TriggerPrice::Last));
    m_trigger->setToolTip(tr("Which price the stop-loss and take-profit watch. Liquidation always follows the mark."));
    m_trigger->setAccessibleName(tr("Stop and target watch"));
    m_log = new QPushButton(tr("Log"), this);
    m_log->setToolTip(tr("Every trade closed in this session, with its exit and result"));
    m_log->setAccessibleName(tr("Trade log"));
    row->addWidget(m_action, 1);
    row->addWidget(m_trigger);
    row->addWidget(m_log);
    column->addWidget(m_state);
    column->addLayout(row);

    connect(m_action, &QPushButton::clicked, this, &TradeBar::act);
    connect(m_log, &QPushButton::clicked, this, &TradeBar::showLog);
    connect(m_trigger, &QComboBox::activated, this, [this] {
        if (auto r = m_model.setExitTrigger(static_cast<model::TriggerPrice>(m_trigger->currentData().toInt())))
            emit refused(*r);
        refresh();
    });
    new MarketThrottle(m_model, [this] { refresh(); }, Theme::kReadoutHz, this);
    connect(&m_model, &model::RiskModel::tradeStateChanged, this, &TradeBar::refresh);
    refresh();
}

QString TradeBar::describe(const model::RiskModel& m)
{
    const auto& in = m.inputs();
    const int d = priceDecimals(m);
    switch (m.tradeState()) {
    case TradeState::Planning:
        if (in.entryAtMarket)
            return tr("Planning: the entry follows the market. Nothing triggers until the trade opens.");
        if (!m.entryArmed())
            return tr("Planning: entry fixed at %1. Type or drag your entry price; the trade opens when the price reaches it.")
                .arg(model::formatNumber(in.entryPrice, d));
        return tr("Waiting: the trade opens when the price reaches %1.").arg(model::formatNumber(in.entryPrice, d));
    case TradeState::Open:
        return tr("Open since %1 at %2. Result now %3.")
            .arg(clock(m.openedMs()), model::formatNumber(in.entryPrice, d), signedMoney(m.openResult()));
    case TradeState::Closed:
        if (m.events().empty())
            return tr("Closed.");
        const PositionEvent& e = m.events().back();
        if (e.kind == PositionEvent::Kind::Liquidated)
            return tr("Closed at %1: liquidated at %2. Result %3 (the margin behind it).")
                .arg(clock(e.timeMs), model::formatNumber(e.price, d), signedMoney(e.result));
        return tr("Closed at %1: %2 at %3. Result %4 (fees %5).")
            .arg(clock(e.timeMs), exitName(e.kind), model::formatNumber(e.price, d), signedMoney(e.result), model::formatNumber(e.fees, 2));
    }
    return {};
}

void TradeBar::refresh()
{
    const QString text = describe(m_model);
    if (m_state->text() != text)
        m_state->setText(text);
    QString action;
    QString tip;
    switch (m_model.tradeState()) {
    case TradeState::Planning:
        action = tr("&Open at market");
        tip = tr("Open the trade now: the entry is fixed at the current mark and the stop, target and liquidation are watched");
        break;
    case TradeState::Open:
        action = tr("Close at mar&ket");
        tip = tr("Close the trade now at the current mark");
        break;
    case TradeState::Closed:
        action = tr("&Plan again");
        tip = tr("Start a new trade from the same plan, on a clean chart");
        break;
    }
    if (m_action->text() != action) {
        m_action->setText(action);
        m_action->setToolTip(tip);
    }
    const int trigger = m_trigger->findData(static_cast<int>(m_model.inputs().exitTrigger));
    if (m_trigger->currentIndex() != trigger)
        m_trigger->setCurrentIndex(trigger);
    m_log->setEnabled(!m_model.tradeLog().empty());
}

void TradeBar::act()
{
    std::optional<model::Refusal> r;
    switch (m_model.tradeState()) {
    case TradeState::Planning: r = m_model.openAtMarket(); break;
    case TradeState::Open: r = m_model.closeAtMarket(); break;
    case TradeState::Closed: m_model.planAgain(); break;
    }
    if (r)
        emit refused(*r);
    refresh();
}

QTableWidget* TradeBar::logTable(const model::RiskModel& model, QWidget* parent)
{
    const auto& log = model.tradeLog();
    auto* table = new QTableWidget(0, 8, parent);
    table->setHorizontalHeaderLabels({tr("Time"), tr("Symbol"), tr("Side"), tr("Entry"), tr("Exit"), tr("At"), tr("Size"), tr("Result")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto add = [table](const QStringList& cells) {
        const int r = table->rowCount();
        table->insertRow(r);
        for (int c = 0; c < cells.size(); ++c)
            table->setItem(r, c, new QTableWidgetItem(cells[c]));
    };
    for (std::size_t i = 0; i < log.size(); ++i) {
        const auto& t = log[log.size() - 1 - i];  // newest first
        add({clock(t.openedMs), t.inputs.symbol, t.inputs.side == engine::Side::Long ? tr("Long") : tr("Short"),
             model::formatNumber(t.inputs.entryPrice, 2), exitName(t.exit.kind), model::formatNumber(t.exit.price, 2),
             model::formatNumber(t.quantity, 4), signedMoney(t.exit.result)});
        // An exit ladder's trade: every step under it, to the second.
        for (const engine::TradeStep& st : t.steps) {
            const bool closes = st.quantityClosed > 0.0;
            add({QDateTime::fromMSecsSinceEpoch(st.timeMs, Qt::UTC).toString(QStringLiteral("HH:mm:ss")), QString(), QString(),
                 QString(), QStringLiteral("  ") + QString::fromLatin1(engine::stepKindName(st.kind)).replace(QLatin1Char('_'), QLatin1Char(' ')),
                 model::formatNumber(st.price, 2), closes ? model::formatNumber(st.quantityClosed, 4) : QString(),
                 closes ? signedMoney(st.result) : QString()});
        }
    }
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return table;
}

void TradeBar::showLog()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Trade log"));
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(logTable(m_model, &dialog));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(640, 320);
    dialog.exec();
}

}  // namespace levlab::ui
