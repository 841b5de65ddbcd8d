#include "ui/chart/ladder_lines.h"

#include "core/model/plan/risk_model.h"

#include <cmath>

namespace levlab::ui {

LadderLines::LadderLines(model::RiskModel& model, const Theme& theme, QGraphicsItem* chart, QObject* parent)
    : QObject(parent), m_model(model), m_theme(theme), m_chart(chart)
{
}

void LadderLines::setTheme(const Theme& theme)
{
    m_theme = theme;
    for (LevelLine* line : m_lines)
        line->setTheme(theme);
}

std::vector<LadderLines::Level> LadderLines::levels() const
{
    std::vector<Level> out;
    const auto& in = m_model.inputs();
    const auto& s = m_model.snapshot();
    if (!s.valid)
        return out;
    // Rungs already filled are gone from the chart; their markers say where they filled.
    std::size_t filled = 0;
    for (const auto& step : m_model.tradeSteps())
        filled += step.kind == engine::TradeStep::Kind::TakeProfit ? 1u : 0u;
    if (m_model.tradeState() == model::TradeState::Closed)
        filled = in.ladder.targets.size();
    for (std::size_t i = filled; i < in.ladder.targets.size(); ++i) {
        const auto& t = in.ladder.targets[i];
        out.push_back({LevelLine::Kind::TakeProfit, tr("TP%1 %2%").arg(i + 1).arg(std::round(t.share * 1000.0) / 10.0), t.price,
                       static_cast<int>(i)});
    }
    if (s.ladder && m_model.tradeState() == model::TradeState::Planning) {
        for (const auto& m : s.ladder->marginSteps) {
            const bool topUp = m.kind == engine::MarginStep::Kind::TopUp;
            const auto n = static_cast<int>(m.rule) + 1;
            const QString rule = topUp ? tr("Top-up %1").arg(n) : tr("Delev %1").arg(n);
            out.push_back({LevelLine::Kind::Bankruptcy, rule, m.triggerPrice, -1});
            if (m.liquidationAfter)
                out.push_back({LevelLine::Kind::Liquidation, tr("Liq ⇒ %1").arg(topUp ? tr("T%1").arg(n) : tr("D%1").arg(n)), *m.liquidationAfter, -1});
        }
    }
    return out;
}

LevelLine* LadderLines::target(int i) const
{
    for (std::size_t k = 0; k < m_lines.size(); ++k) {
        if (m_rungs[k] == i && m_lines[k]->level())
            return m_lines[k];
    }
    return nullptr;
}

void LadderLines::place(const QRectF& plot, double yMin, double yMax, double tagWidth, int decimals)
{
    const std::vector<Level> wanted = levels();
    // Lines are made per kind and reused; a kind change replaces the item.
    while (m_lines.size() < wanted.size()) {
        m_lines.push_back(nullptr);
        m_rungs.push_back(-1);
    }
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        if (m_lines[i] && m_lines[i]->kind() == wanted[i].kind)
            continue;
        delete m_lines[i];
        auto* line = new LevelLine(wanted[i].kind, m_theme, m_chart);
        m_lines[i] = line;
        if (wanted[i].kind == LevelLine::Kind::TakeProfit) {
            line->setDraggable(true);
            connect(line, &LevelLine::dragged, this, [this, i](double price) {
                emit dragging(true);
                const int rung = m_rungs[i];
                model::ExitLadder l = m_model.inputs().ladder;
                if (rung < 0 || static_cast<std::size_t>(rung) >= l.targets.size())
                    return;
                l.targets[static_cast<std::size_t>(rung)].price = m_model.snapToTick(price);
                (void)m_model.setExitLadder(l);  // a refused place leaves the line where the model has it
            });
            connect(line, &LevelLine::dragFinished, this, [this] { emit dragging(false); });
        } else {
            line->setOpacity(0.7);
        }
    }
    const double reference = m_model.snapshot().entry;
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        LevelLine* line = m_lines[i];
        if (i >= wanted.size()) {
            m_rungs[i] = -1;
            line->setLevel(std::nullopt, reference, decimals);
            continue;
        }
        m_rungs[i] = wanted[i].rung;
        line->setName(wanted[i].name);
        line->setFrame(plot, yMin, yMax, tagWidth);
        line->setLevel(wanted[i].price, reference, decimals);
    }
}

}  // namespace levlab::ui
