#include "core/model/market/market.h"

#include "core/model/feeds/market_feed.h"

namespace levlab::model {

Market::Market(MarketFeed& simulated, QObject* parent) : MarketSource(parent), m_simulated(simulated)
{
    follow(simulated);
}

MarketSource& Market::source() const
{
    return m_source ? *m_source : static_cast<MarketSource&>(m_simulated);
}

bool Market::isSimulated() const
{
    return &source() == &m_simulated;
}

void Market::setFocus(const QString& symbol)
{
    m_focus = symbol;
    source().setFocus(symbol);
}

void Market::setSource(MarketSource* source)
{
    MarketSource& next = source ? *source : static_cast<MarketSource&>(m_simulated);
    if (&next == &this->source())
        return;
    // The source left behind stops: only one market runs at a time.
    this->source().setSpeed(0.0);
    m_source = source;
    follow(next);
    if (!m_focus.isEmpty())
        next.setFocus(m_focus);
    emit sourceChanged();
    emit seriesReset();
    emit controlsChanged();
    emit advanced();
}

void Market::follow(MarketSource& s)
{
    for (const auto& c : m_links)
        disconnect(c);
    m_links.clear();
    m_links << connect(&s, &MarketSource::advanced, this, &MarketSource::advanced)
            << connect(&s, &MarketSource::barFinished, this, &MarketSource::barFinished)
            << connect(&s, &MarketSource::controlsChanged, this, &MarketSource::controlsChanged)
            << connect(&s, &MarketSource::seriesReset, this, &MarketSource::seriesReset);
    // A replay destroyed while in charge hands the market back to the simulation.
    if (&s == &m_simulated)
        return;
    m_links << connect(&s, &QObject::destroyed, this, [this] {
        m_source = nullptr;
        follow(m_simulated);
        if (!m_focus.isEmpty())
            m_simulated.setFocus(m_focus);
        emit sourceChanged();
        emit seriesReset();
        emit controlsChanged();
        emit advanced();
    });
}

}  // namespace levlab::model
