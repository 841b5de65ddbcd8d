#include "ui/controls/exits_form.h"

#include "core/model/plan/risk_model.h"
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
    m_trail = field(this, 100.0, 2, QStringLiteral(" %"), tr("Trailing stop distance"));
    grid->addWidget(m_trailOn, r, 0);
    grid->addWidget(m_trail, r++, 1, 1, 2);
    grid->addWidget(m_trail->problemLabel(), r++, 0, 1, 3);
    connect(m_trailOn, &QCheckBox::toggled, this, [this](bool on) {
        model::ExitLadder l = m_model.inputs().ladder;
        l.trailing = on ? std::optional(engine::TrailingStop{0.02, false, std::nullopt}) : std::nullopt;
        commit(l);
    });
    bindNumber(m_trail, [](model::ExitLadder& l, double v) {
        if (l.trailing)
            l.trailing->distance = v / 100.0;
    });

    m_topUpOn = check(tr("Top-up"), tr("Margin top-up rule"), this);
    m_topUpOn->setToolTip(tr("When the margin ratio reaches this level, add this much margin (once)"));
    m_topUpRatio = field(this, 1000.0, 1, QStringLiteral(" %"), tr("Top-up at margin ratio"));
    m_topUpAmount = field(this, 1e12, 2, QString(), tr("Top-up amount"));
    m_topUpAmount->setPrefix(QStringLiteral("+"));
    grid->addWidget(m_topUpOn, r, 0);
    grid->addWidget(m_topUpRatio, r, 1);
    grid->addWidget(m_topUpAmount, r++, 2);
    grid->addWidget(m_topUpRatio->problemLabel(), r++, 0, 1, 3);
    grid->addWidget(m_topUpAmount->problemLabel(), r++, 0, 1, 3);
    connect(m_topUpOn, &QCheckBox::toggled, this, [this](bool on) {
        model::ExitLadder l = m_model.inputs().ladder;
        l.topUps.clear();
        if (on) {
            const double margin = m_model.snapshot().position.initialMargin;
            l.topUps.push_back(engine::TopUpRule{0.8, margin > 0.0 ? std::round(margin * 0.5) : 100.0, 1, std::nullopt});
        }
        commit(l);
    });
    bindNumber(m_topUpRatio, [](model::ExitLadder& l, double v) {
        if (!l.topUps.empty())
            l.topUps.front().marginRatio = v / 100.0;
    });
    bindNumber(m_topUpAmount, [](model::ExitLadder& l, double v) {
        if (!l.topUps.empty())
            l.topUps.front().amount = v;
    });

    m_delevOn = check(tr("Deleverage"), tr("Deleveraging rule"), this);
    m_delevOn->setToolTip(tr("When the margin ratio reaches this level, close this share of what is open (once)"));
    m_delevRatio = field(this, 1000.0, 1, QStringLiteral(" %"), tr("Deleverage at margin ratio"));
    m_delevShare = field(this, 1000.0, 1, QStringLiteral(" %"), tr("Deleverage share closed"));
    grid->addWidget(m_delevOn, r, 0);
    grid->addWidget(m_delevRatio, r, 1);
    grid->addWidget(m_delevShare, r++, 2);
    grid->addWidget(m_delevRatio->problemLabel(), r++, 0, 1, 3);
    grid->addWidget(m_delevShare->problemLabel(), r++, 0, 1, 3);
    connect(m_delevOn, &QCheckBox::toggled, this, [this](bool on) {
        model::ExitLadder l = m_model.inputs().ladder;
        l.deleverages.clear();
        if (on)
            l.deleverages.push_back(engine::DeleverageRule{0.9, 0.5, 1});
        commit(l);
    });
    bindNumber(m_delevRatio, [](model::ExitLadder& l, double v) {
        if (!l.deleverages.empty())
            l.deleverages.front().marginRatio = v / 100.0;
    });
    bindNumber(m_delevShare, [](model::ExitLadder& l, double v) {
        if (!l.deleverages.empty())
            l.deleverages.front().share = v / 100.0;
    });

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
        if (!m_stress)
            m_stress = new StressView(m_model, window());
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
    const QSignalBlocker b2(m_topUpOn);
    const QSignalBlocker b3(m_delevOn);
    m_trailOn->setChecked(l.trailing.has_value());
    m_trail->setEnabled(l.trailing && !l.trailing->inPrice);
    if (l.trailing)
        m_trail->showModelValue(l.trailing->distance * 100.0, byMarket);
    m_topUpOn->setChecked(!l.topUps.empty());
    m_topUpRatio->setEnabled(!l.topUps.empty());
    m_topUpAmount->setEnabled(!l.topUps.empty());
    if (!l.topUps.empty()) {
        m_topUpRatio->showModelValue(l.topUps.front().marginRatio * 100.0, byMarket);
        m_topUpAmount->showModelValue(l.topUps.front().amount, byMarket);
    }
    m_delevOn->setChecked(!l.deleverages.empty());
    m_delevRatio->setEnabled(!l.deleverages.empty());
    m_delevShare->setEnabled(!l.deleverages.empty());
    if (!l.deleverages.empty()) {
        m_delevRatio->showModelValue(l.deleverages.front().marginRatio * 100.0, byMarket);
        m_delevShare->showModelValue(l.deleverages.front().share * 100.0, byMarket);
    }
    // An open trade's exits run as planned; the stress run and the comparison stay at hand.
    const bool editable = m_model.tradeState() != model::TradeState::Open;
    for (QWidget* w : findChildren<QWidget*>()) {
        if ((qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QCheckBox*>(w) || qobject_cast<QComboBox*>(w)) && !editable)
            w->setEnabled(false);
    }
    for (const Rung& rung : m_rows)
        rung.on->setEnabled(editable);
    for (QWidget* w : std::initializer_list<QWidget*>{m_trailOn, m_topUpOn, m_delevOn})
        w->setEnabled(editable);
}

}  // namespace levlab::ui
