#include "ui/controls/exits_form.h"

#include "core/model/plan/risk_model.h"
#include "core/model/replay/stress_replay.h"
#include "ui/binding/market_throttle.h"
#include "ui/stress/stress_view.h"
#include "ui/venue/venue_comparison.h"
#include "ui/theme/theme.h"

#include <QCheckBox>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QPushButton>
#include <QLabel>
#include <QSignalBlocker>

#include <cmath>

namespace levlab::ui {

namespace {

NumberField* field(QWidget* parent, double max, int decimals, const QString& suffix, const QString& name)
{
    auto* f = new NumberField(parent);
    f->setRange(0.0, max);
    f->setDecimals(decimals);
    f->setSuffix(suffix);
    f->setAccessibleName(name);
    f->setToolTip(name);
    f->setMinimumWidth(64);  // not the width of the widest number the range allows
    return f;
}

QCheckBox* check(const QString& text, const QString& name, QWidget* parent)
{
    auto* c = new QCheckBox(text, parent);
    c->setAccessibleName(name);
    return c;
}

/// The ladder's share still unassigned, 0 … 1.
double remaining(const model::ExitLadder& l)
{
    double total = 0.0;
    for (const auto& t : l.targets)
        total += t.share;
    return std::max(0.0, 1.0 - total);
}

}  // namespace

ExitsForm::ExitsForm(model::RiskModel& model, QWidget* parent) : QWidget(parent), m_model(model)
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setVerticalSpacing(2);
    grid->setColumnStretch(1, 3);
    grid->setColumnStretch(2, 2);
    int r = 0;
    for (int i = 0; i < kRows; ++i) {
        Rung& rung = m_rows[static_cast<std::size_t>(i)];
        rung.on = check(tr("TP%1").arg(i + 1), tr("Take-profit %1").arg(i + 1), this);
        rung.on->setToolTip(tr("Take part of the position off at a price on the winning side"));
        rung.price = field(this, 1e9, 2, QString(), tr("Take-profit %1 price").arg(i + 1));
        rung.share = field(this, 1000.0, 1, QStringLiteral(" %"), tr("Take-profit %1 share").arg(i + 1));
        rung.share->setToolTip(tr("Share of the position as opened that this take-profit closes"));
        grid->addWidget(rung.on, r, 0);
        grid->addWidget(rung.price, r, 1);
        grid->addWidget(rung.share, r++, 2);
        grid->addWidget(rung.price->problemLabel(), r++, 0, 1, 3);
        grid->addWidget(rung.share->problemLabel(), r++, 0, 1, 3);
        connect(rung.on, &QCheckBox::toggled, this, [this, i](bool on) { toggleTarget(i, on); });
        bindNumber(rung.price, [i](model::ExitLadder& l, double v) { l.targets[static_cast<std::size_t>(i)].price = v; });
        bindNumber(rung.share, [i](model::ExitLadder& l, double v) { l.targets[static_cast<std::size_t>(i)].share = v / 100.0; });
    }

    auto* beLabel = new QLabel(tr("Break-even after"), this);
    m_breakEven = new QComboBox(this);
    m_breakEven->setAccessibleName(tr("Break-even after"));
    m_breakEven->setToolTip(tr("Move the stop to the entry plus the fees paid once this take-profit fills"));
    beLabel->setBuddy(m_breakEven);
    grid->addWidget(beLabel, r, 0);
    grid->addWidget(m_breakEven, r++, 1, 1, 2);
    connect(m_breakEven, &QComboBox::activated, this, [this](int index) {
        model::ExitLadder l = m_model.inputs().ladder;
        std::erase_if(l.stopMoves, [](const engine::StopMove& m) { return m.breakEven; });
        if (index > 0)
            l.stopMoves.push_back(engine::StopMove{index, true, 0.0});
        commit(l);
    });

    m_trailOn = check(tr("Trail"), tr("Trailing stop"), this);
    m_trailOn->setToolTip(tr("A stop that follows the best price by a fixed distance"));
    m_trail = field(this, 1e9, 2, QStringLiteral(" %"), tr("Trailing stop distance"));
    m_trailUnit = new QComboBox(this);
    m_trailUnit->addItems({tr("% of best"), tr("in price")});
    m_trailUnit->setAccessibleName(tr("Trailing stop distance unit"));
    m_trailUnit->setToolTip(tr("The distance as a share of the best price reached, or as a price distance"));
    grid->addWidget(m_trailOn, r, 0);
    grid->addWidget(m_trail, r, 1);
    grid->addWidget(m_trailUnit, r++, 2);
    grid->addWidget(m_trail->problemLabel(), r++, 0, 1, 3);
    connect(m_trailOn, &QCheckBox::toggled, this, [this](bool on) {
        model::ExitLadder l = m_model.inputs().ladder;
        l.trailing = on ? std::optional(engine::TrailingStop{0.02, false, std::nullopt}) : std::nullopt;
        commit(l);
    });
    connect(m_trailUnit, &QComboBox::activated, this, [this](int index) { setTrailingUnit(index == 1); });
    bindNumber(m_trail, [](model::ExitLadder& l, double v) {
        if (l.trailing)
            l.trailing->distance = l.trailing->inPrice ? v : v / 100.0;
    });

    addRuleRows(grid, r, RuleKind::TopUp);
    addRuleRows(grid, r, RuleKind::Deleverage);

    // Before any capital is risked: the plan over many paths, and on every venue.
    auto* tools = new QHBoxLayout;
    auto* stress = new QPushButton(tr("Stress test…"), this);
    stress->setToolTip(tr("Run the plan with and without its ladder and rules over many seeded market paths"));
    auto* venues = new QPushButton(tr("Compare venues…"), this);
    venues->setToolTip(tr("The same trade under every venue's rules, side by side"));
    tools->addWidget(stress);
    tools->addWidget(venues);
    grid->addLayout(tools, r++, 0, 1, 3);
    connect(stress, &QPushButton::clicked, this, [this] {
        if (!m_stress) {
            m_stress = new StressView(m_model, window());
            m_stress->setHistory(m_stressHistory);
            connect(m_stress, &StressView::replayRequested, this, &ExitsForm::replayRequested);
        }
        m_stress->show();
        m_stress->raise();
    });
    connect(venues, &QPushButton::clicked, this, [this] {
        if (!m_venues)
            m_venues = new VenueComparison(m_model, window());
        m_venues->refresh();
        m_venues->show();
        m_venues->raise();
    });

    new MarketThrottle(m_model, [this] { refresh(); }, Theme::kReadoutHz, this);
    connect(&m_model, &model::RiskModel::tradeStateChanged, this, [this] { refresh(); });
    refresh();
}

void ExitsForm::setStressHistory(std::function<const model::ReplaySource*()> history)
{
    m_stressHistory = std::move(history);
    if (m_stress)
        m_stress->setHistory(m_stressHistory);
}

void ExitsForm::commit(const model::ExitLadder& ladder, NumberField* f)
{
    const auto outcome = m_model.setExitLadder(ladder);
    if (f)
        f->setProblem(outcome ? outcome->message() : QString());
    if (outcome) {
        emit refused(*outcome);
        if (!f)
            refresh();  // a refused choice shows the model's choice again
    }
}

void ExitsForm::bindNumber(NumberField* f, std::function<void(model::ExitLadder&, double)> change)
{
    connect(f, &NumberField::committed, this, [this, f, change = std::move(change)](double v) {
        model::ExitLadder l = m_model.inputs().ladder;
        change(l, v);
        commit(l, f);
    });
}

void ExitsForm::toggleTarget(int i, bool on)
{
    model::ExitLadder l = m_model.inputs().ladder;
    const auto n = static_cast<std::size_t>(i);
    if (on && n == l.targets.size()) {
        // Next rung: 2% of the entry beyond the last one, closing what is left.
        const double entry = m_model.snapshot().entry;
        const double s = engine::sign(m_model.inputs().side);
        const double from = l.targets.empty() ? entry : l.targets.back().price;
        const double rest = remaining(l);
        l.targets.push_back({m_model.snapToTick(from + s * 0.02 * entry), rest > 0.0 ? rest : 0.0});
    } else if (!on && n < l.targets.size()) {
        l.targets.erase(l.targets.begin() + static_cast<std::ptrdiff_t>(n));
        std::erase_if(l.stopMoves, [&](const engine::StopMove& m) { return static_cast<std::size_t>(m.afterTarget) > l.targets.size(); });
    } else {
        return;
    }
    commit(l);
}

void ExitsForm::refresh()
{
    const auto& in = m_model.inputs();
    const model::ExitLadder& l = in.ladder;
    const bool byMarket = !(m_model.market() == m_refreshedMarket);
    m_refreshedMarket = m_model.market();
    const int d = std::clamp(static_cast<int>(std::ceil(-std::log10(m_model.tickSize()) - 1e-9)), 0, 8);
    for (int i = 0; i < kRows; ++i) {
        const Rung& rung = m_rows[static_cast<std::size_t>(i)];
        const auto n = static_cast<std::size_t>(i);
        const bool has = n < l.targets.size();
        // The rows in use and the one that adds the next take-profit.
        const bool shown = n <= l.targets.size();
        for (QWidget* w : std::initializer_list<QWidget*>{rung.on, rung.price, rung.share}) {
            if (w->isVisibleTo(this) != shown)
                w->setVisible(shown);
        }
        const QSignalBlocker block(rung.on);
        rung.on->setChecked(has);
        rung.price->setEnabled(has);
        rung.share->setEnabled(has);
        if (rung.price->decimals() != d)
            rung.price->setDecimals(d);
        if (has) {
            rung.price->showModelValue(l.targets[n].price, byMarket);
            rung.share->showModelValue(l.targets[n].share * 100.0, byMarket);
        }
    }
    {
        const QSignalBlocker block(m_breakEven);
        const int count = static_cast<int>(l.targets.size()) + 1;
        if (m_breakEven->count() != count) {
            m_breakEven->clear();
            m_breakEven->addItem(tr("never"));
            for (int k = 1; k < count; ++k)
                m_breakEven->addItem(tr("TP%1").arg(k));
        }
        int after = 0;
        for (const auto& m : l.stopMoves) {
            if (m.breakEven)
                after = m.afterTarget;
        }
        m_breakEven->setCurrentIndex(std::min(after, count - 1));
        m_breakEven->setEnabled(!l.targets.empty() && m_model.tradeState() != model::TradeState::Open);
    }
    const QSignalBlocker b1(m_trailOn);
    const QSignalBlocker b2(m_trailUnit);
    m_trailOn->setChecked(l.trailing.has_value());
    m_trail->setEnabled(l.trailing.has_value());
    m_trailUnit->setEnabled(l.trailing.has_value());
    const bool inPrice = l.trailing && l.trailing->inPrice;
    m_trailUnit->setCurrentIndex(inPrice ? 1 : 0);
    if (m_trail->suffix().isEmpty() != inPrice) {
        m_trail->setSuffix(inPrice ? QString() : QStringLiteral(" %"));
        m_trail->setDecimals(inPrice ? d : 2);
    }
    if (l.trailing)
        m_trail->showModelValue(inPrice ? l.trailing->distance : l.trailing->distance * 100.0, byMarket);
    refreshRules(RuleKind::TopUp, byMarket);
    refreshRules(RuleKind::Deleverage, byMarket);
    // An open trade's exits run as planned; the stress run and the comparison stay at hand.
    const bool editable = m_model.tradeState() != model::TradeState::Open;
    for (QWidget* w : findChildren<QWidget*>()) {
        if ((qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QCheckBox*>(w) || qobject_cast<QComboBox*>(w)) && !editable)
            w->setEnabled(false);
    }
    for (const Rung& rung : m_rows)
        rung.on->setEnabled(editable);
    m_trailOn->setEnabled(editable);
    for (const auto* rows : {&m_topUps, &m_delevs}) {
        for (const RuleRow& row : *rows)
            row.on->setEnabled(editable);
    }
}

void ExitsForm::addRuleRows(QGridLayout* grid, int& r, RuleKind kind)
{
    const bool topUp = kind == RuleKind::TopUp;
    auto& rows = topUp ? m_topUps : m_delevs;
    for (int i = 0; i < kRuleRows; ++i) {
        RuleRow& row = rows[static_cast<std::size_t>(i)];
        const QString n = i == 0 ? QString() : QStringLiteral(" %1").arg(i + 1);
        if (topUp) {
            row.on = check(tr("Top-up") + n, tr("Margin top-up rule %1").arg(i + 1), this);
            row.on->setToolTip(tr("When the margin ratio reaches this level, add this much margin (once)"));
            row.ratio = field(this, 1000.0, 1, QStringLiteral(" %"), tr("Top-up %1 at margin ratio").arg(i + 1));
            row.value = field(this, 1e12, 2, QString(), tr("Top-up %1 amount").arg(i + 1));
            row.value->setPrefix(QStringLiteral("+"));
        } else {
            row.on = check(tr("Deleverage") + n, tr("Deleveraging rule %1").arg(i + 1), this);
            row.on->setToolTip(tr("When the margin ratio reaches this level, close this share of what is open (once)"));
            row.ratio = field(this, 1000.0, 1, QStringLiteral(" %"), tr("Deleverage %1 at margin ratio").arg(i + 1));
            row.value = field(this, 1000.0, 1, QStringLiteral(" %"), tr("Deleverage %1 share closed").arg(i + 1));
        }
        grid->addWidget(row.on, r, 0);
        grid->addWidget(row.ratio, r, 1);
        grid->addWidget(row.value, r++, 2);
        grid->addWidget(row.ratio->problemLabel(), r++, 0, 1, 3);
        grid->addWidget(row.value->problemLabel(), r++, 0, 1, 3);
        connect(row.on, &QCheckBox::toggled, this, [this, kind, i](bool on) { toggleRule(kind, i, on); });
        const auto k = static_cast<std::size_t>(i);
        if (topUp) {
            bindNumber(row.ratio, [k](model::ExitLadder& l, double v) {
                if (k < l.topUps.size())
                    l.topUps[k].marginRatio = v / 100.0;
            });
            bindNumber(row.value, [k](model::ExitLadder& l, double v) {
                if (k < l.topUps.size())
                    l.topUps[k].amount = v;
            });
        } else {
            bindNumber(row.ratio, [k](model::ExitLadder& l, double v) {
                if (k < l.deleverages.size())
                    l.deleverages[k].marginRatio = v / 100.0;
            });
            bindNumber(row.value, [k](model::ExitLadder& l, double v) {
                if (k < l.deleverages.size())
                    l.deleverages[k].share = v / 100.0;
            });
        }
    }
}

void ExitsForm::toggleRule(RuleKind kind, int i, bool on)
{
    model::ExitLadder l = m_model.inputs().ladder;
    const auto n = static_cast<std::size_t>(i);
    if (kind == RuleKind::TopUp) {
        if (on && n == l.topUps.size()) {
            // The first at 80% adds half the margin; each next one 5 points nearer liquidation.
            const double margin = m_model.snapshot().position.initialMargin;
            const double amount = l.topUps.empty() ? (margin > 0.0 ? std::round(margin * 0.5) : 100.0) : l.topUps.back().amount;
            const double ratio = l.topUps.empty() ? 0.8 : std::min(0.95, l.topUps.back().marginRatio + 0.05);
            l.topUps.push_back(engine::TopUpRule{ratio, amount, 1, std::nullopt});
        } else if (!on && n < l.topUps.size()) {
            l.topUps.erase(l.topUps.begin() + static_cast<std::ptrdiff_t>(n));
        } else {
            return;
        }
    } else {
        if (on && n == l.deleverages.size()) {
            const double ratio = l.deleverages.empty() ? 0.9 : std::min(0.97, l.deleverages.back().marginRatio + 0.03);
            l.deleverages.push_back(engine::DeleverageRule{ratio, 0.5, 1});
        } else if (!on && n < l.deleverages.size()) {
            l.deleverages.erase(l.deleverages.begin() + static_cast<std::ptrdiff_t>(n));
        } else {
            return;
        }
    }
    commit(l);
}

void ExitsForm::setTrailingUnit(bool inPrice)
{
    model::ExitLadder l = m_model.inputs().ladder;
    if (!l.trailing || l.trailing->inPrice == inPrice)
        return;
    // The same distance from the entry in the other unit.
    const double entry = m_model.snapshot().entry;
    if (!(entry > 0.0))
        return;
    l.trailing->distance = inPrice ? m_model.snapToTick(l.trailing->distance * entry) : l.trailing->distance / entry;
    l.trailing->inPrice = inPrice;
    commit(l, m_trail);
}

void ExitsForm::refreshRules(RuleKind kind, bool byMarket)
{
    const model::ExitLadder& l = m_model.inputs().ladder;
    const bool topUp = kind == RuleKind::TopUp;
    const auto& rows = topUp ? m_topUps : m_delevs;
    const std::size_t count = topUp ? l.topUps.size() : l.deleverages.size();
    for (std::size_t n = 0; n < rows.size(); ++n) {
        const RuleRow& row = rows[n];
        const bool has = n < count;
        const bool shown = n <= count;
        for (QWidget* w : std::initializer_list<QWidget*>{row.on, row.ratio, row.value}) {
            if (w->isVisibleTo(this) != shown)
                w->setVisible(shown);
        }
        const QSignalBlocker block(row.on);
        row.on->setChecked(has);
        row.ratio->setEnabled(has);
        row.value->setEnabled(has);
        if (!has)
            continue;
        if (topUp) {
            row.ratio->showModelValue(l.topUps[n].marginRatio * 100.0, byMarket);
            row.value->showModelValue(l.topUps[n].amount, byMarket);
        } else {
            row.ratio->showModelValue(l.deleverages[n].marginRatio * 100.0, byMarket);
            row.value->showModelValue(l.deleverages[n].share * 100.0, byMarket);
        }
    }
}

}  // namespace levlab::ui
