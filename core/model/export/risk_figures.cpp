#include "core/model/export/risk_figures.h"

#include "core/model/plan/risk_model.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace levlab::model {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RiskPanel", text);
}
QString amount(double v, int decimals = 2)
{
    return formatAmount(v, decimals);
}
QString percent(double fraction)
{
    return formatPercent(fraction);
}

struct Names final {
    const char* label;
    const char* hint;
};

constexpr std::array<Names, kRiskFigureCount> kNames { {
    { QT_TRANSLATE_NOOP("RiskPanel", "Notional"), QT_TRANSLATE_NOOP("RiskPanel", "Position value at entry") },
    { QT_TRANSLATE_NOOP("RiskPanel", "Initial margin"),
        QT_TRANSLATE_NOOP("RiskPanel", "Notional ÷ leverage: what opening the position takes") },
    { QT_TRANSLATE_NOOP("RiskPanel", "Maintenance margin"),
        QT_TRANSLATE_NOOP("RiskPanel", "Below this much equity the position is liquidated") },
    { QT_TRANSLATE_NOOP("RiskPanel", "Liquidation"),
        QT_TRANSLATE_NOOP(
            "RiskPanel", "Where the mark price liquidates the position, and how far that is from entry") },
    { QT_TRANSLATE_NOOP("RiskPanel", "Bankruptcy"),
        QT_TRANSLATE_NOOP("RiskPanel",
            "Where the position's margin is exhausted; the gap to liquidation is the maintenance margin") },
    { QT_TRANSLATE_NOOP("RiskPanel", "Risk at stop"),
        QT_TRANSLATE_NOOP("RiskPanel", "What the stop loses, in money and as a share of the wallet") },
    { QT_TRANSLATE_NOOP("RiskPanel", "Reward : risk"),
        QT_TRANSLATE_NOOP("RiskPanel", "Distance to target ÷ distance to stop") },
    { QT_TRANSLATE_NOOP("RiskPanel", "Fees (open + close)"),
        QT_TRANSLATE_NOOP("RiskPanel", "Taker fee on opening and on closing at the entry value") },
    { QT_TRANSLATE_NOOP("RiskPanel", "Funding / 8 h"),
        QT_TRANSLATE_NOOP(
            "RiskPanel", "Paid each funding interval at today's rate; positive rates make longs pay shorts") },
    { QT_TRANSLATE_NOOP("RiskPanel", "Funding over holding"),
        QT_TRANSLATE_NOOP(
            "RiskPanel", "Funding paid over the holding period, and how far it drags the liquidation price") },
    { QT_TRANSLATE_NOOP("RiskPanel", "Status"), "" },
} };

} // namespace

QString formatAmount(double value, int decimals)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    return QLocale().toString(value, 'f', decimals);
}

QString formatPercent(double fraction)
{
    return formatAmount(fraction * 100.0, 2) + QLatin1Char('%');
}

QString riskFigureLabel(RiskFigure figure)
{
    return tr(kNames[static_cast<std::size_t>(figure)].label);
}

QString riskFigureHint(RiskFigure figure)
{
    const char* hint = kNames[static_cast<std::size_t>(figure)].hint;
    return *hint == '\0' ? QString() : tr(hint);
}

int priceDecimals(const RiskModel& model)
{
    return std::clamp(static_cast<int>(std::ceil(-std::log10(model.tickSize()) - 1e-9)), 0, 8);
}

RiskFigureTexts riskFigureTexts(const RiskModel& model)
{
    RiskFigureTexts out;
    auto set = [&out](RiskFigure f, QString text) { out[static_cast<std::size_t>(f)] = std::move(text); };
    const auto& s = model.snapshot();
    const auto& in = model.inputs();
    const int d = priceDecimals(model);
    const bool inverse = s.contract == engine::ContractKind::Inverse;
    const int md = inverse ? 6 : 2; // coin amounts need more places
    if (!s.valid) {
        out.fill(QStringLiteral("—"));
        set(RiskFigure::State, s.problem);
        return out;
    }
    const auto& p = s.position;
    auto priceWithDistance = [&](std::optional<double> price) {
        if (!price)
            return tr("none");
        return tr("%1  (%2)").arg(amount(*price, d), percent((*price - s.entry) / s.entry));
    };
    set(RiskFigure::Notional, amount(s.notional, md));
    set(RiskFigure::InitialMargin, tr("%1  at %2×").arg(amount(p.initialMargin, md)).arg(in.leverage));
    set(RiskFigure::MaintenanceMargin, tr("%1  (%2)").arg(amount(p.maintenanceMargin, md), percent(p.mmRate)));
    set(RiskFigure::Liquidation, priceWithDistance(p.liquidationPrice));
    set(RiskFigure::Bankruptcy, priceWithDistance(p.bankruptcyPrice));
    QString atStop = tr("no stop");
    if (s.riskAtStop && s.has(Warning::StopBeyondLiquidation))
        atStop = tr("%1  (liquidated first: the whole margin)").arg(amount(*s.riskAtStop, md));
    else if (s.riskAtStop)
        atStop = tr("%1  (%2 of wallet)").arg(amount(*s.riskAtStop, md), percent(*s.riskAtStopOfWallet));
    set(RiskFigure::RiskAtStop, atStop);
    set(RiskFigure::RewardRisk, s.rewardRisk ? tr("%1 : 1").arg(amount(*s.rewardRisk)) : QStringLiteral("—"));
    set(RiskFigure::Fees, amount(s.fees, md));
    set(RiskFigure::Funding,
        tr("%1  (%2, %3)")
            .arg(amount(s.fundingPerInterval, md + 2), percent(model.market().fundingRate),
                s.fundingPerInterval >= 0 ? tr("you pay") : tr("you receive")));
    set(RiskFigure::FundingHorizon,
        s.liquidationDrift ? tr("%1 in %2 payments; liq. moves %3%4")
                                 .arg(amount(s.fundingOverHorizon, md))
                                 .arg(s.horizonIntervals)
                                 .arg(*s.liquidationDrift >= 0 ? QStringLiteral("+") : QString())
                                 .arg(amount(*s.liquidationDrift, d))
                           : amount(s.fundingOverHorizon, md));
    // The trade's state as the trade bar states it; the mark alone says nothing of a closed trade.
    QString state;
    switch (model.tradeState()) {
    case TradeState::Planning:
        state = p.liquidated ? tr("planning — this mark is past liquidation") : tr("planning");
        break;
    case TradeState::Open:
        state = tr("open");
        break;
    case TradeState::Closed:
        state = tr("closed");
        break;
    }
    set(RiskFigure::State, state);
    return out;
}

} // namespace levlab::model
