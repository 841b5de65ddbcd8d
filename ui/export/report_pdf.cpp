#include "ui/export/report_pdf.h"

#include "core/model/export/risk_report.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>
#include <QWidget>

#include <algorithm>

namespace levlab::ui {

namespace {

constexpr int kResolution = 144; ///< dots per inch of the page's layout
constexpr qreal kMarginMm = 12.0;
constexpr qreal kHtmlDpi = 96.0; ///< what sizes in a text document's HTML count in
constexpr qreal kChartShare = 0.36; ///< of the page's height, at most

QString tr(const char* text)
{
    return QCoreApplication::translate("Export", text);
}
QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString lines(const std::vector<model::ReportLine>& rows)
{
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='2' width='100%'>");
    for (const auto& r : rows)
        html += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td></tr>").arg(esc(r.label), esc(r.value));
    return html + QStringLiteral("</table>");
}

} // namespace

QString riskReportHtml(const model::RiskReport& report, int chartWidth, int chartHeight)
{
    QString html = QStringLiteral("<html><body style='font-family: sans-serif; font-size: 9pt; color: #000000;'>");
    html += QStringLiteral("<h2 style='margin: 0;'>%1</h2>").arg(esc(tr("Risk report: %1").arg(report.title)));
    html += QStringLiteral("<p style='margin: 2px 0 6px 0;'>%1</p>")
                .arg(esc(tr("Market at %1. Educational estimates, not advice.").arg(report.marketTime)));
    html += QStringLiteral("<p align='center'><img src='chart.png' width='%1' height='%2'></p>")
                .arg(chartWidth)
                .arg(chartHeight);
    html += QStringLiteral("<table width='100%' cellspacing='0' cellpadding='0'><tr>");
    html += QStringLiteral("<td width='48%' valign='top'><h3>%1</h3>%2</td><td width='4%'></td>")
                .arg(esc(tr("Inputs")), lines(report.inputs));
    html += QStringLiteral("<td width='48%' valign='top'><h3>%1</h3>%2").arg(esc(tr("Risk")), lines(report.figures));
    if (!report.warnings.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Warnings")));
        for (const QString& w : report.warnings)
            html += QStringLiteral("<p style='margin: 2px 0;'>⚠ %1</p>").arg(esc(w));
    }
    html += QStringLiteral("</td></tr></table>");
    html += QStringLiteral("<h3>%1</h3><p>%2</p>").arg(esc(tr("The venue's rule")), esc(report.rule));
    if (!report.tierRows.empty()) {
        html += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Risk-limit table, as of %1").arg(report.tierAsOf)));
        html += QStringLiteral("<table cellspacing='0' cellpadding='2' border='0.5' width='100%'><tr>");
        for (const QString& h : report.tierHeader)
            html += QStringLiteral("<th align='right'>%1</th>").arg(esc(h));
        html += QStringLiteral("</tr>");
        for (std::size_t i = 0; i < report.tierRows.size(); ++i) {
            const bool inForce = static_cast<int>(i) == report.tierRowInForce;
            html += inForce ? QStringLiteral("<tr style='font-weight: bold; background-color: #ffe9a8;'>")
                            : QStringLiteral("<tr>");
            for (const QString& c : report.tierRows[i])
                html += QStringLiteral("<td align='right'>%1</td>").arg(esc(c));
            html += QStringLiteral("</tr>");
        }
        html += QStringLiteral("</table>");
        html += QStringLiteral("<p>%1</p>")
                    .arg(esc(
                        tr("Source: %1. The row in bold is the one the position falls in.").arg(report.tierSource)));
    }
    return html + QStringLiteral("</body></html>");
}

QString saveRiskReportPdf(const model::RiskReport& report, QWidget& chart, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("%1: could not be written (%2).").arg(path, file.errorString());

    // The chart as on screen, one image pixel per widget pixel (a scaled painter crops a chart view).
    QImage image(chart.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    chart.render(&image);

    QPdfWriter writer(&file);
    writer.setResolution(kResolution);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
        QMarginsF(kMarginMm, kMarginMm, kMarginMm, kMarginMm), QPageLayout::Millimeter));
    writer.setTitle(tr("Risk report: %1").arg(report.title));
    writer.setCreator(QStringLiteral("Leverage Lab"));
    const QRect page = writer.pageLayout().paintRectPixels(kResolution);

    QTextDocument doc;
    doc.documentLayout()->setPaintDevice(&writer);
    // Paper is white whatever the window's theme: black text, not the palette's.
    doc.setDefaultStyleSheet(QStringLiteral("body, p, td, th, h2, h3 { color: #000000; }"));
    doc.setDocumentMargin(0);
    doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart.png")), image);
    // The chart spans the page's width, at most a third of its height; the rest is scaled
    // down together when it runs past one page.
    const qreal aspect = chart.width() > 0 ? qreal(chart.height()) / chart.width() : 0.5;
    const qreal chartWidth = std::min<qreal>(page.width(), page.height() * kChartShare / aspect);
    qreal scale = 1.0;
    for (int pass = 0; pass < 6; ++pass) {
        const qreal width = page.width() / scale;
        // An image's width and height in HTML are screen pixels (96 per inch), scaled to the page's dots.
        const qreal toHtml = kHtmlDpi / kResolution / scale;
        doc.setHtml(riskReportHtml(
            report, static_cast<int>(chartWidth * toHtml), static_cast<int>(chartWidth * aspect * toHtml)));
        doc.setTextWidth(width);
        const qreal height = doc.size().height() * scale;
        if (height <= page.height())
            break;
        scale *= page.height() / height * 0.98;
    }
    {
        QPainter painter(&writer);
        painter.scale(scale, scale);
        doc.drawContents(&painter);
    }
    if (!file.commit())
        return tr("%1: could not be written (%2).").arg(path, file.errorString());
    return {};
}

} // namespace levlab::ui
