#include "ui/export/export_actions.h"

#include "core/model/export/csv_export.h"
#include "core/model/export/risk_report.h"
#include "core/model/plan/risk_model.h"
#include "core/model/settings/app_settings.h"
#include "ui/chart/price_chart_view.h"
#include "ui/export/chart_export.h"
#include "ui/export/report_pdf.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>

namespace levlab::ui {

namespace {

struct Format final {
    ExportActions::Kind kind;
    const char* menuText;
    const char* dialogTitle;
    const char* filter;
    const char* suffix;
    const char* baseName;
};

constexpr std::array kFormats {
    Format { ExportActions::Kind::RiskCsv, QT_TRANSLATE_NOOP("Export", "Risk figures as &CSV…"),
        QT_TRANSLATE_NOOP("Export", "Export risk figures"), QT_TRANSLATE_NOOP("Export", "CSV files (*.csv)"), "csv",
        "risk" },
    Format { ExportActions::Kind::PortfolioCsv, QT_TRANSLATE_NOOP("Export", "P&ortfolio as CSV…"),
        QT_TRANSLATE_NOOP("Export", "Export portfolio"), QT_TRANSLATE_NOOP("Export", "CSV files (*.csv)"), "csv",
        "portfolio" },
    Format { ExportActions::Kind::ChartPng, QT_TRANSLATE_NOOP("Export", "Chart as &PNG…"),
        QT_TRANSLATE_NOOP("Export", "Export chart as PNG"), QT_TRANSLATE_NOOP("Export", "PNG images (*.png)"), "png",
        "chart" },
    Format { ExportActions::Kind::ChartSvg, QT_TRANSLATE_NOOP("Export", "Chart as &SVG…"),
        QT_TRANSLATE_NOOP("Export", "Export chart as SVG"), QT_TRANSLATE_NOOP("Export", "SVG images (*.svg)"), "svg",
        "chart" },
    Format { ExportActions::Kind::ReportPdf, QT_TRANSLATE_NOOP("Export", "Risk &report as PDF…"),
        QT_TRANSLATE_NOOP("Export", "Export risk report"), QT_TRANSLATE_NOOP("Export", "PDF documents (*.pdf)"), "pdf",
        "risk-report" },
};

QString tr(const char* text)
{
    return QCoreApplication::translate("Export", text);
}

QString saveBytes(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return tr("%1: could not be written (%2).").arg(path, file.errorString());
    return {};
}

} // namespace

ExportActions::ExportActions(model::RiskModel& model, model::PortfolioModel& portfolio, const model::TierLibrary& tiers,
    PriceChartView& chart, model::AppSettings& settings, QWidget* window)
    : QObject(window)
    , m_model(model)
    , m_portfolio(portfolio)
    , m_tiers(tiers)
    , m_chart(chart)
    , m_settings(settings)
    , m_window(window)
{
}

void ExportActions::addExports(QMenu* menu)
{
    for (const Format& f : kFormats) {
        QAction* a = menu->addAction(tr(f.menuText));
        connect(a, &QAction::triggered, this, [this, kind = f.kind] { exportAs(kind); });
    }
}

void ExportActions::addCopy(QMenu* menu)
{
    QAction* a = menu->addAction(tr("Copy risk &summary"));
    a->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    a->setToolTip(tr("Copy the plan's inputs, risk figures and warnings as plain text"));
    connect(a, &QAction::triggered, this, [this] {
        copySummary();
        emit message(tr("Risk summary copied to the clipboard."));
    });
}

QString ExportActions::write(Kind kind, const QString& path) const
{
    switch (kind) {
    case Kind::RiskCsv:
        return saveBytes(path, model::riskFiguresCsv(m_model));
    case Kind::PortfolioCsv:
        return saveBytes(path, model::portfolioCsv(m_portfolio));
    case Kind::ChartPng:
        return saveWidgetPng(m_chart, path);
    case Kind::ChartSvg:
        return saveWidgetSvg(m_chart, path, model::riskReport(m_model, m_tiers).title);
    case Kind::ReportPdf:
        return saveRiskReportPdf(model::riskReport(m_model, m_tiers), m_chart, path);
    }
    return {};
}

QString ExportActions::summaryText() const
{
    return model::riskSummaryText(model::riskReport(m_model, m_tiers));
}

void ExportActions::copySummary() const
{
    QGuiApplication::clipboard()->setText(summaryText());
}

void ExportActions::exportAs(Kind kind)
{
    const Format* f = nullptr;
    for (const Format& candidate : kFormats) {
        if (candidate.kind == kind)
            f = &candidate;
    }
    QString dir = m_settings.lastDirectory();
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(dir).filePath(
        QStringLiteral("%1-%2.%3")
            .arg(QString::fromLatin1(f->baseName), m_model.inputs().symbol.toLower(), QString::fromLatin1(f->suffix)));
    QString path = QFileDialog::getSaveFileName(m_window, tr(f->dialogTitle), suggested, tr(f->filter));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + QString::fromLatin1(f->suffix);
    m_settings.setLastDirectory(QFileInfo(path).absolutePath());
    const QString error = write(kind, path);
    if (!error.isEmpty()) {
        QMessageBox::warning(m_window, tr(f->dialogTitle), error);
        return;
    }
    emit message(tr("Exported %1.").arg(QDir::toNativeSeparators(path)));
}

} // namespace levlab::ui
