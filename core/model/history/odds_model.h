#pragma once

#include "core/engine/history/odds.h"
#include "core/model/plan/plan_inputs.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace levlab::model {

class Market;
class ReplaySource;
class RiskModel;

/// One cell of the odds grid with its worst case placed in time.
struct OddsCase final {
    engine::OddsCell cell;
    qint64 worstEntrySeconds = 0;                 ///< open time of the worst case's entry bar
    double worstEntryPrice = 0.0;                 ///< that bar's open
    std::optional<qint64> worstLiquidationSeconds;  ///< end of the bar that liquidated it, if one did
    std::optional<qint64> worstStopSeconds;         ///< end of the bar its stop fired in, if it fired first
};

/// The grid as one computation left it: leverages × holding periods × sides.
struct OddsTable final {
    std::vector<double> leverages;
    std::vector<double> hours;
    std::vector<engine::Side> sides;
    std::vector<OddsCase> cases;  ///< by side, then leverage, then hours (engine::liquidationOdds' order)
    std::optional<double> stopDistance;
    engine::Venue venue = engine::Venue::Textbook;
    QString refusal;  ///< why there is no grid ("" when there is one)
};

/// "1 h", "4 h", "1 d", "3 d", "1 w", "30 d".
[[nodiscard]] QString holdingText(double hours);
/// A cell in words, for its tooltip and its accessible description: "Long 10× held 1 d:
/// 43,201 entries, 8,819 liquidated (20.41%), …" then the worst case with its UTC times.
[[nodiscard]] QString describeCase(const OddsCase& c, bool withStop);

/// The historical odds of liquidation of the plan on the history being replayed, for the
/// heatmap beside the chart: for every leverage (the plan's venue's ladder, 1× to the
/// maximum of the plan's risk-limit row, with the plan's own leverage added when it is not
/// on it) × holding period (1 h … 30 d) × side, engine::liquidationOdds over the replay's
/// bars, with the plan's venue, symbol, size, fee and stop. Funding is left out (it varies
/// along any history). The worst case of a cell is the entry whose period went furthest
/// against it (the engine's); it is liquidated whenever any entry of the cell is.
///
/// Recomputed off the GUI thread, and only when the history or an input the grid depends on
/// changes — never on a tick: the entry follows the mark, so the plan's notional is taken
/// when the grid is computed, and a stop whose distance moved by less than 0.01% of the
/// entry and two ticks (the tick's rounding as the mark moves) keeps the grid.
class OddsModel final : public QObject {
    Q_OBJECT
public:
    OddsModel(Market& market, RiskModel& plan, QObject* parent = nullptr);
    ~OddsModel() override;

    enum class Status { NoHistory, Computing, Ready, Refused };
    [[nodiscard]] Status status() const;
    /// The last finished grid (empty before the first; kept while the next is computed).
    [[nodiscard]] const OddsTable& table() const { return *m_table; }
    /// A cell of table(); null when out of range.
    [[nodiscard]] const OddsCase* cell(engine::Side side, std::size_t leverage, std::size_t hours) const;
    /// The row of the plan's leverage in table(), if the table is of the current plan.
    [[nodiscard]] std::optional<std::size_t> planRow() const;
    /// The plan's side (the heatmap shows it first).
    [[nodiscard]] engine::Side planSide() const;
    /// The replay whose bars the grid is of (null: the market is not a replay).
    [[nodiscard]] const ReplaySource* history() const;
    /// The bars the last grid was computed over and their spacing.
    [[nodiscard]] std::size_t barCount() const { return m_bars; }

    /// Replays a cell's worst case: the replay starts over at its entry bar, the plan takes
    /// the cell's side and leverage and opens at market there (the bar's open), paused, so
    /// play shows what happened. A refusal (no replay, a leverage the plan refuses) changes
    /// nothing and says why.
    std::optional<Refusal> replayWorstCase(engine::Side side, std::size_t leverage, std::size_t hours);

    /// Blocks until no computation runs (tests, teardown).
    void waitForIdle();

signals:
    /// A new grid, or the status changed (a history loaded or left, computing began).
    void changed();

private:
    struct Key final {
        const void* source = nullptr;
        engine::Venue venue = engine::Venue::Textbook;
        QString symbol;
        SizeMode sizeMode = SizeMode::Quantity;
        double size = 0.0, wallet = 0.0, feeRate = 0.0;
        std::optional<double> mmRate;
        std::optional<double> stopDistance;
        double stopTolerance = 0.0;
        std::vector<double> leverages;
    };
    void onSourceChanged();
    void onPlanChanged();
    [[nodiscard]] std::optional<Key> currentKey() const;
    [[nodiscard]] bool sameGrid(const Key& a, const Key& b) const;
    void start();
    void finished();

    Market& m_market;
    RiskModel& m_plan;
    QPointer<ReplaySource> m_source;
    std::optional<Key> m_key;  ///< the inputs of the grid computed or being computed
    std::shared_ptr<const OddsTable> m_table;
    QFutureWatcher<std::shared_ptr<const OddsTable>> m_watcher;
    QTimer m_debounce;
    bool m_pending = false;  ///< the inputs changed while a grid was being computed
    std::size_t m_bars = 0;
    engine::Side m_seenSide = engine::Side::Long;
    double m_seenLeverage = 0.0;
};

}  // namespace levlab::model
