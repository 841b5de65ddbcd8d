#pragma once

#include "core/model/feeds/candle_store.h"
#include "core/model/feeds/follower.h"
#include "core/model/feeds/price_process.h"
#include "core/model/market/market_source.h"
#include "core/model/plan/plan_inputs.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <utility>
#include <vector>

namespace levlab::model {

/// Where a simulated market stands, enough to start it again deterministically:
/// the path of `seed` with `historyMinutes` of one-minute history ending at `timeMs`,
/// moved so that each asset's mark is exactly the one given.
struct MarketPoint final {
    std::uint64_t seed = 0;
    qint64 timeMs = 0;
    std::size_t historyMinutes = 0;
    /// By asset: "BTC" (the leader) first, then each follower's base ("ETH", "SOL").
    std::vector<std::pair<QString, double>> marks;
    double fundingRate = 0.0;  ///< the rate that will settle at the next 8 h boundary
    Scenario scenario = Scenario::Normal;
    double speed = 0.0;
    friend bool operator==(const MarketPoint&, const MarketPoint&) = default;
};

/// The embedded simulated market: a PriceProcess driven by the clock at a
/// chosen speed, folding its ticks into candles. Ticks are produced in batches
/// from a ~60 Hz timer and advanced() is emitted once per batch, so nothing
/// downstream works per tick.
class MarketFeed final : public MarketSource {
    Q_OBJECT
public:
    /// Simulated ticks per simulated second (one tick every 250 ms).
    static constexpr double kTicksPerSecond = 4.0;
    static constexpr std::size_t kHistoryCapacity = 131072;

    MarketFeed(std::uint64_t seed, double startPrice, qint64 startMs, QObject* parent = nullptr);

    /// Fills `minutes` one-minute bars of history before the live ticks start.
    void generateHistory(std::size_t minutes);

    /// 0 pauses; 1, 10, 60, 600 run simulated time that many times faster than real time.
    void setSpeed(double speed) override;
    [[nodiscard]] double speed() const override { return m_speed; }
    void setScenario(Scenario s);
    [[nodiscard]] Scenario scenario() const { return m_process.scenario(); }
    /// Continues from the current price and time along the path of `seed`: the
    /// same seed gives the same moves (relative to where it starts) every time.
    void reseed(std::uint64_t seed);

    /// Starts the market afresh along the path of `seed`: `historyMinutes` of history
    /// ending now, moved so that the mark is exactly `price` (a lesson's stated price).
    void restart(std::uint64_t seed, double price, std::size_t historyMinutes);

    /// The seed of the path the market follows now (the last given to the constructor,
    /// reseed() or a restart).
    [[nodiscard]] std::uint64_t seed() const { return m_seed; }
    /// Where the market stands now, to start it again there with restartAt(), with at
    /// most kPointHistoryMinutes of history: a restart generates it at about 1.3 µs a minute.
    [[nodiscard]] MarketPoint point() const;
    static constexpr std::size_t kPointHistoryMinutes = 7 * 24 * 60;
    /// Starts the market afresh at `point`: the same point gives the same market, tick
    /// for tick, every time. The scenario starts now; crash, squeeze and wick storm run
    /// their course again. Every mark must be finite and greater than 0.
    void restartAt(const MarketPoint& point);

    /// Everything the market is, to put back later exactly as it was (a lesson's
    /// sandbox gives the learner's own market back).
    struct Memento;
    [[nodiscard]] std::shared_ptr<const Memento> save() const;
    void restore(const Memento& memento);

    /// Advances exactly `ticks` ticks now (tests, benchmarks, replays of a seed).
    void advance(int ticks);

    /// Candles of the asset in focus (the leader unless setFocus() chose a follower).
    [[nodiscard]] const CandleStore& candles() const override;
    /// Candles of an asset by symbol or base ("BTCUSDT", "ETH"); the leader's if unknown.
    [[nodiscard]] const CandleStore& candles(const QString& symbol) const override;
    /// Chooses the asset candles() and state() describe (the plan's symbol).
    void setFocus(const QString& symbol) override;
    [[nodiscard]] QString focus() const;

    /// Assets that follow BTC with a beta and noise of their own (ETH, SOL).
    [[nodiscard]] const std::vector<Follower>& followers() const { return m_followers; }
    void setBeta(const QString& symbol, double beta);
    /// The mark of "BTC…" (the leader) or of a follower by its base ("ETH", "SOLUSDT"); 0 if unknown.
    [[nodiscard]] double markOf(const QString& symbol) const;
    [[nodiscard]] const Tick& lastTick() const { return m_process.current(); }
    /// Mark, last, index, funding and the last hour's range of last prices, of the asset in focus.
    [[nodiscard]] MarketState state() const override;
    /// The same for an asset by symbol or base. A follower has no wicks of its own:
    /// its mark, last and index are its price.
    [[nodiscard]] MarketState state(const QString& symbol) const override;
    [[nodiscard]] qint64 nowMs() const override { return m_process.current().timeMs; }
    [[nodiscard]] QString name() const override { return tr("Simulated"); }

private:
    void onTimer();
    /// -1 for the leader, else the follower's index; -2 when `symbol` names none.
    [[nodiscard]] int indexOf(const QString& symbol) const;

    PriceProcess m_process;
    std::uint64_t m_seed = 0;
    std::size_t m_historyMinutes = 0;  ///< of generated history (ticks since are not counted)
    CandleStore m_candles;
    std::vector<Follower> m_followers;
    std::vector<CandleStore> m_followerCandles;  ///< parallel to m_followers
    int m_focus = -1;
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_speed = 1.0;
    double m_tickDebt = 0.0;
    qint64 m_lastWallMs = 0;
};

}  // namespace levlab::model
