#pragma once

#include <QString>

class QWidget;

namespace levlab::model {
struct RiskReport;
}

namespace levlab::ui {

/// Writes the risk report as a one-page A4 PDF through Qt's own PDF writer,
/// atomically: the chart as shown, the inputs, every risk figure, the warnings,
/// the venue's rule and its risk-limit table with its date and source. The page
/// is scaled down to fit when the table is long. Returns the error in words, or "".
[[nodiscard]] QString saveRiskReportPdf(const model::RiskReport& report, QWidget& chart, const QString& path);

/// The report's HTML as laid out on the page (the chart is the resource "chart.png").
[[nodiscard]] QString riskReportHtml(const model::RiskReport& report, int chartWidth, int chartHeight);

} // namespace levlab::ui
