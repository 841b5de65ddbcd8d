#include "ui/risk/risk_panel.h"

#include "ui/risk/ladder_rows.h"
#include "ui/risk/value_table.h"
#include "ui/risk/warning_text.h"

#include "core/model/plan/risk_model.h"
#include "core/model/tiers/tier_status.h"
#include "ui/binding/market_throttle.h"

#include <QDate>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace levlab::ui {

RiskPanel::RiskPanel(model::RiskModel& model, QWidget* parent) : QWidget(parent), m_model(model)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The figures that decide the trade come first; the rest follow the warnings.
    m_key = new ValueTable(this);
    m_key->setAccessibleName(tr("Risk"));
    m_details = new ValueTable(this);
    m_details->setAccessibleName(tr("Risk details"));
    // The figures that decide the trade first, then the details in the model's order.
    for (Row row : model::kRiskFiguresShown) {
        ValueTable* table = isKey(row) ? m_key : m_details;
        m_cells[static_cast<std::size_t>(row)] = {table, table->addRow(model::riskFigureLabel(row), model::riskFigureHint(row))};
    }
    // Above the figures: they are computed from stale prices (a live market gone quiet).
    m_stale = new WarningText(this);
    m_stale->setObjectName(QStringLiteral("staleNote"));
    m_stale->setVisible(false);
    layout->insertWidget(0, m_stale);
    layout->addWidget(m_key);
    // Under the key figures: the risk-limit table they come from.
    m_tierNote = new WarningText(this);
    m_tierNote->setObjectName(QStringLiteral("tierNote"));
    m_tierNote->setAccessibleName(tr("Risk-limit table"));
    layout->addWidget(m_tierNote);
    m_ladder = new LadderRows(model, this);
    layout->addWidget(m_ladder);

    // The warnings keep room for a usual one (three lines), and the fixes keep their
    // row while hidden: dragging the slider across a warning's threshold changes
    // words, not the place of every row below them.
    m_warnings = new WarningText(this);
    m_warnings->setReservedLines(3);
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
    QSizePolicy keepRoom = m_fixes->sizePolicy();
    keepRoom.setRetainSizeWhenHidden(true);
    m_fixes->setSizePolicy(keepRoom);
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
    m_warningPalette = p;
    m_stale->setPalette(p);
    p.setColor(QPalette::Window, theme.background);
    p.setColor(QPalette::WindowText, theme.mutedText);
    m_calmPalette = p;
    m_warnings->setPalette(m_warnings->text() == calmText() ? m_calmPalette : m_warningPalette);
    m_theme = theme;
    m_tierShown = {};  // the note worked out and coloured again
    m_tierOld.reset();
    refreshTierNote();
}

QString RiskPanel::calmText()
{
    return tr("✓ No warnings for this plan.");
}

void RiskPanel::refreshTierNote()
{
    // Worked out again only when the table, the venue, the symbol or the day change:
    // the panel refreshes on every slider step, and the note's words cost more than its figures.
    const model::PlanInputs& in = m_model.inputs();
    const model::TierTable* table = m_model.tierTable();
    const QDate today = QDate::currentDate();
    const QString asOf = table ? table->asOf + table->source : QString();  // a refreshed table may take the old one's place
    if (table == m_tierShown.table && asOf == m_tierShown.asOf && in.venue == m_tierShown.venue
        && in.symbol == m_tierShown.symbol && today == m_tierShown.day)
        return;
    m_tierShown = {table, asOf, in.venue, in.symbol, today};
    const model::TierStatus status = model::tierStatus(table, in.venue, in.symbol, today);
    if (m_tierNote->text() != status.text) {
        m_tierNote->setText(status.text);
        m_tierNote->setToolTip(status.details);
    }
    if (status.old != m_tierOld) {
        m_tierOld = status.old;
        QPalette p = palette();
        if (status.old) {
            p.setColor(QPalette::Window, m_theme.warningBackground);
            p.setColor(QPalette::WindowText, m_theme.warningText);
        }
        m_tierNote->setPalette(p);
    }
}

void RiskPanel::setStaleNote(const QString& note)
{
    if (m_stale->text() != note)
        m_stale->setText(note);
    m_stale->setVisible(!note.isEmpty());
}

void RiskPanel::refresh()
{
    refreshTierNote();
    const auto& s = m_model.snapshot();
    const model::RiskFigureTexts texts = model::riskFigureTexts(m_model);
    for (std::size_t i = 0; i < texts.size(); ++i)
        m_cells[i].table->setValue(m_cells[i].row, texts[i]);
    if (!s.valid) {
        m_warnings->setVisible(false);
        m_fixes->setVisible(false);
        return;
    }
    const bool any = !s.warningTexts.isEmpty();
    m_warnings->setVisible(true);
    const QString text = any ? QStringLiteral("⚠ ") + s.warningTexts.join(QStringLiteral("\n⚠ ")) : calmText();
    if (m_warnings->text() != text) {
        // New colours only when warnings come or go (or on the first text).
        const bool recolour = m_warnings->text().isEmpty() || (m_warnings->text() == calmText()) == any;
        m_warnings->setText(text);
        if (recolour)
            m_warnings->setPalette(any ? m_warningPalette : m_calmPalette);
    }
    const bool stopBeyond = s.has(model::Warning::StopBeyondLiquidation);
    m_fixes->setVisible(stopBeyond);
    m_addMargin->setEnabled(m_model.inputs().marginMode != engine::MarginMode::Cross);
}

}  // namespace levlab::ui
