#pragma once

#include "core/engine/result.h"
#include "core/engine/trade/trade_simulator.h"
#include "core/engine/venue/venue_compare.h"
#include "core/model/plan/plan_inputs.h"
#include "core/model/plan/risk_snapshot.h"
#include "core/model/plan/trade.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

#include <optional>
#include <vector>

namespace levlab::model {

class TierLibrary;
struct TierTable;

/// A trade from its opening to its exit, kept in the trade log.
struct ClosedTrade final {
    PlanInputs inputs;  ///< as it was open: the entry is the fill
    double quantity = 0.0;
    qint64 openedMs = 0;
    PositionEvent exit;  ///< the exit of its last share; result: the whole trade's
    /// With an exit ladder: every step (partial take-profits, stop moves, top-ups,
    /// deleveraging, the last exit) with its time, price, size closed and result.
    std::vector<engine::TradeStep> steps;
};

/// The one owner of the planned position's inputs and of its risk snapshot.
///
/// Every setter validates: a refusal names the field, and the model keeps its
/// previous inputs and snapshot. An equal value changes nothing and emits
/// nothing. An accepted change recomputes the snapshot (microseconds) and emits
/// changed() once; a Batch groups many changes into one signal.
///
/// It also owns the trade's life (see TradeState): planning, where an entry at
/// market follows the mark and the stop and target keep their distance from it;
/// open, after "open at market" or when the market reaches a fixed entry; closed by
/// exactly one exit. Every change is checked against every rule: an edit that
/// would leave the stop or target on the wrong side is refused whatever field it
/// came from, and a size that moves into a risk-limit row with a lower maximum
/// brings the leverage down to it (notice() says so).
class RiskModel final : public QObject {
    Q_OBJECT
public:
    explicit RiskModel(const TierLibrary& tiers, QObject* parent = nullptr);

    [[nodiscard]] const PlanInputs& inputs() const { return m_inputs; }
    [[nodiscard]] const MarketState& market() const { return m_market; }
    [[nodiscard]] const RiskSnapshot& snapshot() const { return m_snapshot; }
    /// The current trade's exits: with a ladder each partial take-profit (its own
    /// result), then the exit of the last share (the whole trade's result); without
    /// one at most one event.
    [[nodiscard]] const std::vector<PositionEvent>& events() const { return m_events; }
    [[nodiscard]] TradeState tradeState() const { return m_state; }
    [[nodiscard]] qint64 openedMs() const { return m_openedMs; }
    /// A fixed entry fills when the market reaches it once a price has been typed or
    /// dragged for it (or given with the inputs); unticking "at market" alone waits.
    [[nodiscard]] bool entryArmed() const { return m_entryArmed; }
    /// Every trade closed since the app started, oldest first.
    [[nodiscard]] const std::vector<ClosedTrade>& tradeLog() const { return m_log; }
    /// The current trade's steps when its plan has an exit ladder (engine TradeSimulator).
    [[nodiscard]] const std::vector<engine::TradeStep>& tradeSteps() const;
    /// The planned position with its exits as the engine's trade plan (the stress run's input).
    [[nodiscard]] engine::Result<engine::TradePlan> currentTradePlan() const { return tradePlan(m_inputs, m_market); }
    /// The plan on every venue (engine::kAllVenues order), each with its own table for the
    /// same asset, evaluated as `levlab-cli compare` does.
    [[nodiscard]] std::vector<engine::VenueFigures> compareVenues() const;
    /// Unrealised result of the open trade at the mark, fees to close included.
    [[nodiscard]] double openResult() const;

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
    Outcome setExitTrigger(TriggerPrice trigger);
    /// The exit ladder and margin rules. Take-profits here turn the single take-profit
    /// off; refused while a trade is open (its exits run as they were planned).
    Outcome setExitLadder(const ExitLadder& ladder);
    Outcome setHorizonHours(double hours);
    Outcome setFeeRate(double rate);
    /// All inputs at once (a preset, a lesson example, a restored session): a new plan,
    /// leaving any open or closed trade behind.
    Outcome setInputs(const PlanInputs& inputs);
    /// All inputs at once as one edit of the current trade (undo and redo): the rules
    /// of its state apply, so an open trade's entry or size cannot change this way.
    Outcome edit(const PlanInputs& inputs);

    /// Back-solves the leverage (isolated) that puts liquidation at `price`.
    Outcome setLiquidationTarget(double price);
    /// One-click fixes for a stop that lies beyond liquidation.
    Outcome fixByLoweringLeverage();
    Outcome fixByMovingStop();
    Outcome fixByAddingMargin();

    /// Opens the planned trade now: the entry is fixed at the current mark.
    Outcome openAtMarket();
    /// Closes the open trade at the current mark.
    Outcome closeAtMarket();
    /// Leaves a closed (or open) trade and plans again with the inputs it was planned with.
    void planAgain();
    /// A funding settlement at `rate` (a fraction of the position's value; positive: longs
    /// pay) while the trade is open: the payment at the current mark comes out of the
    /// isolated margin (or the wallet behind a cross position), which moves the
    /// liquidation price. Returns what the position paid (negative: received); 0 when no
    /// trade is open.
    double settleFunding(double rate);
    /// Funding paid by the open (or just closed) trade so far; negative when received.
    [[nodiscard]] double fundingPaid() const { return m_fundingPaid; }

    /// The trade's life as a file keeps it (with inputs() and market(), all of the plan).
    [[nodiscard]] TradeLife tradeLife() const;
    /// Whether load() would accept these, at `market`. Nothing changes.
    [[nodiscard]] Outcome checkLoad(const PlanInputs& inputs, const TradeLife& life, const MarketState& market) const;
    /// Replaces the inputs, the trade's life and the market at once (a file opened, a
    /// session restored): every rule of the trade's state is checked first, a refusal
    /// changes nothing, and an accepted load emits changed() once (and
    /// tradeStateChanged() if the state changed), never edited(). The trade log stays.
    Outcome load(const PlanInputs& inputs, const TradeLife& life, const MarketState& market);

    /// The rules whole inputs must hold before any table or market is asked (a file
    /// read, a preset, an undo), the same each setter applies to its field.
    static Outcome checkWhole(const PlanInputs& inputs);
    static Outcome checkWallet(double wallet);
    static Outcome checkLeverage(double leverage);
    static Outcome checkSize(SizeMode mode, double size);
    static Outcome checkExtraMargin(engine::MarginMode mode, double margin);
    static Outcome checkPrice(const char* field, std::optional<double> price);
    static Outcome checkHorizon(double hours);
    static Outcome checkFeeRate(double rate);

    /// Where the market of another symbol comes from, for a symbol switch: the entry,
    /// stop and target move to that market's prices. Without it they stay as they are.
    void setMarketSource(std::function<MarketState(const QString& symbol)> source) { m_marketOf = std::move(source); }

    /// Everything the trader made here (inputs, the trade and its state, the trade
    /// log), to put back exactly later: a lesson's sandbox.
    struct Memento;
    [[nodiscard]] std::shared_ptr<const Memento> save() const;
    void restore(const Memento& memento);

    /// The market moved. Never refused; may open a fixed entry or close the trade.
    void setMarket(const MarketState& market);
    /// Drops the current trade's exit markers (planning again does it too).
    void clearEvents();

    /// The risk-limit table the plan uses (the user's refreshed or imported one, else the
    /// shipped one), or nullptr when the venue has none for the symbol.
    [[nodiscard]] const TierTable* tierTable() const;
    /// The tier library changed (a table refreshed or imported): the figures are
    /// recomputed with the table now in use, and changed() says so.
    void tiersChanged();

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
    /// The trade opened, closed or was planned again.
    void tradeStateChanged(levlab::model::TradeState state);
    /// A user's change was accepted: the inputs before and after (never a market move).
    void edited(const levlab::model::PlanInputs& before, const levlab::model::PlanInputs& after);
    /// The model adjusted something the user did not set, and why ("Leverage lowered to 5×: …").
    void notice(const QString& text);

private:
    /// Which field a change comes from: names it in refusals, and a change of the
    /// leverage itself is refused above the row's maximum instead of lowered.
    Outcome apply(PlanInputs candidate, const char* field);
    /// The snapshot of the inputs at the market, or an empty one saying why not.
    void recompute();
    engine::Result<RiskSnapshot> compute(const PlanInputs& in, const MarketState& market) const;
    std::optional<Refusal> checkExits(const PlanInputs& in, const RiskSnapshot& s, const char* field, TradeState state,
                                      const MarketState& market) const;
    /// The snapshot load() would commit, or why it refuses.
    Outcome prepareLoad(const PlanInputs& inputs, const TradeLife& life, const MarketState& market, RiskSnapshot& snapshot) const;
    /// The highest leverage the candidate's opening row allows; 0 when unknown.
    double rowMaxLeverage(const PlanInputs& in, const MarketState& market) const;
    /// Brings `in`'s leverage down to its row's maximum if above it; says so, or returns "".
    QString lowerToRowMaximum(PlanInputs& in) const;
    void publish();
    void followMarket();
    /// The inputs with an at-market plan's stop and target moved along with the mark.
    [[nodiscard]] PlanInputs following(PlanInputs in) const;
    void detectEvents(const MarketState& before, const MarketState& after);
    /// The position and exits of `in` as the engine's trade plan, at the market `mk`.
    engine::Result<engine::TradePlan> tradePlan(const PlanInputs& in, const MarketState& mk) const;
    std::optional<Refusal> checkLadder(const PlanInputs& in, const RiskSnapshot& s, const char* field, const MarketState& market) const;
    /// Opens the trade simulator when the plan has a ladder (at the trade's opening).
    void startLadder();
    void advanceLadder(const MarketState& after);
    void finishLadder();
    /// An open ladder trade's size, stop and liquidation price now, into the snapshot.
    void overlayLadder();
    void close(PositionEvent::Kind kind, double price, qint64 timeMs);
    void setState(TradeState state);
    void anchorExits();
    void setPlanning(const PlanInputs& plan);

    /// Values in the units of a contract kind before a switch, to come back to exactly.
    struct UnitMemory final {
        engine::ContractKind kind = engine::ContractKind::Linear;
        double wallet = 0.0, size = 0.0, extraMargin = 0.0;
        SizeMode sizeMode = SizeMode::Quantity;
        double convertedWallet = 0.0, convertedSize = 0.0, convertedExtra = 0.0;
    };

    const TierLibrary& m_tiers;
    PlanInputs m_inputs;
    MarketState m_market;
    RiskSnapshot m_snapshot;
    std::vector<PositionEvent> m_events;
    std::vector<ClosedTrade> m_log;
    TradeState m_state = TradeState::Planning;
    PlanInputs m_plan;  ///< the inputs as planned, restored by planAgain()
    qint64 m_openedMs = 0;
    double m_fundingPaid = 0.0;  ///< by the current trade, settlement currency
    bool m_entryArmed = true;
    double m_anchorEntry = 0.0;  ///< entry when the stop and target were last set
    std::optional<double> m_anchorStop;
    std::optional<double> m_anchorTarget;
    ExitLadder m_anchorLadder;
    std::optional<engine::TradeSimulator> m_sim;  ///< the open trade's ladder
    std::optional<UnitMemory> m_units;
    /// Prices as they were on each symbol left, with its mark then: coming back restores them.
    struct SymbolPrices final {
        double mark = 0.0, entryPrice = 0.0;
        std::optional<double> stopLoss, takeProfit;
    };
    QHash<QString, SymbolPrices> m_symbolPrices;
    Outcome convertUnits(PlanInputs& c, const TierTable* before, const TierTable* after, std::optional<UnitMemory>& memory) const;
    std::function<MarketState(const QString&)> m_marketOf;
    int m_batchDepth = 0;
    bool m_dirty = false;
};

}  // namespace levlab::model
