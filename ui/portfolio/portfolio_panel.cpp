#include "ui/portfolio/portfolio_panel.h"

#include "core/model/portfolio/portfolio_model.h"
#include "ui/binding/market_throttle.h"
#include "ui/controls/number_field.h"
#include "ui/portfolio/portfolio_edits.h"
#include "ui/portfolio/positions_delegate.h"
#include "ui/portfolio/positions_table_model.h"
#include "ui/theme/theme.h"
#include "ui/risk/value_table.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QScrollBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>
#include <functional>
#include <utility>

namespace levlab::ui {

namespace {

using Column = PositionsTableModel::Column;
constexpr int kCellPadding = PositionsDelegate::kCellPadding;
constexpr int kGaugeSteps = 10000;  ///< the margin-ratio gauge in hundredths of a percent
constexpr int kRulesRow = 8;        ///< the account row naming whose margin rules apply

QString money(double v) { return QLocale().toString(v, 'f', 2); }
QString pct(double f) { return QStringLiteral("%1%2%").arg(f >= 0 ? QStringLiteral("+") : QString()).arg(f * 100.0, 0, 'f', 2); }

}  // namespace

PortfolioPanel::PortfolioPanel(model::PortfolioModel& portfolio, QWidget* parent) : QWidget(parent), m_portfolio(portfolio)
{
    m_undo = new QUndoStack(this);
    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(4, 2, 4, 2);
    // Three panes the user can resize; the positions table takes the spare width.
    m_panes = new QSplitter(Qt::Horizontal, this);
    m_panes->setChildrenCollapsible(false);
    outer->addWidget(m_panes);
    auto pane = [this] {
        auto* w = new QWidget(m_panes);
        auto* l = new QVBoxLayout(w);
        l->setContentsMargins(2, 0, 2, 0);
        l->setSpacing(4);
        m_panes->addWidget(w);
        return l;
    };

    // Left: the positions.
    QVBoxLayout* left = pane();
    auto* bar = new QHBoxLayout;
    m_newSymbol = new QComboBox(this);
    m_newSymbol->addItems({QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT"), QStringLiteral("SOLUSDT")});
    m_newSide = new QComboBox(this);
    m_newSide->addItem(tr("Long"), static_cast<int>(engine::Side::Long));
    m_newSide->addItem(tr("Short"), static_cast<int>(engine::Side::Short));
    auto* add = new QPushButton(tr("&Add"), this);  // Alt+A; the quiz's Answer is Alt+N
    add->setToolTip(tr("Add a position at the current mark: 10× cross, about 2,000 of notional"));
    auto* dup = new QPushButton(tr("&Duplicate"), this);
    auto* rem = new QPushButton(tr("&Remove"), this);
    rem->setToolTip(tr("Remove the selected position (Edit › Undo brings it back)"));
    m_wallet = new NumberField(this);
    m_wallet->setRange(0.01, 1e12);
    m_wallet->setDecimals(2);
    m_wallet->setPrefix(tr("Wallet "));
    m_wallet->setToolTip(tr("The account's whole balance; isolated margins come out of it"));
    // Named apart from the plan's Wallet and Holding fields, which a screen reader (and a search by name) meets first.
    m_wallet->setAccessibleName(tr("Portfolio wallet"));
    m_newSymbol->setAccessibleName(tr("Symbol of a new position"));
    m_newSide->setAccessibleName(tr("Side of a new position"));
    for (QWidget* w : std::initializer_list<QWidget*>{m_newSymbol, m_newSide, add, dup, rem})
        bar->addWidget(w);
    bar->addStretch();
    left->addLayout(bar);
    m_rows = new PositionsTableModel(m_portfolio, this);
    m_table = new QTableView(this);
    m_table->setModel(m_rows);
    m_table->setItemDelegate(new PositionsDelegate(
        [this](int row, int column, const std::function<void()>& apply) {
            const auto at = static_cast<std::size_t>(row);
            const model::Holding before = m_portfolio.holdings().at(at);
            apply();
            // A new margin is a transfer, which moves money as well: it is not undone here.
            if (column == Column::Margin || at >= m_portfolio.holdings().size() || m_portfolio.holdings()[at] == before)
                return;
            m_undo->push(new HoldingUpdate(m_portfolio, at, before, m_portfolio.holdings()[at], report()));
        },
        m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    // Fixed column widths: sizing columns to their contents would measure every cell on every refresh.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setWordWrap(false);
    m_table->setAccessibleName(tr("Positions"));
    // Each column as wide as its header or its widest likely value, measured once.
    const QFontMetrics fm = m_table->fontMetrics();
    const std::array<QString, PositionsTableModel::ColumnCount> widest{
        QStringLiteral("btc-10"), QStringLiteral("BTCUSDT"), tr("Short"), QStringLiteral("000.0000"),
        QStringLiteral("000,000.0"), QStringLiteral("100×"), tr("Isolated"), tr("00,000.00 (cross)"),
        QStringLiteral("000,000.0"), QStringLiteral("-00,000.00"), QStringLiteral("000,000.0"), QStringLiteral("-100.00%")};
    for (int c = 0; c < PositionsTableModel::ColumnCount; ++c) {
        const QString header = m_rows->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        const int text = std::max(fm.horizontalAdvance(header), fm.horizontalAdvance(widest[static_cast<std::size_t>(c)]));
        m_table->setColumnWidth(c, text + 4 * kCellPadding);
    }
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    left->addWidget(m_table, 1);
    auto* transferRow = new QHBoxLayout;
    m_transfer = new QDoubleSpinBox(this);
    m_transfer->setRange(-1e9, 1e9);
    m_transfer->setDecimals(2);
    m_transfer->setPrefix(tr("Margin ± "));
    m_transfer->setToolTip(tr("Add (+) or remove (−) isolated margin of the selected position"));
    m_transfer->setAccessibleName(tr("Margin ±"));
    auto* apply = new QPushButton(tr("&Transfer"), this);
    m_preview = new QLabel(this);
    m_preview->setWordWrap(true);
    transferRow->addWidget(m_transfer);
    transferRow->addWidget(apply);
    transferRow->addWidget(m_preview, 1);
    left->addLayout(transferRow);

    // Middle: the account.
    QVBoxLayout* middle = pane();
    m_account = new ValueTable(this);
    m_account->setAccessibleName(tr("Account"));
    m_account->setMinimumValueWidth(fm.horizontalAdvance(tr("pay 00,000.00 over 99 payments")));
    for (const QString& name : {tr("Wallet"), tr("Equity"), tr("Maintenance"), tr("Margin ratio"), tr("Cross liquidated by"),
                                tr("Isolated, own move"), tr("Funding over holding"), tr("Liquidation drift"), tr("Margin rules")})
        m_account->addRow(name);
    m_gauge = new QProgressBar(this);
    m_gauge->setRange(0, kGaugeSteps);
    m_gauge->setToolTip(tr("Maintenance ÷ equity: at 100% the cross account is liquidated"));
    m_gauge->setAccessibleName(tr("Margin ratio"));
    m_horizon = new NumberField(this);
    m_horizon->setRange(0, 24 * 365);
    m_horizon->setDecimals(0);
    m_horizon->setPrefix(tr("Holding "));
    m_horizon->setSuffix(tr(" h"));
    m_horizon->setAccessibleName(tr("Portfolio holding"));
    // Spin boxes size themselves for their largest value (a trillion); these never need that.
    m_wallet->setMinimumWidth(fm.horizontalAdvance(m_wallet->prefix() + QStringLiteral("000,000.00")) + 2 * fm.height());
    m_horizon->setMinimumWidth(fm.horizontalAdvance(m_horizon->prefix() + QStringLiteral("0000 h")) + 2 * fm.height());
    m_transfer->setMinimumWidth(fm.horizontalAdvance(m_transfer->prefix() + QStringLiteral("-00,000.00")) + 2 * fm.height());
    auto* inputs = new QHBoxLayout;
    inputs->addWidget(m_wallet, 1);
    inputs->addWidget(m_horizon, 1);
    middle->addLayout(inputs);
    middle->addWidget(m_wallet->problemLabel());
    middle->addWidget(m_horizon->problemLabel());
    middle->addWidget(m_account);
    middle->addStretch();
    m_showLevels = new QCheckBox(tr("Every liquidation on the chart"), this);
    m_showLevels->setToolTip(tr("Draw each BTC position's liquidation level on the chart"));
    auto* chartRow = new QHBoxLayout;
    chartRow->addWidget(m_showLevels);
    chartRow->addWidget(m_gauge, 1);
    left->addLayout(chartRow);

    // Right: the comparison.
    QVBoxLayout* right = pane();
    auto* shockRow = new QHBoxLayout;
    m_shock = new QSlider(Qt::Horizontal, this);
    m_shock->setRange(-60, 60);
    m_shock->setToolTip(tr("Move every price by this much from entry"));
    m_shockLabel = new QLabel(this);
    m_shockLabel->setMinimumWidth(60);
    auto* shockName = new QLabel(tr("Price shock"), this);
    shockName->setBuddy(m_shock);
    m_shock->setAccessibleName(shockName->text());
    shockRow->addWidget(shockName);
    shockRow->addWidget(m_shock, 1);
    shockRow->addWidget(m_shockLabel);
    right->addLayout(shockRow);
    m_compare = new QTableWidget(3, 3, this);
    m_compare->setHorizontalHeaderLabels({tr("Layout"), tr("Equity left"), tr("Liquidated")});
    m_compare->horizontalHeaderItem(2)->setToolTip(tr("The positions liquidated on the way to the shock, in order, with the move that took each"));
    m_compare->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_compare->verticalHeader()->hide();
    m_compare->horizontalHeader()->setStretchLastSection(true);
    m_compare->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_compare->setAccessibleName(tr("Compare layouts under the price shock"));
    m_compare->setColumnWidth(0, fm.horizontalAdvance(tr("All isolated")) + 4 * kCellPadding);
    m_compare->setColumnWidth(1, fm.horizontalAdvance(tr("Equity left")) + 4 * kCellPadding);
    // The last column shows at least its header whole; a longer chain of liquidations
    // is cut short and shown whole in the cell's tooltip.
    const int liquidated = fm.horizontalAdvance(tr("Liquidated")) + 4 * kCellPadding;
    m_compare->setColumnWidth(2, liquidated);  // the stretched last column's least width
    m_compare->setMinimumWidth(m_compare->columnWidth(0) + m_compare->columnWidth(1) + liquidated + 2 * m_compare->frameWidth());
    // Three rows that never scroll: the table is exactly as tall as them.
    m_compare->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_compare->verticalHeader()->setDefaultSectionSize(fm.height() + 6);
    m_compare->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_compare->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_compare->setFixedHeight(m_compare->horizontalHeader()->sizeHint().height() + 3 * (fm.height() + 6) + 2 * m_compare->frameWidth());
    const QStringList names{tr("As entered"), tr("All cross"), tr("All isolated")};
    for (int r = 0; r < 3; ++r) {
        m_compare->setItem(r, 0, new QTableWidgetItem(names[r]));
        m_compare->setItem(r, 1, new QTableWidgetItem);
        m_compare->setItem(r, 2, new QTableWidgetItem);
    }
    right->addWidget(m_compare);
    auto* logName = new QLabel(tr("Liquidations as the market moves"), this);
    right->addWidget(logName);
    m_log = new QListWidget(this);
    m_log->setAccessibleName(logName->text());
    m_log->setMinimumHeight(2 * fm.height() + 8);
    right->addWidget(m_log, 1);
    connect(m_panes, &QSplitter::splitterMoved, this, [this] { m_panesMoved = true; });

    connect(add, &QPushButton::clicked, this, [this] {
        model::Holding h;
        h.symbol = m_newSymbol->currentText();
        h.side = static_cast<engine::Side>(m_newSide->currentData().toInt());
        const double mark = m_portfolio.markOf(h.symbol);
        h.quantity = mark > 0 ? std::max(0.001, std::round(2000.0 / mark * 1000.0) / 1000.0) : 1.0;
        // Asked first, so a refusal is reported and nothing lands on the undo stack.
        const std::size_t at = m_portfolio.holdings().size();
        const model::Holding added = m_portfolio.completed(h);
        if (auto r = m_portfolio.check(at, added)) {
            emit refused(*r);
            return;
        }
        m_undo->push(new HoldingCommand(m_portfolio, HoldingCommand::Kind::Insert, at, added, tr("Add %1").arg(holdingName(added))));
    });
    connect(dup, &QPushButton::clicked, this, [this] {
        const int row = selectedRow();
        if (row < 0)
            return;
        const auto at = static_cast<std::size_t>(row) + 1;
        const auto copy = m_portfolio.duplicateOf(static_cast<std::size_t>(row));
        if (!copy)
            return;
        if (auto r = m_portfolio.check(at, *copy)) {
            emit refused(*r);
            return;
        }
        m_undo->push(new HoldingCommand(m_portfolio, HoldingCommand::Kind::Insert, at, *copy,
                                        tr("Duplicate %1").arg(holdingName(*copy))));
    });
    connect(rem, &QPushButton::clicked, this, &PortfolioPanel::removeSelected);
    connect(apply, &QPushButton::clicked, this, &PortfolioPanel::applyTransfer);
    connect(m_showLevels, &QCheckBox::toggled, this, &PortfolioPanel::showLevelsToggled);
    connect(m_transfer, &QDoubleSpinBox::valueChanged, this, &PortfolioPanel::refreshPreview);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PortfolioPanel::refreshPreview);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] { emit selectedChanged(selectedRow()); });
    connect(m_rows, &PositionsTableModel::refused, this, &PortfolioPanel::refused);
    // Typed numbers reach the model on Enter, Tab or focus-out, never key by key.
    connect(m_wallet, &NumberField::committed, this, [this](double v) {
        const double before = m_portfolio.wallet();
        if (auto r = m_portfolio.setWallet(v)) {
            m_wallet->setProblem(r->message());
            emit refused(*r);
            return;
        }
        m_wallet->setProblem({});
        if (m_portfolio.wallet() != before)
            m_undo->push(new WalletChange(m_portfolio, before, m_portfolio.wallet(), report()));
        refresh();
    });
    connect(m_horizon, &NumberField::committed, this, [this](double h) {
        if (auto r = m_portfolio.setHorizonHours(h)) {
            m_horizon->setProblem(r->message());
            emit refused(*r);
            return;
        }
        m_horizon->setProblem({});
    });
    connect(m_shock, &QSlider::valueChanged, this, [this](int v) {
        if (auto r = m_portfolio.setShock(v / 100.0))
            emit refused(*r);
    });
    connect(&m_portfolio, &model::PortfolioModel::changed, this, &PortfolioPanel::refresh);
    auto* limiter = new RateLimiter([this] { refresh(); }, Theme::kReadoutHz, this);
    connect(&m_portfolio, &model::PortfolioModel::marksChanged, limiter, &RateLimiter::request);
    connect(&m_portfolio, &model::PortfolioModel::liquidated, this, [this](const model::PortfolioEvent& e) {
        const QString when = QDateTime::fromMSecsSinceEpoch(e.timeMs, Qt::UTC).toString(QStringLiteral("HH:mm:ss"));
        m_log->addItem(tr("%1  LIQUIDATED %2 (%3): −%4")
                           .arg(when, e.ids.join(QStringLiteral(", ")), e.cross ? tr("cross balance") : tr("isolated margin"), money(e.loss)));
        m_log->scrollToBottom();
    });
    refresh();
}

void PortfolioPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (!m_panesMoved)
        distributePanes();
}

void PortfolioPanel::distributePanes()
{
    // The table gets the width its columns need, the account what its figures need, the comparison the rest.
    const int handles = 2 * m_panes->handleWidth();
    const int total = m_panes->width() - handles;
    const int account = m_panes->widget(1)->minimumSizeHint().width();
    const int compare = m_panes->widget(2)->minimumSizeHint().width();
    int columns = 2 * m_table->frameWidth() + m_table->verticalScrollBar()->sizeHint().width() + 8;
    for (int c = 0; c < PositionsTableModel::ColumnCount; ++c)
        columns += m_table->columnWidth(c);
    const int table = std::max(m_panes->widget(0)->minimumSizeHint().width(), std::min(columns, total - account - compare));
    m_panes->setSizes({table, account, std::max(compare, total - table - account)});
}

int PortfolioPanel::selectedRow() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.front().row();
}

void PortfolioPanel::removeSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const model::Holding h = m_portfolio.holdings()[static_cast<std::size_t>(row)];
    m_undo->push(new HoldingCommand(m_portfolio, HoldingCommand::Kind::Remove, static_cast<std::size_t>(row), h, tr("Remove %1").arg(holdingName(h))));
}

void PortfolioPanel::applyTransfer()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    if (auto r = m_portfolio.transferMargin(static_cast<std::size_t>(row), m_transfer->value()))
        emit refused(*r);
    else
        m_transfer->setValue(0.0);
}

void PortfolioPanel::refreshPreview()
{
    const int row = selectedRow();
    const double amount = m_transfer->value();
    if (row < 0 || amount == 0.0) {
        m_preview->setText(row < 0 ? tr("Select an isolated position to move margin.") : QString());
        return;
    }
    auto p = m_portfolio.previewTransfer(static_cast<std::size_t>(row), amount);
    if (!p) {
        m_preview->setText(QString::fromStdString(p.error().reason));
        return;
    }
    m_preview->setText(tr("Liquidation %1 → %2; at most %3 can come out.")
                           .arg(p->liquidationPrice ? money(*p->liquidationPrice) : tr("none"),
                                p->newLiquidationPrice ? money(*p->newLiquidationPrice) : tr("none"), money(p->maxRemovable)));
}

void PortfolioPanel::refresh()
{
    const auto& s = m_portfolio.snapshot();
    {
        const QSignalBlocker c(m_shock);
        m_wallet->showModelValue(m_portfolio.wallet());
        m_horizon->showModelValue(m_portfolio.horizonHours());
        m_shock->setValue(static_cast<int>(std::lround(m_portfolio.shock() * 100.0)));
    }
    m_shockLabel->setText(pct(m_portfolio.shock()));
    m_account->setValue(kRulesRow, QString::fromLatin1(engine::venueDisplayName(m_portfolio.venue()).data()));
    if (!s.valid) {
        m_account->setValue(0, money(m_portfolio.wallet()));
        m_account->setValue(1, s.problem);
        return;
    }
    const auto& a = s.account;
    m_account->setValue(0, money(a.walletBalance));
    m_account->setValue(1, money(a.equity));
    m_account->setValue(2, money(a.maintenanceMargin));
    m_account->setValue(3, a.marginRatio ? QLocale().toString(*a.marginRatio * 100.0, 'f', 2) + QLatin1Char('%') : tr("—"));
    bool anyCross = false;
    for (const auto& h : m_portfolio.holdings())
        anyCross = anyCross || h.mode == engine::MarginMode::Cross;
    m_account->setValue(4, a.shockToLiquidation ? pct(*a.shockToLiquidation)
                           : anyCross           ? tr("no move liquidates it")
                                                : tr("no cross positions"));
    QStringList own;
    for (std::size_t i = 0; i < s.ownMove.size() && i < m_portfolio.holdings().size(); ++i) {
        if (s.ownMove[i])
            own << QStringLiteral("%1 %2").arg(m_portfolio.holdings()[i].id, pct(*s.ownMove[i]));
    }
    m_account->setValue(5, own.isEmpty() ? tr("—") : own.join(QStringLiteral(", ")));
    const auto& f = s.funding;
    m_account->setValue(6, f.intervals > 0 ? tr("%1 %2 over %3 payments").arg(f.totalPaid >= 0 ? tr("pay") : tr("receive"), money(std::abs(f.totalPaid))).arg(f.intervals)
                                           : tr("none within the holding period"));
    QStringList drift;
    for (std::size_t i = 0; i < f.after.positions.size() && i < f.before.positions.size(); ++i) {
        const auto& b = f.before.positions[i].liquidationPrice;
        const auto& c = f.after.positions[i].liquidationPrice;
        if (b && c)
            drift << QStringLiteral("%1 %2%3").arg(QString::fromStdString(f.before.positions[i].id), *c - *b >= 0 ? QStringLiteral("+") : QString(), money(*c - *b));
    }
    m_account->setValue(7, drift.isEmpty() ? tr("—") : drift.join(QStringLiteral(", ")));
    // The gauge says the same number as the row beside it, to the same decimals.
    const QString ratio = m_account->value(3);
    m_gauge->setValue(a.marginRatio ? std::clamp(static_cast<int>(std::lround(*a.marginRatio * kGaugeSteps)), 0, kGaugeSteps) : 0);  // nothing to measure: empty, not full
    const QString gaugeText = tr("margin ratio %1").arg(ratio);
    if (m_gauge->format() != gaugeText)
        m_gauge->setFormat(gaugeText);

    for (std::size_t l = 0; l < 3; ++l) {
        const auto& o = s.atShock[l];
        const auto& played = s.steppedPath[l];
        QStringList order;
        for (const auto& e : played.events) {
            QStringList ids;
            for (const auto& id : e.ids)
                ids << QString::fromStdString(id);
            const double at = m_portfolio.shock() * static_cast<double>(e.timeMs) / std::max(1, s.pathSteps);
            order << QStringLiteral("%1 (%2)").arg(ids.join(QStringLiteral("+")), pct(at));
        }
        m_compare->item(static_cast<int>(l), 1)->setText(money(o.equity));
        QTableWidgetItem* cell = m_compare->item(static_cast<int>(l), 2);
        cell->setText(order.isEmpty() ? tr("none") : order.join(QStringLiteral(" → ")));
        cell->setToolTip(cell->text());
    }
    refreshPreview();
}

std::function<void(const model::Refusal&)> PortfolioPanel::report()
{
    return [this](const model::Refusal& r) { emit refused(r); };
}

void PortfolioPanel::setUndoStack(QUndoStack* stack)
{
    if (stack == m_undo || stack == nullptr)
        return;
    if (m_undo->parent() == this)
        delete m_undo;
    m_undo = stack;
}

}  // namespace levlab::ui
