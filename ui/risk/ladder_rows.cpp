#include "ui/risk/ladder_rows.h"

#include "core/model/plan/messages.h"
#include "core/model/plan/risk_model.h"
#include "ui/binding/market_throttle.h"
#include "ui/risk/value_table.h"
#include "ui/theme/theme.h"

#include <QDateTime>
#include <QVBoxLayout>

#include <cmath>

namespace levlab::ui {

namespace {

using Step = engine::TradeStep;

QString money(double v) { return (v >= 0.0 ? QStringLiteral("+") : QString()) + model::formatNumber(v, 2); }

QString stepName(const Step& s)
{
    switch (s.kind) {
    case Step::Kind::TakeProfit: return LadderRows::tr("Take-profit %1").arg(s.target);
    case Step::Kind::StopLoss: return LadderRows::tr("Stop-loss");
    case Step::Kind::BreakEvenStop: return LadderRows::tr("Break-even stop");
    case Step::Kind::TrailingStop: return LadderRows::tr("Trailing stop");
    case Step::Kind::Liquidation: return LadderRows::tr("Liquidation");
    case Step::Kind::TopUp: return LadderRows::tr("Margin top-up");
    case Step::Kind::Deleverage: return LadderRows::tr("Deleverage");
    case Step::Kind::StopMoved: return LadderRows::tr("Stop moved (after TP%1)").arg(s.target);
    case Step::Kind::EndOfPath: return LadderRows::tr("Closed at market");
    }
    return {};
}

QString liquidationAfter(const Step& s, int d)
{
    return s.liquidationAfter ? LadderRows::tr("; liq. %1").arg(model::formatNumber(*s.liquidationAfter, d)) : QString();
}

}  // namespace

LadderRows::LadderRows(model::RiskModel& model, QWidget* parent) : QWidget(parent), m_model(model)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table = new ValueTable(this);
    m_table->setAccessibleName(tr("Exit plan"));
    layout->addWidget(m_table);
    new MarketThrottle(m_model, [this] { refresh(); }, Theme::kReadoutHz, this);
    refresh();
}

void LadderRows::refresh()
{
    const auto& s = m_model.snapshot();
    const int d = std::clamp(static_cast<int>(std::ceil(-std::log10(m_model.tickSize()) - 1e-9)), 0, 8);
    QStringList names;
    QStringList values;
    const auto& steps = m_model.tradeSteps();
    if (m_model.tradeState() != model::TradeState::Planning && !steps.empty()) {
        // The trade's own steps, as they happened.
        double realised = 0.0;
        for (const Step& st : steps) {
            realised += st.result;
            const QString at = QDateTime::fromMSecsSinceEpoch(st.timeMs, Qt::UTC).toString(QStringLiteral("HH:mm:ss"));
            names << tr("%1 · %2").arg(at, stepName(st));
            if (st.kind == Step::Kind::StopMoved)
                values << tr("to %1").arg(model::formatNumber(st.price, d));
            else if (st.kind == Step::Kind::TopUp)
                values << tr("%1 added at %2%3").arg(model::formatNumber(st.added, 2), model::formatNumber(st.price, d), liquidationAfter(st, d));
            else
                values << tr("%1 at %2%3").arg(money(st.result), model::formatNumber(st.price, d), liquidationAfter(st, d));
        }
        names << tr("Realised");
        values << money(realised);
    } else if (s.valid && s.ladder) {
        const engine::LadderPreview& p = *s.ladder;
        if (!m_model.inputs().ladder.targets.empty()) {
            names << tr("Blended reward : risk");
            values << (p.rewardRisk ? tr("%1 : 1  (%2 ÷ %3)").arg(model::formatNumber(*p.rewardRisk, 2), model::formatNumber(p.reward, 2),
                                                                  model::formatNumber(p.risk, 2))
                                    : QStringLiteral("—"));
            for (const Step& st : p.targetSteps) {
                names << stepName(st);
                if (st.kind == Step::Kind::StopMoved)
                    values << tr("to %1").arg(model::formatNumber(st.price, d));
                else
                    values << tr("%1 at %2%3").arg(money(st.result), model::formatNumber(st.price, d), liquidationAfter(st, d));
            }
        }
        for (const auto& m : p.marginSteps) {
            const bool topUp = m.kind == engine::MarginStep::Kind::TopUp;
            names << (topUp ? tr("Top-up %1 triggers").arg(m.rule + 1) : tr("Deleverage %1 triggers").arg(m.rule + 1));
            const QString what = topUp ? tr("+%1").arg(model::formatNumber(m.amount, 2)) : tr("−%1").arg(model::formatNumber(m.amount, 4));
            values << tr("at %1, %2%3")
                          .arg(model::formatNumber(m.triggerPrice, d), what,
                               m.liquidationAfter ? tr("; liq. %1").arg(model::formatNumber(*m.liquidationAfter, d)) : QString());
        }
    }
    if (names != m_names) {
        m_names = names;
        m_table->clear();
        for (const QString& n : names)
            m_table->addRow(n);
    }
    for (int i = 0; i < values.size(); ++i)
        m_table->setValue(i, values[i]);
}

}  // namespace levlab::ui
