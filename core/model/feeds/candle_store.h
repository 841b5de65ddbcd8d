#pragma once

#include "core/model/feeds/large_pages.h"

#include <QtGlobal>

#include <array>
#include <cstddef>
#include <vector>

namespace levlab::model {

/// One bar of last prices, with the mark at its close.
struct Candle final {
    qint64 openMs = 0;
    double open = 0.0;
    double high = 0.0;
    double low = 0.0;
    double close = 0.0;
    double markClose = 0.0;
};

/// A bounded, append-only run of candles of one timeframe: the oldest fall off
/// when capacity is reached. Index 0 is the oldest kept.
class CandleSeries final {
public:
    CandleSeries(qint64 spanMs, std::size_t capacity);

    [[nodiscard]] qint64 spanMs() const { return m_spanMs; }
    [[nodiscard]] std::size_t size() const { return m_count; }
    [[nodiscard]] std::size_t capacity() const { return m_capacity; }
    [[nodiscard]] bool empty() const { return m_count == 0; }
    [[nodiscard]] const Candle& at(std::size_t i) const
    {
        static const Candle none;
        return m_ring.empty() ? none : m_ring[wrap(m_head + i)];
    }
    [[nodiscard]] const Candle& back() const { return at(m_count - 1); }

    /// Folds a price at `timeMs` into the bar that holds it, opening a new bar
    /// when the time passes the current one.
    void add(qint64 timeMs, double last, double mark);
    /// Folds a finished lower-timeframe bar in.
    void add(const Candle& bar);

    /// Multiplies every price kept by `factor`.
    void scale(double factor);
    /// Makes room at once for `bars` candles (at most the capacity): history
    /// generated in one go then fills the series without growing it step by step.
    void reserve(std::size_t bars);

    /// Index of the first candle opening at or after `timeMs` (size() when none).
    [[nodiscard]] std::size_t lowerBound(qint64 timeMs) const;

private:
    Candle& slot(std::size_t i) { return m_ring[wrap(m_head + i)]; }
    /// A position past the ring's end counted from its start again: head and index are
    /// each below the size, so one subtraction does (a division costs more than the read).
    [[nodiscard]] std::size_t wrap(std::size_t j) const { return j < m_ring.size() ? j : j - m_ring.size(); }
    void push(const Candle& c);

    qint64 m_spanMs;
    std::size_t m_capacity;
    /// Grows to the capacity as candles come (a copy costs what is kept, not the capacity), then wraps.
    std::vector<Candle, LargePageAllocator<Candle>> m_ring;
    std::size_t m_head = 0;
    std::size_t m_count = 0;
};

enum class Timeframe { M1, M5, M15, H1 };
inline constexpr std::array kTimeframes{Timeframe::M1, Timeframe::M5, Timeframe::M15, Timeframe::H1};
qint64 timeframeMs(Timeframe tf);

/// Candles of every timeframe, fed from one stream of ticks.
class CandleStore final {
public:
    /// Room for `capacity1m` one-minute bars and as much history at each higher timeframe.
    explicit CandleStore(std::size_t capacity1m = 131072);

    void addTick(qint64 timeMs, double last, double mark);
    /// A whole one-minute bar at once (history generation, replay).
    void addBar(const Candle& bar);
    /// Multiplies every price kept by `factor`.
    void scale(double factor);
    /// Makes room for `minutes` more minutes of bars at every timeframe.
    void reserveMinutes(std::size_t minutes);

    [[nodiscard]] const CandleSeries& series(Timeframe tf) const { return m_series[static_cast<std::size_t>(tf)]; }

private:
    std::array<CandleSeries, 4> m_series;
};

}  // namespace levlab::model
