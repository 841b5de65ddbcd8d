#include "ui/controls/position_form.h"

#include "core/model/plan/risk_model.h"
#include "ui/binding/market_throttle.h"
#include "ui/controls/number_field.h"
#include "ui/theme/theme.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <cmath>
#include <functional>

namespace levlab::ui {

namespace {


using engine::MarginMode;
using engine::Side;

NumberField* spin(QWidget* parent, double min, double max, int decimals, const QString& tip)
{
    auto* s = new NumberField(parent);
    s->setRange(min, max);
    s->setDecimals(decimals);
    s->setToolTip(tip);
    return s;
}

/// A field's row with the field's problem, in words, under it (hidden while valid).
QVBoxLayout* withProblem(QLayout* row, NumberField* field)
{
    auto* box = new QVBoxLayout;
    box->setSpacing(2);
    box->addLayout(row);
    box->addWidget(field->problemLabel());
    return box;
}

QVBoxLayout* withProblem(NumberField* field)
{
    auto* row = new QHBoxLayout;
    row->addWidget(field);
    return withProblem(row, field);
}

/// A row whose label's mnemonic jumps to `buddy`.
void addRow(QFormLayout* form, const QString& text, QLayout* field, QWidget* buddy)
{
    auto* label = new QLabel(text, form->parentWidget());
    label->setBuddy(buddy);
    form->addRow(label, field);
}

QPushButton* segment(const QString& text, const QString& tip, QWidget* parent)
{
    auto* b = new QPushButton(text, parent);
    b->setCheckable(true);
    b->setToolTip(tip);
    return b;
}

int decimalsFor(double tick)
{
    return std::clamp(static_cast<int>(std::ceil(-std::log10(tick) - 1e-9)), 0, 8);
}

}  // namespace

PositionForm::PositionForm(model::RiskModel& model, QWidget* parent) : QWidget(parent), m_model(model)
{
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_venue = new QComboBox(this);
    for (engine::Venue v : engine::kAllVenues) {
        if (!m_model.symbols(v).isEmpty())
            m_venue->addItem(QString::fromLatin1(engine::venueDisplayName(v).data()), static_cast<int>(v));
    }
    m_venue->setToolTip(tr("Whose margin rules and risk limits to apply"));
    m_symbol = new QComboBox(this);
    m_symbol->setToolTip(tr("Contract; its risk-limit table ships with the app"));
    auto* venueRow = new QHBoxLayout;
    venueRow->addWidget(m_venue, 1);
    venueRow->addWidget(m_symbol, 1);
    addRow(form, tr("Ven&ue"), venueRow, m_venue);

    m_side = new QButtonGroup(this);
    auto* sideRow = new QHBoxLayout;
    auto* longButton = segment(tr("Long"), tr("Profit when the price rises"), this);
    auto* shortButton = segment(tr("Short"), tr("Profit when the price falls"), this);
    m_side->addButton(longButton, static_cast<int>(Side::Long));
    m_side->addButton(shortButton, static_cast<int>(Side::Short));
    sideRow->addWidget(longButton);
    sideRow->addWidget(shortButton);
    form->addRow(tr("Side"), sideRow);

    m_mode = new QButtonGroup(this);
    auto* modeRow = new QHBoxLayout;
    const std::array<std::tuple<MarginMode, QString, QString>, 3> modes{{
        {MarginMode::Cross, tr("Cross"), tr("The whole wallet backs the position: more room, but a loss can take the wallet")},
        {MarginMode::Isolated, tr("Isolated"), tr("Only the position's own margin is at risk")},
        {MarginMode::StrictIsolated, tr("Strict"), tr("Isolated, and margin cannot be removed while open")},
    }};
    for (const auto& [mode, text, tip] : modes) {
        auto* b = segment(text, tip, this);
        m_mode->addButton(b, static_cast<int>(mode));
        modeRow->addWidget(b);
    }
    form->addRow(tr("Margin"), modeRow);

    m_atMarket = new QCheckBox(tr("At market"), this);
    m_atMarket->setToolTip(tr("Enter at the current mark price; untick to fix an entry price"));
    m_entry = spin(this, 0.0, 1e9, 2, tr("Entry price"));
    auto* entryRow = new QHBoxLayout;
    entryRow->addWidget(m_atMarket);
    entryRow->addWidget(m_entry, 1);
    addRow(form, tr("Entr&y"), withProblem(entryRow, m_entry), m_entry);

    m_sizeMode = new QComboBox(this);
    m_sizeMode->addItem(tr("Quantity"), static_cast<int>(model::SizeMode::Quantity));
    m_sizeMode->addItem(tr("Notional"), static_cast<int>(model::SizeMode::Notional));
    m_sizeMode->addItem(tr("Risk % of wallet"), static_cast<int>(model::SizeMode::RiskPercent));
    m_sizeMode->setToolTip(tr("State the size as contracts, as value, or as the share of the wallet lost at the stop"));
    m_size = spin(this, 0.0, 1e12, 4, tr("Position size"));
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_sizeMode);
    sizeRow->addWidget(m_size, 1);
    addRow(form, tr("Si&ze"), withProblem(sizeRow, m_size), m_size);

    m_wallet = spin(this, 0.0, 1e12, 2, tr("Wallet balance in the settlement currency"));
    addRow(form, tr("&Wallet"), withProblem(m_wallet), m_wallet);
    m_extra = spin(this, 0.0, 1e12, 2, tr("Isolated margin added beyond the initial margin"));
    addRow(form, tr("Added &margin"), withProblem(m_extra), m_extra);

    m_stopOn = new QCheckBox(this);
    m_stopOn->setToolTip(tr("Use a stop-loss"));
    m_stop = spin(this, 0.0, 1e9, 2, tr("Stop-loss price: must lie on the losing side of the entry"));
    auto* stopRow = new QHBoxLayout;
    stopRow->addWidget(m_stopOn);
    stopRow->addWidget(m_stop, 1);
    addRow(form, tr("&Stop-loss"), withProblem(stopRow, m_stop), m_stop);

    m_targetOn = new QCheckBox(this);
    m_targetOn->setToolTip(tr("Use a take-profit"));
    m_target = spin(this, 0.0, 1e9, 2, tr("Take-profit price: must lie on the winning side of the entry"));
    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(m_targetOn);
    targetRow->addWidget(m_target, 1);
    addRow(form, tr("Take-prof&it"), withProblem(targetRow, m_target), m_target);

    // Ranges wider than the model's: a value out of range is typed in full and refused
    // with the reason, not cut short by the field while typing.
    m_horizon = spin(this, 0.0, 1e7, 0, tr("How long you plan to hold: funding is paid every 8 hours"));
    m_horizon->setSuffix(tr(" h"));
    addRow(form, tr("Holdin&g"), withProblem(m_horizon), m_horizon);
    m_fee = spin(this, 0.0, 100.0, 3, tr("Taker fee per side, in percent of value"));
    m_fee->setSuffix(QStringLiteral(" %"));
    addRow(form, tr("Taker fee"), withProblem(m_fee), m_fee);

    connect(m_venue, &QComboBox::activated, this, [this] {
        report(m_model.setVenue(static_cast<engine::Venue>(m_venue->currentData().toInt())));
    });
    connect(m_symbol, &QComboBox::activated, this, [this] { report(m_model.setSymbol(m_symbol->currentText())); });
    connect(m_side, &QButtonGroup::idClicked, this, [this](int id) { report(m_model.setSide(static_cast<Side>(id))); });
    connect(m_mode, &QButtonGroup::idClicked, this, [this](int id) { report(m_model.setMarginMode(static_cast<MarginMode>(id))); });
    connect(m_atMarket, &QCheckBox::toggled, this, [this](bool on) { report(m_model.setEntryAtMarket(on)); });
    bind(m_entry, [this](double v) { return m_model.setEntryPrice(v); });
    connect(m_sizeMode, &QComboBox::activated, this, [this] {
        report(m_model.setSizeMode(static_cast<model::SizeMode>(m_sizeMode->currentData().toInt())));
    });
    bind(m_size, [this](double v) { return m_model.setSize(m_model.inputs().sizeMode == model::SizeMode::RiskPercent ? v / 100.0 : v); });
    bind(m_wallet, [this](double v) { return m_model.setWallet(v); });
    bind(m_extra, [this](double v) { return m_model.setExtraMargin(v); });
    connect(m_stopOn, &QCheckBox::toggled, this, [this](bool on) { report(m_model.enableStopLoss(on)); });
    bind(m_stop, [this](double v) { return m_model.setStopLoss(v); });
    connect(m_targetOn, &QCheckBox::toggled, this, [this](bool on) { report(m_model.enableTakeProfit(on)); });
    bind(m_target, [this](double v) { return m_model.setTakeProfit(v); });
    bind(m_horizon, [this](double v) { return m_model.setHorizonHours(v); });
    bind(m_fee, [this](double v) { return m_model.setFeeRate(v / 100.0); });
    new MarketThrottle(m_model, [this] { refresh(); }, Theme::kReadoutHz, this);
    refresh();
}

void PositionForm::report(const std::optional<model::Refusal>& outcome)
{
    if (!outcome)
        return;
    emit refused(*outcome);
    refresh();  // a refused choice shows the model's choice again
}

void PositionForm::bind(NumberField* field, std::function<std::optional<model::Refusal>(double)> set)
{
    connect(field, &NumberField::committed, this, [this, field, set = std::move(set)](double v) {
        const auto outcome = set(v);
        field->setProblem(outcome ? asSentence(outcome->reason) : QString());
        if (outcome)
            emit refused(*outcome);
    });
}

void PositionForm::refreshSymbols()
{
    const QStringList symbols = m_model.symbols(m_model.inputs().venue);
    QStringList current;
    for (int i = 0; i < m_symbol->count(); ++i)
        current << m_symbol->itemText(i);
    if (current != symbols) {
        m_symbol->clear();
        m_symbol->addItems(symbols);
    }
    m_symbol->setCurrentText(m_model.inputs().symbol);
}

void PositionForm::refresh()
{
    const auto& in = m_model.inputs();
    const auto& s = m_model.snapshot();
    const bool byMarket = !(m_model.market() == m_refreshedMarket);
    m_refreshedMarket = m_model.market();
    // Number fields guard themselves: they never overwrite what the person is typing.
    const QList<QWidget*> all{m_venue, m_symbol, m_atMarket, m_sizeMode, m_stopOn, m_targetOn};
    std::vector<std::unique_ptr<QSignalBlocker>> blockers;
    for (QWidget* w : all)
        blockers.push_back(std::make_unique<QSignalBlocker>(w));
    const QSignalBlocker sideBlock(m_side);
    const QSignalBlocker modeBlock(m_mode);

    m_venue->setCurrentIndex(m_venue->findData(static_cast<int>(in.venue)));
    refreshSymbols();
    m_side->button(static_cast<int>(in.side))->setChecked(true);
    m_mode->button(static_cast<int>(in.marginMode))->setChecked(true);

    const int d = decimalsFor(m_model.tickSize());
    const double tick = m_model.tickSize();
    // Setters that change a spin box's size hint relayout the panel: call them only on change.
    for (NumberField* p : {m_entry, m_stop, m_target}) {
        if (p->decimals() != d)
            p->setDecimals(d);
        if (p->singleStep() != tick * 10)
            p->setSingleStep(tick * 10);
    }
    m_atMarket->setChecked(in.entryAtMarket);
    m_entry->setEnabled(!in.entryAtMarket);
    m_entry->showModelValue(s.entry, byMarket);

    m_sizeMode->setCurrentIndex(m_sizeMode->findData(static_cast<int>(in.sizeMode)));
    const bool risk = in.sizeMode == model::SizeMode::RiskPercent;
    const QString suffix = risk ? QStringLiteral(" %") : QString();
    if (m_size->suffix() != suffix)
        m_size->setSuffix(suffix);
    m_size->showModelValue(risk ? in.size * 100.0 : in.size, byMarket);
    // Coin-settled contracts (BitMEX XBTUSD, Bybit BTCUSD) count the wallet in coin: to the satoshi.
    const bool coin = s.contract == engine::ContractKind::Inverse;
    const int moneyDecimals = coin ? 8 : 2;
    const QString unit = coin ? QStringLiteral(" BTC") : QString();
    for (NumberField* f : {m_wallet, m_extra}) {
        if (f->decimals() != moneyDecimals)
            f->setDecimals(moneyDecimals);
        if (f->suffix() != unit)
            f->setSuffix(unit);
    }
    m_wallet->showModelValue(in.wallet, byMarket);
    m_extra->showModelValue(in.extraMargin, byMarket);
    m_extra->setEnabled(in.marginMode != engine::MarginMode::Cross);

    m_stopOn->setChecked(in.stopLoss.has_value());
    m_stop->setEnabled(in.stopLoss.has_value());
    if (in.stopLoss)
        m_stop->showModelValue(*in.stopLoss, byMarket);
    m_targetOn->setChecked(in.takeProfit.has_value());
    m_target->setEnabled(in.takeProfit.has_value());
    if (in.takeProfit)
        m_target->showModelValue(*in.takeProfit, byMarket);
    m_horizon->showModelValue(in.horizonHours);
    m_fee->showModelValue(in.feeRate * 100.0);
}

}  // namespace levlab::ui
