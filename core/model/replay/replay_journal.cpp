#include "core/model/replay/replay_journal.h"

#include "core/engine/history/funding_series.h"
#include "core/model/market/instrument.h"
#include "core/model/plan/messages.h"
#include "core/model/plan/risk_model.h"
#include "core/model/replay/replay_source.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace levlab::model {

namespace {

QString when(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

QString money(double v, const ReplayFormat& f)
{
    const QString sign = v < 0.0 ? QStringLiteral("−") : (v > 0.0 ? QStringLiteral("+") : QString());
    return sign + formatNumber(std::abs(v), f.moneyDecimals) + (f.currency.isEmpty() ? QString() : QLatin1Char(' ') + f.currency);
}

QJsonValue number(std::optional<double> v)
{
    return v && std::isfinite(*v) ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

}  // namespace

QString exitName(PositionEvent::Kind kind)
{
    switch (kind) {
    case PositionEvent::Kind::Liquidated: return QStringLiteral("liquidated");
    case PositionEvent::Kind::StoppedOut: return QStringLiteral("stopped_out");
    case PositionEvent::Kind::TookProfit: return QStringLiteral("took_profit");
    case PositionEvent::Kind::ClosedByHand: return QStringLiteral("closed_by_hand");
    }
    return {};
}

QString describe(const ReplayEvent& e, const ReplayFormat& f)
{
    const QString t = when(e.timeMs);
    const QString liq = e.liquidation ? QObject::tr(", liquidation %1").arg(formatNumber(*e.liquidation, f.priceDecimals)) : QString();
    switch (e.kind) {
    case ReplayEvent::Kind::Open:
        return QObject::tr("%1  Opened at %2%3").arg(t, formatNumber(e.price, f.priceDecimals), liq);
    case ReplayEvent::Kind::Funding:
        return QObject::tr("%1  Funding %2% at %3: %4 %5%6")
            .arg(t, formatNumber(e.rate * 100.0, 4), formatNumber(e.price, f.priceDecimals),
                 e.amount < 0.0 ? QObject::tr("received") : QObject::tr("paid"), money(std::abs(e.amount), f), liq);
    case ReplayEvent::Kind::Exit: {
        QString what;
        switch (e.exit) {
        case PositionEvent::Kind::Liquidated: what = QObject::tr("Liquidated"); break;
        case PositionEvent::Kind::StoppedOut: what = QObject::tr("Stopped out"); break;
        case PositionEvent::Kind::TookProfit: what = QObject::tr("Took profit"); break;
        case PositionEvent::Kind::ClosedByHand: what = QObject::tr("Closed by hand"); break;
        }
        return QObject::tr("%1  %2 at %3, result %4").arg(t, what, formatNumber(e.price, f.priceDecimals), money(e.amount, f));
    }
    }
    return t;
}

QJsonObject toJson(const ReplayEvent& e)
{
    QJsonObject o;
    o[QStringLiteral("time")] = QDateTime::fromMSecsSinceEpoch(e.timeMs, Qt::UTC).toString(Qt::ISODate);
    o[QStringLiteral("price")] = e.price;
    switch (e.kind) {
    case ReplayEvent::Kind::Open:
        o[QStringLiteral("event")] = QStringLiteral("open");
        o[QStringLiteral("liquidation")] = number(e.liquidation);
        break;
    case ReplayEvent::Kind::Funding:
        o[QStringLiteral("event")] = QStringLiteral("funding");
        o[QStringLiteral("rate")] = e.rate;
        o[QStringLiteral("paid")] = e.amount;
        o[QStringLiteral("liquidation")] = number(e.liquidation);
        break;
    case ReplayEvent::Kind::Exit:
        o[QStringLiteral("event")] = QStringLiteral("exit");
        o[QStringLiteral("exit")] = exitName(e.exit);
        o[QStringLiteral("result")] = e.amount;
        break;
    }
    return o;
}

void playToExit(ReplaySource& source, const RiskModel& model)
{
    while (model.tradeState() != TradeState::Closed && source.step()) {
    }
}

ReplayJournal::ReplayJournal(RiskModel& model, ReplaySource& source, QObject* parent)
    : QObject(parent), m_model(model), m_source(source)
{
    connect(&source, &ReplaySource::fundingSettled, this, &ReplayJournal::onFunding);
    connect(&source, &ReplaySource::restarted, this, [this] {
        // A trade opened in a future the replay has gone back from is no trade.
        if (m_model.tradeState() != TradeState::Planning)
            m_model.planAgain();
        m_events.clear();
        emit changed();
    });
    connect(&model, &RiskModel::tradeStateChanged, this, [this](TradeState state) {
        if (state != TradeState::Open)
            return;
        m_events.clear();
        ReplayEvent e;
        e.kind = ReplayEvent::Kind::Open;
        e.timeMs = m_model.openedMs();
        e.price = m_model.snapshot().entry;
        e.liquidation = m_model.snapshot().position.liquidationPrice;
        push(e);
    });
    connect(&model, &RiskModel::eventOccurred, this, [this](const PositionEvent& pe) {
        ReplayEvent e;
        e.kind = ReplayEvent::Kind::Exit;
        e.timeMs = pe.timeMs;
        e.price = pe.price;
        e.amount = pe.result;
        e.exit = pe.kind;
        push(e);
    });
}

ReplayFormat ReplayJournal::format() const
{
    ReplayFormat f;
    const double tick = m_model.tickSize();
    f.priceDecimals = tick > 0.0 ? std::clamp(static_cast<int>(std::ceil(-std::log10(tick) - 1e-9)), 0, 8) : 2;
    const Instrument in = Instrument::parse(m_model.inputs().symbol);
    const bool inverse = m_model.snapshot().contract == engine::ContractKind::Inverse;
    f.currency = inverse ? (m_model.inputs().venue == engine::Venue::Bitmex ? QStringLiteral("XBT") : in.base) : in.quote;
    f.moneyDecimals = inverse ? 8 : 2;
    // At least two decimals a price moves by: the liquidation price is no tick price.
    f.priceDecimals = std::max(f.priceDecimals, 2);
    return f;
}

void ReplayJournal::onFunding(const engine::FundingSettlement& settlement)
{
    if (m_model.tradeState() != TradeState::Open)
        return;
    ReplayEvent e;
    e.kind = ReplayEvent::Kind::Funding;
    e.timeMs = settlement.time * 1000;
    e.price = m_model.market().mark;
    e.rate = settlement.rate;
    e.amount = m_model.settleFunding(settlement.rate);
    e.liquidation = m_model.snapshot().position.liquidationPrice;
    push(e);
}

void ReplayJournal::push(const ReplayEvent& e)
{
    m_events.push_back(e);
    emit changed();
}

}  // namespace levlab::model
