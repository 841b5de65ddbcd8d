#include "ui/portfolio/portfolio_edits.h"

#include "ui/binding/edit_history.h"

#include <QCoreApplication>

#include <utility>

namespace levlab::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("PortfolioEdits", text);
}

QString sideName(engine::Side s)
{
    return s == engine::Side::Long ? tr("Long") : tr("Short");
}

QString modeName(engine::MarginMode m)
{
    switch (m) {
    case engine::MarginMode::Cross: return tr("Cross");
    case engine::MarginMode::Isolated: return tr("Isolated");
    case engine::MarginMode::StrictIsolated: return tr("Strict");
    }
    return {};
}

}  // namespace

QString holdingName(const model::Holding& h)
{
    QString asset = h.symbol;
    for (const QString& quote : {QStringLiteral("USDT"), QStringLiteral("USDC"), QStringLiteral("USD")}) {
        if (asset.endsWith(quote) && asset.size() > quote.size()) {
            asset.chop(quote.size());
            break;
        }
    }
    return QStringLiteral("%1 %2").arg(asset, h.side == engine::Side::Long ? tr("long") : tr("short"));
}

QString describeUpdate(const model::Holding& a, const model::Holding& b)
{
    const auto number = &EditHistory::number;
    QStringList parts;
    if (a.side != b.side)
        parts << tr("Side %1 → %2").arg(sideName(a.side), sideName(b.side));
    if (a.quantity != b.quantity)
        parts << tr("Size %1 → %2").arg(number(a.quantity), number(b.quantity));
    if (a.entry != b.entry)
        parts << tr("Entry %1 → %2").arg(number(a.entry), number(b.entry));
    if (a.leverage != b.leverage)
        parts << tr("Leverage %1× → %2×").arg(number(a.leverage), number(b.leverage));
    if (a.mode != b.mode)
        parts << tr("Margin %1 → %2").arg(modeName(a.mode), modeName(b.mode));
    return QStringLiteral("%1: %2").arg(holdingName(a), parts.isEmpty() ? tr("edit") : parts.join(QStringLiteral(", ")));
}

HoldingCommand::HoldingCommand(model::PortfolioModel& p, Kind kind, std::size_t index, model::Holding h, const QString& text)
    : QUndoCommand(text), m_portfolio(p), m_kind(kind), m_index(index), m_holding(std::move(h))
{
}

void HoldingCommand::redo()
{
    apply(m_kind);
}

void HoldingCommand::undo()
{
    apply(m_kind == Kind::Insert ? Kind::Remove : Kind::Insert);
}

void HoldingCommand::apply(Kind k)
{
    if (k == Kind::Insert)
        m_portfolio.insert(m_index, m_holding);
    else
        m_portfolio.remove(m_index);
}

HoldingUpdate::HoldingUpdate(model::PortfolioModel& p, std::size_t index, model::Holding before, model::Holding after, RefusalSink report)
    : QUndoCommand(describeUpdate(before, after)),
      m_portfolio(p),
      m_index(index),
      m_before(std::move(before)),
      m_after(std::move(after)),
      m_report(std::move(report))
{
}

void HoldingUpdate::undo()
{
    put(m_before);
}

void HoldingUpdate::redo()
{
    if (std::exchange(m_done, false))
        return;
    put(m_after);
}

void HoldingUpdate::put(const model::Holding& h)
{
    if (auto r = m_portfolio.update(m_index, h); r && m_report)
        m_report(*r);
}

WalletChange::WalletChange(model::PortfolioModel& p, double before, double after, RefusalSink report)
    : QUndoCommand(tr("Portfolio wallet %1 → %2").arg(EditHistory::number(before), EditHistory::number(after))),
      m_portfolio(p),
      m_before(before),
      m_after(after),
      m_report(std::move(report))
{
}

void WalletChange::undo()
{
    put(m_before);
}

void WalletChange::redo()
{
    if (std::exchange(m_done, false))
        return;
    put(m_after);
}

void WalletChange::put(double wallet)
{
    if (auto r = m_portfolio.setWallet(wallet); r && m_report)
        m_report(*r);
}

}  // namespace levlab::ui
