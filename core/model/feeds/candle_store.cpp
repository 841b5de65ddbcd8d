#include "core/model/feeds/candle_store.h"

#include <algorithm>

namespace levlab::model {

qint64 timeframeMs(Timeframe tf)
{
    switch (tf) {
    case Timeframe::M1: return 60'000;
    case Timeframe::M5: return 300'000;
    case Timeframe::M15: return 900'000;
    case Timeframe::H1: return 3'600'000;
    }
    return 60'000;
}

CandleSeries::CandleSeries(qint64 spanMs, std::size_t capacity) : m_spanMs(spanMs), m_capacity(std::max<std::size_t>(1, capacity)) {}

void CandleSeries::push(const Candle& c)
{
    if (m_ring.size() < m_capacity) {
        m_ring.push_back(c);  // still growing: the oldest is at 0
        ++m_count;
    } else {
        m_ring[m_head] = c;
        m_head = wrap(m_head + 1);
    }
}

void CandleSeries::add(qint64 timeMs, double last, double mark)
{
    const qint64 open = timeMs - (timeMs % m_spanMs);
    if (m_count > 0 && back().openMs == open) {
        Candle& c = slot(m_count - 1);
        c.high = std::max(c.high, last);
        c.low = std::min(c.low, last);
        c.close = last;
        c.markClose = mark;
        return;
    }
    push(Candle{open, last, last, last, last, mark});
}

void CandleSeries::add(const Candle& bar)
{
    const qint64 open = bar.openMs - (bar.openMs % m_spanMs);
    if (m_count > 0 && back().openMs == open) {
        Candle& c = slot(m_count - 1);
        c.high = std::max(c.high, bar.high);
        c.low = std::min(c.low, bar.low);
        c.close = bar.close;
        c.markClose = bar.markClose;
        return;
    }
    Candle c = bar;
    c.openMs = open;
    push(c);
}

std::size_t CandleSeries::lowerBound(qint64 timeMs) const
{
    std::size_t lo = 0;
    std::size_t hi = m_count;
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (at(mid).openMs < timeMs)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

CandleStore::CandleStore(std::size_t capacity1m)
    : m_series{CandleSeries(timeframeMs(Timeframe::M1), capacity1m), CandleSeries(timeframeMs(Timeframe::M5), capacity1m),
               CandleSeries(timeframeMs(Timeframe::M15), capacity1m / 2), CandleSeries(timeframeMs(Timeframe::H1), capacity1m / 4)}
{
}

void CandleSeries::reserve(std::size_t bars)
{
    if (m_ring.size() < m_capacity)  // once wrapped, the ring is whole
        m_ring.reserve(std::min(m_capacity, bars));
}

void CandleStore::reserveMinutes(std::size_t minutes)
{
    for (auto& s : m_series) {
        const auto perBar = static_cast<std::size_t>(s.spanMs() / timeframeMs(Timeframe::M1));
        const std::size_t bars = s.size() + minutes / perBar + 1;
        s.reserve(bars + bars / 4);  // and room for the bars that follow, so the first new one copies nothing
    }
}

void CandleStore::addTick(qint64 timeMs, double last, double mark)
{
    for (auto& s : m_series)
        s.add(timeMs, last, mark);
}

void CandleSeries::scale(double factor)
{
    for (std::size_t i = 0; i < m_count; ++i) {
        Candle& c = slot(i);
        c.open *= factor;
        c.high *= factor;
        c.low *= factor;
        c.close *= factor;
        c.markClose *= factor;
    }
}

void CandleStore::scale(double factor)
{
    for (auto& s : m_series)
        s.scale(factor);
}

void CandleStore::addBar(const Candle& bar)
{
    for (auto& s : m_series)
        s.add(bar);
}

}  // namespace levlab::model
