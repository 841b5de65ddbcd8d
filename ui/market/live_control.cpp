#include "ui/market/live_control.h"

#include "core/model/feeds/market_feed.h"
#include "core/model/live/live_source.h"
#include "core/model/market/market.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>

namespace levlab::ui {

LiveControl::LiveControl(model::Market& market, QWidget* parent) : QWidget(parent), m_market(market)
{
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSizeConstraint(QLayout::SetNoConstraint);
    m_live = new QToolButton(this);
    m_live->setText(tr("Live"));
    m_live->setToolTip(tr("Follow a real exchange's public market data (asks first)"));
    m_live->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_live);
    for (const Choice& c : choices())
        connect(menu->addAction(choiceText(c)), &QAction::triggered, this, [this, c] { choose(c); });
    m_live->setMenu(menu);
    row->addWidget(m_live);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    // A fixed size: the text renews every second and must not reflow the bar.
    // Wide enough for "Reconnecting in 60 s"; a longer text is elided, whole in the tooltip.
    m_status->setFixedWidth(m_status->fontMetrics().horizontalAdvance(QStringLiteral("Reconnecting in 60 s ")));
    m_status->setFixedHeight(m_status->sizeHint().height());
    m_status->setAccessibleName(tr("Live market status"));
    row->addWidget(m_status);
    m_simulation = new QPushButton(tr("Simulation"), this);
    m_simulation->setToolTip(tr("Disconnect and go back to the simulated market"));
    connect(m_simulation, &QPushButton::clicked, this, &LiveControl::backToSimulation);
    row->addWidget(m_simulation);
    connect(&m_market, &model::Market::sourceChanged, this, &LiveControl::refresh);
    refresh();
}

LiveControl::~LiveControl()
{
    // The window is going: the market (the source's parent) ends the live source with
    // itself; nothing may call back into the half-destroyed bar.
    disconnect(&m_market, nullptr, this, nullptr);
}

QSize LiveControl::minimumSizeHint() const
{
    return m_live->sizeHint();
}

model::LiveSource* LiveControl::source() const
{
    return m_source.data();
}

QList<LiveControl::Choice> LiveControl::choices()
{
    using V = model::LiveVenue;
    return {{V::BinanceUsdm, QStringLiteral("BTCUSDT")}, {V::BinanceUsdm, QStringLiteral("ETHUSDT")},
            {V::BybitLinear, QStringLiteral("BTCUSDT")}, {V::BybitLinear, QStringLiteral("ETHUSDT")},
            {V::BybitInverse, QStringLiteral("BTCUSD")}, {V::Bitmex, QStringLiteral("XBTUSD")},
            {V::Hyperliquid, QStringLiteral("BTC")},     {V::Hyperliquid, QStringLiteral("ETH")}};
}

QString LiveControl::choiceText(const Choice& c)
{
    return QStringLiteral("%1 · %2").arg(model::liveVenueName(c.venue), c.symbol);
}

void LiveControl::choose(const Choice& choice)
{
    QMessageBox ask(QMessageBox::Question, tr("Follow a live market?"),
                    tr("Follow %1 live?").arg(choiceText(choice)), QMessageBox::NoButton, window());
    ask.setInformativeText(tr("This connects to the exchange's public market-data servers to receive prices, "
                              "funding and one-minute candles. No account, no keys, no orders: this app never "
                              "trades. The simulated market is one click away (Simulation)."));
    QPushButton* go = ask.addButton(tr("Connect"), QMessageBox::AcceptRole);
    ask.addButton(QMessageBox::Cancel);
    ask.setDefaultButton(go);
    ask.exec();
    if (ask.clickedButton() == go)
        follow(choice);
}

void LiveControl::follow(const Choice& choice)
{
    if (m_market.isSimulated())
        m_simulatedSpeed = m_market.speed();
    auto* source = new model::LiveSource(choice.venue, choice.symbol, &m_market);
    connect(source, &model::LiveSource::statusChanged, this, &LiveControl::refresh);
    model::LiveSource* old = m_source;
    m_source = source;
    m_market.setSource(source);
    source->setSpeed(1.0);
    if (old)
        old->deleteLater();
    refresh();
}

void LiveControl::backToSimulation()
{
    model::LiveSource* old = m_source;
    if (!old)
        return;
    m_market.setSource(nullptr);  // stops the live source (speed 0: disconnected)
    m_market.simulated().setSpeed(m_simulatedSpeed);
    m_source = nullptr;
    old->deleteLater();
    refresh();
}

void LiveControl::refresh()
{
    const bool live = m_source && &m_market.source() == m_source.data();
    m_simulation->setVisible(live);
    m_status->setVisible(live);
    // Called for every frame (up to thousands a second): the text is laid out again only when it changes.
    const QString status = live ? m_source->statusText() : QString();
    if (status != m_statusText || m_status->width() != m_statusWidth) {
        m_statusText = status;
        m_statusWidth = m_status->width();
        m_status->setText(m_status->fontMetrics().elidedText(status, Qt::ElideRight, m_statusWidth));
        m_status->setToolTip(status);
    }
    QString note;
    if (live && m_source->stale()) {
        const qint64 since = m_source->lastDataMs();
        note = since > 0 ? tr("Prices stale since %1 UTC: these figures use the last prices received.")
                               .arg(QDateTime::fromMSecsSinceEpoch(since, Qt::UTC).toString(QStringLiteral("HH:mm:ss")))
                         : tr("No live prices yet: these figures are not from live prices.");
    }
    if (note != m_note) {
        m_note = note;
        emit staleNote(note);
    }
}

}  // namespace levlab::ui
