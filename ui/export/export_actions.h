#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QMenu;
class QWidget;

namespace levlab::model {
class AppSettings;
class PortfolioModel;
class RiskModel;
class TierLibrary;
} // namespace levlab::model

namespace levlab::ui {

class PriceChartView;

/// File › Export ▸ and Edit › Copy risk summary. Each export asks where to save
/// (a file dialog, starting in the last directory used), writes atomically, and
/// reports a failure in a message box; success is said in the status bar. The
/// texts and CSV come from core/model/export, so they match the panels.
class ExportActions final : public QObject {
    Q_OBJECT
public:
    enum class Kind { RiskCsv, PortfolioCsv, ChartPng, ChartSvg, ReportPdf };

    ExportActions(model::RiskModel& model, model::PortfolioModel& portfolio, const model::TierLibrary& tiers,
        PriceChartView& chart, model::AppSettings& settings, QWidget* window);

    /// Adds the exports to `menu` (File › Export ▸).
    void addExports(QMenu* menu);
    /// Adds Copy risk summary (Ctrl+Shift+C) to `menu`.
    void addCopy(QMenu* menu);

    /// Writes `kind` to `path`; the error in words, or "".
    [[nodiscard]] QString write(Kind kind, const QString& path) const;
    /// Puts the risk summary on the clipboard as plain text.
    void copySummary() const;
    [[nodiscard]] QString summaryText() const;

signals:
    /// A line for the status bar ("Exported plan.csv").
    void message(const QString& text);

private:
    void exportAs(Kind kind);

    model::RiskModel& m_model;
    model::PortfolioModel& m_portfolio;
    const model::TierLibrary& m_tiers;
    PriceChartView& m_chart;
    model::AppSettings& m_settings;
    QWidget* m_window;
};

} // namespace levlab::ui
