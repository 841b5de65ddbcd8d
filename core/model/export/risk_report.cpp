#include "core/model/export/risk_report.h"

#include "core/model/export/risk_figures.h"
#include "core/model/plan/risk_model.h"
#include "core/model/tiers/tier_library.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace levlab::model {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RiskReport", text);
}

QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

/// A number with the digits it has, up to `places` ("0.5", "125").
QString shortest(double value, int places = 6)
{
    const double scale = std::pow(10.0, places);
    return QLocale().toString(std::round(value * scale) / scale, 'f', QLocale::FloatingPointShortest);
}

QString modeText(engine::MarginMode mode)
{
    switch (mode) {
    case engine::MarginMode::Cross:
        return tr("cross");
    case engine::MarginMode::Isolated:
        return tr("isolated");
    case engine::MarginMode::StrictIsolated:
        return tr("strict isolated");
    }
    return {};
}

/// The venue's liquidation rule in words, from the rules the engine applies.
QString ruleText(engine::Venue venue, engine::ContractKind kind, const TierTable* table)
{
    const engine::VenueRules r = engine::rulesFor(venue, kind);
    QStringList parts;
    parts << tr(
        "%1 (%2 contract): liquidation when the mark price P makes collateral + PnL(P) = maintenance margin(P).")
                 .arg(fromView(engine::venueDisplayName(venue)),
                     kind == engine::ContractKind::Inverse ? tr("inverse") : tr("linear"));
    QString mm = r.basis == engine::MaintenanceBasis::EntryValue
        ? tr("Maintenance margin is a rate of the position's value at entry")
        : tr("Maintenance margin is a rate of the position's value at the mark");
    if (r.maintenanceFromMaxLeverage)
        mm += tr(", the rate being 1 ÷ (2 × the row's maximum leverage)");
    if (table && table->table.style == engine::BracketStyle::Cumulative)
        mm += tr(", less the row's maintenance amount");
    else if (table)
        mm += tr("; the whole position takes its row's rate");
    parts << mm + QLatin1Char('.');
    if (r.bracketAtLiquidation)
        parts << tr("The row is the one the position's value at the liquidation price falls in.");
    if (r.takerFeeInMaintenance)
        parts << tr("The taker fee to close is added to the maintenance rate.");
    if (r.fundingInMaintenance)
        parts << tr("A funding payment due is added to the maintenance margin.");
    if (r.closeFeeInBankruptcy)
        parts << tr("Bankruptcy leaves exactly the fee to close.");
    if (r.extraMarginNetOfCloseFee)
        parts << tr("Margin added beyond the initial counts net of the fee to close.");
    return parts.join(QLatin1Char(' '));
}

void addTable(RiskReport& report, const TierTable& t, int rowInForce)
{
    const bool contracts = t.table.unit == engine::BracketUnit::Contracts;
    report.tierHeader = { contracts ? tr("From (contracts)") : tr("From (value)"),
        contracts ? tr("To (contracts)") : tr("To (value)"), tr("Maintenance rate"), tr("Maintenance amount"),
        tr("Max leverage") };
    for (const auto& b : t.table.brackets) {
        report.tierRows.push_back(
            { shortest(b.notionalFloor, 2), std::isfinite(b.notionalCap) ? shortest(b.notionalCap, 2) : tr("and above"),
                shortest(b.mmRate * 100.0, 4) + QLatin1Char('%'), shortest(b.maintenanceAmount, 4),
                b.maxLeverage > 0.0 ? shortest(b.maxLeverage, 2) + QStringLiteral("×") : tr("—") });
    }
    report.tierRowInForce = rowInForce;
    report.tierAsOf = t.asOf;
    report.tierSource = t.source;
}

} // namespace

RiskReport riskReport(const RiskModel& model, const TierLibrary& tiers)
{
    RiskReport report;
    const PlanInputs& in = model.inputs();
    const RiskSnapshot& s = model.snapshot();
    const MarketState& m = model.market();
    const int d = priceDecimals(model);
    const bool inverse = s.contract == engine::ContractKind::Inverse;
    const int md = inverse ? 6 : 2;
    const QString side = in.side == engine::Side::Long ? tr("long") : tr("short");
    report.title = tr("%1 %2 — %3, %4")
                       .arg(fromView(engine::venueDisplayName(in.venue)), in.symbol, side, modeText(in.marginMode));
    report.marketTime
        = QDateTime::fromMSecsSinceEpoch(m.timeMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));

    auto price = [d](std::optional<double> p) { return p ? formatAmount(*p, d) : tr("none"); };
    auto& inputs = report.inputs;
    inputs.push_back({ tr("Venue"), fromView(engine::venueDisplayName(in.venue)) });
    inputs.push_back({ tr("Symbol"), in.symbol });
    inputs.push_back({ tr("Side"), side });
    inputs.push_back({ tr("Margin"), modeText(in.marginMode) });
    inputs.push_back({ tr("Entry"),
        in.entryAtMarket && model.tradeState() == TradeState::Planning
            ? tr("at market (%1)").arg(formatAmount(s.valid ? s.entry : m.mark, d))
            : formatAmount(s.valid ? s.entry : in.entryPrice, d) });
    inputs.push_back({ tr("Size"), s.valid ? tr("%1 contracts").arg(shortest(s.quantity)) : shortest(in.size) });
    inputs.push_back({ tr("Leverage"), shortest(in.leverage, 2) + QStringLiteral("×") });
    inputs.push_back({ tr("Wallet"), formatAmount(in.wallet, md) });
    if (in.marginMode != engine::MarginMode::Cross)
        inputs.push_back({ tr("Added margin"), formatAmount(in.extraMargin, md) });
    inputs.push_back({ tr("Stop-loss"), price(in.stopLoss) });
    inputs.push_back({ tr("Take-profit"), price(in.takeProfit) });
    inputs.push_back(
        { tr("Exits watch"), in.exitTrigger == TriggerPrice::Mark ? tr("the mark price") : tr("the last price") });
    inputs.push_back({ tr("Holding"), tr("%1 h").arg(shortest(in.horizonHours, 2)) });
    inputs.push_back({ tr("Taker fee"), shortest(in.feeRate * 100.0, 4) + QLatin1Char('%') });
    inputs.push_back({ tr("Mark / last"), tr("%1 / %2").arg(formatAmount(m.mark, d), formatAmount(m.last, d)) });

    const RiskFigureTexts texts = riskFigureTexts(model);
    for (RiskFigure f : kRiskFiguresShown)
        report.figures.push_back({ riskFigureLabel(f), texts[static_cast<std::size_t>(f)] });
    if (s.valid)
        report.warnings = s.warningTexts;

    const TierTable* table = tiers.find(in.venue, in.symbol);
    report.rule = ruleText(in.venue, table ? table->contract : s.contract, table);
    if (table)
        addTable(report, *table, s.valid ? s.position.bracket : -1);
    return report;
}

QString riskSummaryText(const RiskReport& report)
{
    QString out = report.title + QLatin1Char('\n') + tr("Market at %1").arg(report.marketTime) + QStringLiteral("\n\n");
    for (const auto& line : report.inputs)
        out += line.label + QStringLiteral(": ") + line.value + QLatin1Char('\n');
    out += QLatin1Char('\n');
    for (const auto& line : report.figures)
        out += line.label + QStringLiteral(": ") + line.value + QLatin1Char('\n');
    for (const QString& w : report.warnings)
        out += tr("Warning: ") + w + QLatin1Char('\n');
    if (!report.tierAsOf.isEmpty())
        out += QLatin1Char('\n') + tr("Risk-limit table as of %1: %2").arg(report.tierAsOf, report.tierSource)
            + QLatin1Char('\n');
    out += tr("Educational estimates, not advice.") + QLatin1Char('\n');
    return out;
}

} // namespace levlab::model
