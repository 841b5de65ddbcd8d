#include "ui/risk/risk_panel.h"

#include "ui/risk/value_table.h"
#include "ui/risk/warning_text.h"

#include "core/model/plan/risk_model.h"
#include "ui/binding/market_throttle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace levlab::ui {

namespace {

QString amount(double v, int decimals = 2) { return QLocale().toString(v, 'f', decimals); }
QString percent(double fraction) { return QLocale().toString(fraction * 100.0, 'f', 2) + QLatin1Char('%'); }

}  // namespace

RiskPanel::RiskPanel(model::RiskModel& model, QWidget* parent) : QWidget(parent), m_model(model)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The figures that decide the trade come first; the rest follow the warnings.
    m_key = new ValueTable(this);
    m_key->setAccessibleName(tr("Risk"));
    m_details = new ValueTable(this);
    m_details->setAccessibleName(tr("Risk details"));
    const std::array<std::tuple<Row, QString, QString>, 11> rows{{
        {Row::Liquidation, tr("Liquidation"), tr("Where the mark price liquidates the position, and how far that is from entry")},
        {Row::InitialMargin, tr("Initial margin"), tr("Notional ÷ leverage: what opening the position takes")},
        {Row::RiskAtStop, tr("Risk at stop"), tr("What the stop loses, in money and as a share of the wallet")},
        {Row::RewardRisk, tr("Reward : risk"), tr("Distance to target ÷ distance to stop")},
        {Row::Notional, tr("Notional"), tr("Position value at entry")},
        {Row::MaintenanceMargin, tr("Maintenance margin"), tr("Below this much equity the position is liquidated")},
        {Row::Bankruptcy, tr("Bankruptcy"), tr("Where the position's margin is exhausted; the gap to liquidation is the maintenance margin")},
        {Row::Fees, tr("Fees (open + close)"), tr("Taker fee on opening and on closing at the entry value")},
        {Row::Funding, tr("Funding / 8 h"), tr("Paid each funding interval at today's rate; positive rates make longs pay shorts")},
        {Row::FundingHorizon, tr("Funding over holding"), tr("Funding paid over the holding period, and how far it drags the liquidation price")},
        {Row::State, tr("Status"), QString()},
    }};
    for (const auto& [row, name, tip] : rows) {
        ValueTable* table = isKey(row) ? m_key : m_details;
        m_cells[static_cast<std::size_t>(row)] = {table, table->addRow(name, tip)};
    }
    // Above the figures: they are computed from stale prices (a live market gone quiet).
    m_stale = new WarningText(this);
    m_stale->setObjectName(QStringLiteral("staleNote"));
    m_stale->setVisible(false);
    layout->insertWidget(0, m_stale);
    layout->addWidget(m_key);

    m_warnings = new WarningText(this);
    layout->addWidget(m_warnings);

    m_fixes = new QWidget(this);
    auto* fixes = new QHBoxLayout(m_fixes);
    fixes->setContentsMargins(0, 0, 0, 0);
    m_lowerLeverage = new QPushButton(tr("Lower leverage"), m_fixes);
    m_lowerLeverage->setToolTip(tr("The highest leverage whose liquidation lies beyond the stop"));
    m_moveStop = new QPushButton(tr("Move stop"), m_fixes);
    m_moveStop->setToolTip(tr("Bring the stop inside the liquidation price"));
    m_addMargin = new QPushButton(tr("Add margin"), m_fixes);
    m_addMargin->setToolTip(tr("Add isolated margin until liquidation lies beyond the stop"));
    for (QPushButton* b : {m_lowerLeverage, m_moveStop, m_addMargin})
        fixes->addWidget(b);
    layout->addWidget(m_fixes);
    layout->addWidget(m_details);
    layout->addStretch();

    connect(m_lowerLeverage, &QPushButton::clicked, this, [this] { report(m_model.fixByLoweringLeverage()); });
    connect(m_moveStop, &QPushButton::clicked, this, [this] { report(m_model.fixByMovingStop()); });
    connect(m_addMargin, &QPushButton::clicked, this, [this] { report(m_model.fixByAddingMargin()); });
    new MarketThrottle(m_model, [this] { refresh(); }, Theme::kReadoutHz, this);
    refresh();
}

bool RiskPanel::isKey(Row row)
{
    return row == Row::Liquidation || row == Row::InitialMargin || row == Row::RiskAtStop || row == Row::RewardRisk;
}

QString RiskPanel::text(Row row) const
{
    const Cell& c = m_cells[static_cast<std::size_t>(row)];
    return c.table->value(c.row);
}

void RiskPanel::report(const std::optional<model::Refusal>& outcome)
{
    if (outcome)
        emit refused(*outcome);
}

void RiskPanel::setTheme(const Theme& theme)
{
    QPalette p = m_warnings->palette();
    p.setColor(QPalette::Window, theme.warningBackground);
    p.setColor(QPalette::WindowText, theme.warningText);
    m_warnings->setPalette(p);
    m_stale->setPalette(p);
}

void RiskPanel::setStaleNote(const QString& note)
{
    if (m_stale->text() != note)
        m_stale->setText(note);
    m_stale->setVisible(!note.isEmpty());
}

void RiskPanel::set(Row row, const QString& text)
{
    const Cell& c = m_cells[static_cast<std::size_t>(row)];
    c.table->setValue(c.row, text);
}

void RiskPanel::refresh()
{
    const auto& s = m_model.snapshot();
    const auto& in = m_model.inputs();
    const int d = std::clamp(static_cast<int>(std::ceil(-std::log10(m_model.tickSize()) - 1e-9)), 0, 8);
    const bool inverse = s.contract == engine::ContractKind::Inverse;
    const int md = inverse ? 6 : 2;  // coin amounts need more places
    if (!s.valid) {
        for (const Cell& c : m_cells)
            c.table->setValue(c.row, QStringLiteral("—"));
        set(Row::State, s.problem);
        m_warnings->setVisible(false);
        m_fixes->setVisible(false);
        return;
    }
    const auto& p = s.position;
    auto priceWithDistance = [&](std::optional<double> price) {
        if (!price)
            return tr("none");
        return tr("%1  (%2)").arg(amount(*price, d), percent((*price - s.entry) / s.entry));
    };
    set(Row::Notional, amount(s.notional, md));
    set(Row::InitialMargin, tr("%1  at %2×").arg(amount(p.initialMargin, md)).arg(in.leverage));
    set(Row::MaintenanceMargin, tr("%1  (%2)").arg(amount(p.maintenanceMargin, md), percent(p.mmRate)));
    set(Row::Liquidation, priceWithDistance(p.liquidationPrice));
    set(Row::Bankruptcy, priceWithDistance(p.bankruptcyPrice));
    QString atStop = tr("no stop");
    if (s.riskAtStop && s.has(model::Warning::StopBeyondLiquidation))
        atStop = tr("%1  (liquidated first: the whole margin)").arg(amount(*s.riskAtStop, md));
    else if (s.riskAtStop)
        atStop = tr("%1  (%2 of wallet)").arg(amount(*s.riskAtStop, md), percent(*s.riskAtStopOfWallet));
    set(Row::RiskAtStop, atStop);
    set(Row::RewardRisk, s.rewardRisk ? tr("%1 : 1").arg(amount(*s.rewardRisk)) : QStringLiteral("—"));
    set(Row::Fees, amount(s.fees, md));
    set(Row::Funding, tr("%1  (%2, %3)")
                          .arg(amount(s.fundingPerInterval, md + 2), percent(m_model.market().fundingRate),
                               s.fundingPerInterval >= 0 ? tr("you pay") : tr("you receive")));
    set(Row::FundingHorizon, s.liquidationDrift ? tr("%1 in %2 payments; liq. moves %3%4")
                                                      .arg(amount(s.fundingOverHorizon, md))
                                                      .arg(s.horizonIntervals)
                                                      .arg(*s.liquidationDrift >= 0 ? QStringLiteral("+") : QString())
                                                      .arg(amount(*s.liquidationDrift, d))
                                                : amount(s.fundingOverHorizon, md));
    // The trade's state as the trade bar states it; the mark alone says nothing of a closed trade.
    QString state;
    switch (m_model.tradeState()) {
    case model::TradeState::Planning:
        state = p.liquidated ? tr("planning — this mark is past liquidation") : tr("planning");
        break;
    case model::TradeState::Open: state = tr("open"); break;
    case model::TradeState::Closed: state = tr("closed"); break;
    }
    set(Row::State, state);

    const bool any = !s.warningTexts.isEmpty();
    m_warnings->setVisible(any);
    if (any) {
        const QString text = QStringLiteral("⚠ ") + s.warningTexts.join(QStringLiteral("\n⚠ "));
        if (m_warnings->text() != text)
            m_warnings->setText(text);
    }
    const bool stopBeyond = s.has(model::Warning::StopBeyondLiquidation);
    m_fixes->setVisible(stopBeyond);
    m_addMargin->setEnabled(in.marginMode != engine::MarginMode::Cross);
}

}  // namespace levlab::ui
