#include "ui/risk/risk_panel.h"

#include "core/model/plan/risk_model.h"

#include <QFormLayout>
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
    auto* form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignLeft);
    const std::array<std::pair<Row, QString>, 11> rows{{
        {Row::Notional, tr("Notional")},
        {Row::InitialMargin, tr("Initial margin")},
        {Row::MaintenanceMargin, tr("Maintenance margin")},
        {Row::Liquidation, tr("Liquidation")},
        {Row::Bankruptcy, tr("Bankruptcy")},
        {Row::RiskAtStop, tr("Risk at stop")},
        {Row::RewardRisk, tr("Reward : risk")},
        {Row::Fees, tr("Fees (open + close)")},
        {Row::Funding, tr("Funding / 8 h")},
        {Row::FundingHorizon, tr("Funding over holding")},
        {Row::State, tr("Status")},
    }};
    for (const auto& [row, name] : rows) {
        auto* value = new QLabel(this);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        value->setWordWrap(true);
        form->addRow(name, value);
        m_values[row] = value;
    }
    m_values[Row::Liquidation]->setToolTip(tr("Where the mark price liquidates the position, and how far that is from entry"));
    m_values[Row::Bankruptcy]->setToolTip(tr("Where the position's margin is exhausted; the gap to liquidation is the maintenance margin"));
    m_values[Row::FundingHorizon]->setToolTip(tr("Funding paid over the holding period, and how far it drags the liquidation price"));
    layout->addLayout(form);

    m_warnings = new QLabel(this);
    m_warnings->setWordWrap(true);
    m_warnings->setAutoFillBackground(true);
    m_warnings->setMargin(6);
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
    layout->addStretch();

    auto fix = [this](model::RiskModel::Outcome (model::RiskModel::*method)()) {
        return [this, method] {
            if (auto r = (m_model.*method)())
                emit refused(*r);
        };
    };
    connect(m_lowerLeverage, &QPushButton::clicked, this, fix(&model::RiskModel::fixByLoweringLeverage));
    connect(m_moveStop, &QPushButton::clicked, this, fix(&model::RiskModel::fixByMovingStop));
    connect(m_addMargin, &QPushButton::clicked, this, fix(&model::RiskModel::fixByAddingMargin));
    connect(&m_model, &model::RiskModel::changed, this, &RiskPanel::refresh);
    refresh();
}

QString RiskPanel::text(Row row) const
{
    return m_values.at(row)->text();
}

void RiskPanel::setTheme(const Theme& theme)
{
    QPalette p = m_warnings->palette();
    p.setColor(QPalette::Window, theme.warningBackground);
    p.setColor(QPalette::WindowText, theme.warningText);
    m_warnings->setPalette(p);
}

void RiskPanel::set(Row row, const QString& text)
{
    QLabel* l = m_values[row];
    if (l->text() != text)
        l->setText(text);
}

void RiskPanel::refresh()
{
    const auto& s = m_model.snapshot();
    const auto& in = m_model.inputs();
    const int d = std::clamp(static_cast<int>(std::ceil(-std::log10(m_model.tickSize()) - 1e-9)), 0, 8);
    const bool inverse = s.contract == engine::ContractKind::Inverse;
    const int md = inverse ? 6 : 2;  // coin amounts need more places
    if (!s.valid) {
        for (auto& [row, label] : m_values)
            set(row, QStringLiteral("—"));
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
    set(Row::RiskAtStop, s.riskAtStop ? tr("%1  (%2 of wallet)").arg(amount(*s.riskAtStop, md), percent(*s.riskAtStopOfWallet))
                                      : tr("no stop"));
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
    set(Row::State, p.liquidated ? tr("LIQUIDATED at this mark") : tr("open"));

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
