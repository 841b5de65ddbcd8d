#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace levlab::model {

class RiskModel;
class TierLibrary;

/// One labelled line of a report: "Leverage" — "10×".
struct ReportLine final {
    QString label;
    QString value;
};

/// What the risk report says about the planned position, as text a person reads:
/// the inputs, every figure exactly as the risk panel shows it, the warnings, the
/// venue's rule and the risk-limit table in force with its date and source. The
/// PDF report lays it out; the clipboard summary is its plain-text form.
struct RiskReport final {
    QString title; ///< "Binance BTCUSDT — long, isolated"
    QString marketTime; ///< when the market stood where the figures were computed, UTC
    std::vector<ReportLine> inputs;
    std::vector<ReportLine> figures;
    QStringList warnings;
    QString rule; ///< the venue's margin rule in one or two sentences
    QStringList tierHeader;
    std::vector<QStringList> tierRows;
    int tierRowInForce = -1; ///< the row the position falls in, or −1
    QString tierAsOf; ///< YYYY-MM-DD
    QString tierSource;
};

[[nodiscard]] RiskReport riskReport(const RiskModel& model, const TierLibrary& tiers);

/// The report as plain text, without the risk-limit table (Copy risk summary).
[[nodiscard]] QString riskSummaryText(const RiskReport& report);

} // namespace levlab::model
