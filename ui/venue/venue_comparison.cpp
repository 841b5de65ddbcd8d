#include "ui/venue/venue_comparison.h"

#include "core/model/plan/messages.h"
#include "core/model/plan/risk_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace levlab::ui {

namespace {
constexpr int kColumnWidth = 190;
}  // namespace

VenueComparison::VenueComparison(model::RiskModel& model, QWidget* parent) : QDialog(parent), m_model(model)
{
    setWindowTitle(tr("The same trade on every venue"));
    auto* layout = new QVBoxLayout(this);
    auto* note = new QLabel(tr("The plan under each venue's own rules and risk-limit table. Highlighted: where a venue differs "
                               "from the plan's venue; the last row says why."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);
    m_table = new QTableWidget(RowCount, 0, this);
    m_table->setAccessibleName(tr("Venue comparison"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setVerticalHeaderLabels({tr("Initial margin"), tr("Maintenance margin"), tr("Liquidation"), tr("Bankruptcy"),
                                      tr("Liquidation distance"), tr("Risk-limit row"), tr("Max leverage"), tr("Fees (open + close)"),
                                      tr("Funding / interval"), tr("Why it differs")});
    m_table->setWordWrap(true);
    layout->addWidget(m_table);
    connect(&m_model, &model::RiskModel::edited, this, [this] { refresh(); });
    resize(1240, 600);
    refresh();
}

void VenueComparison::refresh()
{
    const auto figures = m_model.compareVenues();
    const engine::Venue own = m_model.inputs().venue;
    m_table->setColumnCount(static_cast<int>(figures.size()));
    QStringList headers;
    std::vector<QStringList> cells(figures.size());
    std::size_t ownColumn = 0;
    for (std::size_t c = 0; c < figures.size(); ++c) {
        const engine::VenueFigures& f = figures[c];
        headers << QString::fromLatin1(engine::venueDisplayName(f.venue).data());
        if (f.venue == own)
            ownColumn = c;
        QStringList& col = cells[c];
        if (!f.position) {
            for (int r = 0; r < Reasons; ++r)
                col << QStringLiteral("—");
            col << (f.refusal ? model::readableReason(QString::fromStdString(f.refusal->reason)) : QString());
            continue;
        }
        const engine::PositionResult& p = *f.position;
        const double entry = m_model.snapshot().entry;
        auto price = [](std::optional<double> v) { return v ? model::formatNumber(*v, 2) : tr("none"); };
        col << model::formatNumber(p.initialMargin, 2) << model::formatNumber(p.maintenanceMargin, 2) << price(p.liquidationPrice)
            << price(p.bankruptcyPrice)
            << (p.liquidationPrice && entry > 0.0 ? model::formatNumber(std::abs(entry - *p.liquidationPrice) / entry * 100.0, 2) + QStringLiteral("%")
                                                  : QStringLiteral("—"))
            << QString::number(p.bracket + 1) << model::formatNumber(p.maxLeverage, 0) + QStringLiteral("×")
            << model::formatNumber(f.openFee + f.closeFee, 2) << model::formatNumber(p.fundingPayment, 4);
        QStringList reasons;
        for (const std::string& r : f.reasons)
            reasons << QString::fromStdString(r);
        col << reasons.join(QLatin1Char('\n'));
    }
    m_table->setHorizontalHeaderLabels(headers);
    const QColor highlight = palette().color(QPalette::Highlight);
    for (std::size_t c = 0; c < cells.size(); ++c) {
        for (int r = 0; r < RowCount; ++r) {
            auto* item = new QTableWidgetItem(cells[c].value(r));
            item->setToolTip(cells[c].value(r));
            const bool differs = r != Reasons && c != ownColumn && cells[c].value(r) != cells[ownColumn].value(r);
            if (differs) {
                QColor bg = highlight;
                bg.setAlpha(60);
                item->setBackground(bg);
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            m_table->setItem(r, static_cast<int>(c), item);
        }
    }
    // Narrow columns whose reasons wrap: several venues side by side at once.
    for (int c = 0; c < m_table->columnCount(); ++c)
        m_table->setColumnWidth(c, kColumnWidth);
    m_table->resizeRowsToContents();
}

}  // namespace levlab::ui
