#include "core/model/export/csv_export.h"

#include "core/model/plan/risk_model.h"
#include "core/model/portfolio/portfolio_model.h"

#include <QLocale>

#include <cmath>
#include <optional>

namespace levlab::model {

namespace {

QByteArray number(std::optional<double> value)
{
    return value ? csvNumber(*value) : QByteArray();
}

QByteArray sideName(engine::Side side)
{
    return side == engine::Side::Long ? "long" : "short";
}

QByteArray modeName(engine::MarginMode mode)
{
    switch (mode) {
    case engine::MarginMode::Cross:
        return "cross";
    case engine::MarginMode::Isolated:
        return "isolated";
    case engine::MarginMode::StrictIsolated:
        return "strict_isolated";
    }
    return {};
}

QByteArray stateName(TradeState state)
{
    switch (state) {
    case TradeState::Planning:
        return "planning";
    case TradeState::Open:
        return "open";
    case TradeState::Closed:
        return "closed";
    }
    return {};
}

/// A text cell: quoted when it holds a comma, a quote or a line break (RFC 4180).
QByteArray cell(const QString& text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r'))
        bytes = '"' + bytes.replace("\"", "\"\"") + '"';
    return bytes;
}

class Rows final {
public:
    void add(const char* figure, const QByteArray& value, const char* unit)
    {
        m_out += figure;
        m_out += ',';
        m_out += value;
        m_out += ',';
        m_out += unit;
        m_out += "\r\n";
    }
    void add(const char* figure, std::optional<double> value, const char* unit) { add(figure, number(value), unit); }
    [[nodiscard]] QByteArray bytes() const { return m_out; }

private:
    QByteArray m_out = "figure,value,unit\r\n";
};

std::optional<double> distance(std::optional<double> price, double from)
{
    if (!price || from == 0.0)
        return std::nullopt;
    return (*price - from) / from;
}

} // namespace

QByteArray csvNumber(double value)
{
    if (!std::isfinite(value))
        return {};
    if (value == 0.0)
        return "0"; // never "-0"
    return QByteArray::number(value, 'f', QLocale::FloatingPointShortest);
}

QByteArray riskFiguresCsv(const RiskModel& model)
{
    const PlanInputs& in = model.inputs();
    const RiskSnapshot& s = model.snapshot();
    const auto& p = s.position;
    const bool ok = s.valid;
    auto when = [ok](std::optional<double> v) { return ok ? v : std::nullopt; };
    Rows rows;
    rows.add("venue",
        QByteArray(engine::venueName(in.venue).data(), static_cast<qsizetype>(engine::venueName(in.venue).size())),
        "text");
    rows.add("symbol", cell(in.symbol), "text");
    rows.add("side", sideName(in.side), "text");
    rows.add("margin_mode", modeName(in.marginMode), "text");
    rows.add("trade_state", stateName(model.tradeState()), "text");
    rows.add("entry", when(s.entry), "price");
    rows.add("quantity", when(s.quantity), "contracts");
    rows.add("leverage", in.leverage, "x");
    rows.add("wallet", in.wallet, "money");
    rows.add("added_margin", in.extraMargin, "money");
    rows.add("stop_loss", in.stopLoss, "price");
    rows.add("take_profit", in.takeProfit, "price");
    rows.add("notional", when(s.notional), "money");
    rows.add("initial_margin", when(p.initialMargin), "money");
    rows.add("maintenance_margin", when(p.maintenanceMargin), "money");
    rows.add("maintenance_rate", when(p.mmRate), "fraction");
    rows.add("liquidation_price", when(p.liquidationPrice), "price");
    rows.add("liquidation_distance", when(distance(p.liquidationPrice, s.entry)), "fraction");
    rows.add("bankruptcy_price", when(p.bankruptcyPrice), "price");
    rows.add("bankruptcy_distance", when(distance(p.bankruptcyPrice, s.entry)), "fraction");
    rows.add("max_leverage", when(s.maxLeverage), "x");
    rows.add("risk_at_stop", when(s.riskAtStop), "money");
    rows.add("risk_at_stop_of_wallet", when(s.riskAtStopOfWallet), "fraction");
    rows.add("reward_risk", when(s.rewardRisk), "ratio");
    rows.add("fees", when(s.fees), "money");
    rows.add("fee_rate", in.feeRate, "fraction");
    rows.add("funding_rate", model.market().fundingRate, "fraction");
    rows.add("funding_per_interval", when(s.fundingPerInterval), "money");
    rows.add("holding_hours", in.horizonHours, "hours");
    rows.add("funding_payments", when(static_cast<double>(s.horizonIntervals)), "count");
    rows.add("funding_over_holding", when(s.fundingOverHorizon), "money");
    rows.add("liquidation_after_holding", when(s.liquidationAfterHorizon), "price");
    rows.add("liquidation_drift", when(s.liquidationDrift), "price");
    return rows.bytes();
}

QByteArray portfolioCsv(const PortfolioModel& portfolio)
{
    QByteArray out = "id,symbol,side,margin_mode,quantity,entry,leverage,mark,margin,initial_margin,maintenance_margin,"
                     "unrealized_pnl,liquidation_price,liquidation_distance\r\n";
    const auto& holdings = portfolio.holdings();
    const auto& snap = portfolio.snapshot();
    for (std::size_t i = 0; i < holdings.size(); ++i) {
        const Holding& h = holdings[i];
        const double mark = portfolio.markOf(h.symbol);
        const engine::PositionResult* r
            = snap.valid && i < snap.account.positions.size() ? &snap.account.positions[i] : nullptr;
        auto of = [r](double engine::PositionResult::*field) { return r ? std::optional(r->*field) : std::nullopt; };
        const std::optional<double> liq = r ? r->liquidationPrice : std::nullopt;
        const QList<QByteArray> cells { cell(h.id), cell(h.symbol), sideName(h.side), modeName(h.mode),
            csvNumber(h.quantity), csvNumber(h.entry), csvNumber(h.leverage),
            number(mark > 0.0 ? std::optional(mark) : std::nullopt), number(of(&engine::PositionResult::margin)),
            number(of(&engine::PositionResult::initialMargin)), number(of(&engine::PositionResult::maintenanceMargin)),
            number(of(&engine::PositionResult::unrealizedPnl)), number(liq), number(distance(liq, mark)) };
        out += cells.join(',');
        out += "\r\n";
    }
    return out;
}

} // namespace levlab::model
