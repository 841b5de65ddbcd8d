#include "ui/portfolio/positions_table_model.h"

#include "core/model/portfolio/portfolio_model.h"
#include "ui/binding/market_throttle.h"
#include "ui/theme/theme.h"

#include <QLocale>

namespace levlab::ui {

namespace {

QString number(double v, int decimals) { return QLocale().toString(v, 'f', decimals); }
int decimalsFor(double price) { return price >= 1000 ? 1 : price >= 10 ? 2 : 4; }

}  // namespace

PositionsTableModel::PositionsTableModel(model::PortfolioModel& portfolio, QObject* parent)
    : QAbstractTableModel(parent), m_portfolio(portfolio), m_rows(static_cast<int>(portfolio.holdings().size()))
{
    connect(&m_portfolio, &model::PortfolioModel::changed, this, &PositionsTableModel::onChanged);
    auto* limiter = new RateLimiter([this] { onMarksChanged(); }, Theme::kReadoutHz, this);
    connect(&m_portfolio, &model::PortfolioModel::marksChanged, limiter, &RateLimiter::request);
}

void PositionsTableModel::onChanged()
{
    const int rows = static_cast<int>(m_portfolio.holdings().size());
    if (rows != m_rows) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    if (rows > 0)
        emit dataChanged(index(0, 0), index(rows - 1, ColumnCount - 1), {Qt::DisplayRole});
}

void PositionsTableModel::onMarksChanged()
{
    // A mark moves only what is valued at the mark; the trader's own inputs stay. One
    // cell at a time: a view repaints a single changed cell, but the whole table for a range.
    const int rows = static_cast<int>(m_portfolio.holdings().size());
    if (rows != m_rows) {
        onChanged();
        return;
    }
    for (int row = 0; row < rows; ++row) {
        for (int column = Margin; column < ColumnCount; ++column) {
            const QModelIndex cell = index(row, column);
            emit dataChanged(cell, cell, {Qt::DisplayRole});
        }
    }
}

int PositionsTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int PositionsTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PositionsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("Position");
    case Symbol: return tr("Symbol");
    case Side: return tr("Side");
    case Size: return tr("Size");
    case Entry: return tr("Entry");
    case Leverage: return tr("Leverage");
    case Mode: return tr("Mode");
    case Margin: return tr("Margin");
    case Mark: return tr("Mark");
    case Pnl: return tr("uPnL");
    case Liquidation: return tr("Liquidation");
    case Distance: return tr("Distance");
    default: return {};
    }
}

Qt::ItemFlags PositionsTableModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    switch (index.column()) {
    case Side:
    case Size:
    case Entry:
    case Leverage:
    case Mode:
    case Margin: return f | Qt::ItemIsEditable;
    default: return f;
    }
}

QVariant PositionsTableModel::data(const QModelIndex& index, int role) const
{
    const auto row = static_cast<std::size_t>(index.row());
    const auto& holdings = m_portfolio.holdings();
    if (!index.isValid() || row >= holdings.size())
        return {};
    const model::Holding& h = holdings[row];
    const auto& snap = m_portfolio.snapshot();
    const bool haveResult = snap.valid && row < snap.account.positions.size();
    if (role == Qt::TextAlignmentRole)
        return index.column() <= Symbol ? int(Qt::AlignLeft | Qt::AlignVCenter) : int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::EditRole) {
        switch (index.column()) {
        case Side: return h.side == engine::Side::Long ? QStringLiteral("long") : QStringLiteral("short");
        case Size: return h.quantity;
        case Entry: return h.entry;
        case Leverage: return h.leverage;
        case Mode: return static_cast<int>(h.mode);
        case Margin: return haveResult ? snap.account.positions[row].margin : 0.0;
        default: return {};
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const int d = decimalsFor(h.entry);
    switch (index.column()) {
    case Id: return h.id;
    case Symbol: return h.symbol;
    case Side: return h.side == engine::Side::Long ? tr("Long") : tr("Short");
    case Size: return number(h.quantity, 4);
    case Entry: return number(h.entry, d);
    case Leverage: return QStringLiteral("%1×").arg(h.leverage);
    case Mode:
        switch (h.mode) {
        case engine::MarginMode::Cross: return tr("Cross");
        case engine::MarginMode::Isolated: return tr("Isolated");
        case engine::MarginMode::StrictIsolated: return tr("Strict");
        }
        return {};
    case Margin:
        // Cross positions draw on the shared wallet: show what they tie up, their initial margin.
        if (!haveResult)
            return {};
        return h.mode == engine::MarginMode::Cross ? tr("%1 (cross)").arg(number(snap.account.positions[row].initialMargin, 2))
                                                   : number(snap.account.positions[row].margin, 2);
    case Mark: return number(m_portfolio.markOf(h.symbol), d);
    case Pnl: return haveResult ? number(snap.account.positions[row].unrealizedPnl, 2) : QString();
    case Liquidation: {
        if (!haveResult)
            return {};
        const auto& liq = snap.account.positions[row].liquidationPrice;
        return liq ? number(*liq, d) : tr("none");
    }
    case Distance: {
        if (!haveResult)
            return {};
        const auto& liq = snap.account.positions[row].liquidationPrice;
        const double mark = m_portfolio.markOf(h.symbol);
        return liq && mark > 0 ? QStringLiteral("%1%").arg((*liq / mark - 1.0) * 100.0, 0, 'f', 2) : QStringLiteral("—");
    }
    default: return {};
    }
}

bool PositionsTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !index.isValid())
        return false;
    const auto row = static_cast<std::size_t>(index.row());
    model::Holding h = m_portfolio.holdings().at(row);
    bool ok = true;
    switch (index.column()) {
    case Side: h.side = value.toString() == QLatin1String("short") ? engine::Side::Short : engine::Side::Long; break;
    case Size: h.quantity = value.toDouble(&ok); break;
    case Entry: h.entry = value.toDouble(&ok); break;
    case Leverage: h.leverage = value.toDouble(&ok); break;
    case Mode: h.mode = static_cast<engine::MarginMode>(value.toInt(&ok)); break;
    case Margin: {
        // A new margin is a transfer: it has limits, and strict isolated only takes additions.
        const double current = data(index, Qt::EditRole).toDouble();
        const double wanted = value.toDouble(&ok);
        if (!ok)
            return false;
        if (auto r = m_portfolio.transferMargin(row, wanted - current)) {
            emit refused(*r);
            return false;
        }
        return true;
    }
    default: return false;
    }
    if (!ok)
        return false;
    if (auto r = m_portfolio.update(row, h)) {
        emit refused(*r);
        return false;
    }
    return true;
}

}  // namespace levlab::ui
