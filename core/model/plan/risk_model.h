#pragma once

#include "core/engine/result.h"
#include "core/model/plan/plan_inputs.h"
#include "core/model/plan/risk_snapshot.h"

#include <QObject>

#include <optional>
#include <vector>

namespace levlab::model {

class TierLibrary;

/// Something that happened to the planned position as the mark moved.
struct PositionEvent final {
    enum class Kind { StoppedOut, Liquidated };
    Kind kind = Kind::StoppedOut;
    qint64 timeMs = 0;
    double price = 0.0;  ///< the mark that crossed
    double loss = 0.0;   ///< money lost: to the stop, or the whole margin on liquidation
};

/// The one owner of the planned position's inputs and of its risk snapshot.
///
/// Every setter validates: a refusal names the field, and the model keeps its
/// previous inputs and snapshot. An equal value changes nothing and emits
/// nothing. An accepted change recomputes the snapshot (microseconds) and emits
/// changed() once; a Batch groups many changes into one signal.
class RiskModel final : public QObject {
    Q_OBJECT
public:
    explicit RiskModel(const TierLibrary& tiers, QObject* parent = nullptr);

    [[nodiscard]] const PlanInputs& inputs() const { return m_inputs; }
    [[nodiscard]] const MarketState& market() const { return m_market; }
    [[nodiscard]] const RiskSnapshot& snapshot() const { return m_snapshot; }
    [[nodiscard]] const std::vector<PositionEvent>& events() const { return m_events; }

    using Outcome = std::optional<Refusal>;  ///< nullopt: accepted (or already so)

    Outcome setVenue(engine::Venue venue);
    Outcome setSymbol(const QString& symbol);
    Outcome setSide(engine::Side side);
    Outcome setEntryAtMarket(bool atMarket);
    Outcome setEntryPrice(double price);
    Outcome setSizeMode(SizeMode mode);
    Outcome setSize(double size);
    Outcome setLeverage(double leverage);
    Outcome setMarginMode(engine::MarginMode mode);
    Outcome setWallet(double wallet);
    Outcome setExtraMargin(double margin);
    Outcome setStopLoss(std::optional<double> price);
    Outcome setTakeProfit(std::optional<double> price);
    /// Turns the stop (target) on at a default distance from entry, or off.
    Outcome enableStopLoss(bool on);
    Outcome enableTakeProfit(bool on);
    Outcome setHorizonHours(double hours);
    Outcome setFeeRate(double rate);
    /// All inputs at once (a preset, a lesson example, a restored session).
    Outcome setInputs(const PlanInputs& inputs);

    /// Back-solves the leverage (isolated) that puts liquidation at `price`.
    Outcome setLiquidationTarget(double price);
    /// One-click fixes for a stop that lies beyond liquidation.
    Outcome fixByLoweringLeverage();
    Outcome fixByMovingStop();
    Outcome fixByAddingMargin();

    /// The market moved. Never refused; may record a stop-out or liquidation.
    void setMarket(const MarketState& market);
    void clearEvents();

    /// Symbols the venue ships a table for, and the tick of the current one.
    [[nodiscard]] QStringList symbols(engine::Venue venue) const;
    [[nodiscard]] double tickSize() const;
    [[nodiscard]] double snapToTick(double price) const;

    /// Groups changes: one changed() when the outermost batch ends, if anything changed.
    class Batch final {
    public:
        explicit Batch(RiskModel& model);
        ~Batch();
        Batch(const Batch&) = delete;
        Batch& operator=(const Batch&) = delete;

    private:
        RiskModel& m_model;
    };

    /// Share of entry kept between stop and liquidation by the one-click fixes.
    static constexpr double kFixBuffer = 0.002;
    /// Where a newly enabled stop and target sit, as shares of entry.
    static constexpr double kDefaultStopDistance = 0.02;
    static constexpr double kDefaultTargetDistance = 0.04;

signals:
    void changed();
    void eventOccurred(const levlab::model::PositionEvent& event);

private:
    Outcome apply(const PlanInputs& candidate);
    engine::Result<RiskSnapshot> compute(const PlanInputs& in, const MarketState& market) const;
    void publish();
    void detectEvents(const MarketState& before, const MarketState& after);

    const TierLibrary& m_tiers;
    PlanInputs m_inputs;
    MarketState m_market;
    RiskSnapshot m_snapshot;
    std::vector<PositionEvent> m_events;
    int m_batchDepth = 0;
    bool m_dirty = false;
};

}  // namespace levlab::model
