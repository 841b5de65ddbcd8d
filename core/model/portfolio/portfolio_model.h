#pragma once

#include "core/engine/account/account.h"
#include "core/engine/account/layouts.h"
#include "core/engine/funding/funding.h"
#include "core/engine/margin/transfer.h"
#include "core/model/plan/plan_inputs.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace levlab::model {

class TierLibrary;

/// One position of the portfolio, as the trader enters it.
struct Holding final {
    QString id;
    QString symbol = QStringLiteral("BTCUSDT");
    engine::Side side = engine::Side::Long;
    double quantity = 0.1;
    double entry = 0.0;
    double leverage = 10.0;
    engine::MarginMode mode = engine::MarginMode::Cross;
    std::optional<double> isolatedMargin;  ///< defaults to the initial margin
    std::optional<double> mmRate;          ///< needed where the venue ships no table for the symbol
    friend bool operator==(const Holding&, const Holding&) = default;
};

/// A liquidation that happened as the marks moved.
struct PortfolioEvent final {
    qint64 timeMs = 0;
    QStringList ids;     ///< the position closed
    double loss = 0.0;   ///< its isolated margin, or (cross) the loss realised from the wallet
    bool cross = false;
    QString symbol;      ///< of the first position, for the chart marker
    double price = 0.0;  ///< its mark at that moment
};

/// Everything recomputed for the portfolio on every change.
struct PortfolioSnapshot final {
    bool valid = false;
    QString problem;
    engine::AccountResult account;                 ///< at the current marks
    std::vector<std::optional<double>> ownMove;    ///< each isolated position's move to liquidation from its mark
    std::array<engine::Outcome, 3> atShock;        ///< per layout, at the shock move from entry
    std::array<engine::PathOutcome, 3> steppedPath;  ///< per layout, the shock played in 1% steps
    int pathSteps = 0;                             ///< event k of a path happened at shock × k / pathSteps
    engine::FundingAccrual funding;                ///< over the holding period
};

/// Several positions sharing one wallet, on the simulated market's marks. The
/// same validation rules as the risk model: a refusal names the field, keeps the
/// previous state, and emits nothing; an accepted change emits changed() once.
class PortfolioModel final : public QObject {
    Q_OBJECT
public:
    explicit PortfolioModel(const TierLibrary& tiers, QObject* parent = nullptr);

    [[nodiscard]] engine::Venue venue() const { return m_venue; }
    [[nodiscard]] double wallet() const { return m_wallet; }
    [[nodiscard]] const std::vector<Holding>& holdings() const { return m_holdings; }
    [[nodiscard]] const PortfolioSnapshot& snapshot() const { return m_snapshot; }
    [[nodiscard]] double shock() const { return m_shock; }
    [[nodiscard]] double horizonHours() const { return m_horizonHours; }
    [[nodiscard]] double markOf(const QString& symbol) const;

    using Outcome = std::optional<Refusal>;

    Outcome setVenue(engine::Venue venue);
    Outcome setWallet(double wallet);
    /// The tier library changed (a table refreshed or imported): recomputed with it.
    void tiersChanged() { static_cast<void>(commit(m_holdings, m_wallet)); }
    /// Adds a position; its entry defaults to the current mark. Returns the refusal, if any.
    Outcome add(Holding h);
    Outcome insert(std::size_t index, Holding h);
    Outcome update(std::size_t index, const Holding& h);
    Outcome duplicate(std::size_t index);
    Outcome remove(std::size_t index);
    Outcome setShock(double move);
    Outcome setHorizonHours(double hours);

    /// The holding as insert() would store it: the entry at the mark when not given, a
    /// fresh id when it has none, a maintenance rate where the venue ships no table.
    [[nodiscard]] Holding completed(Holding h) const;
    /// Whether insert(index, h) would be accepted, as completed(h). Nothing changes and
    /// nothing is emitted (the panel's Add and Duplicate ask before they push an edit).
    [[nodiscard]] Outcome check(std::size_t index, const Holding& h) const;
    /// Row `index` as duplicate() would insert it after itself: a copy with a fresh id.
    [[nodiscard]] std::optional<Holding> duplicateOf(std::size_t index) const;

    /// The rules of the settings, the same the setters apply.
    static Outcome checkWallet(double wallet);
    static Outcome checkShock(double move);
    static Outcome checkHorizon(double hours);

    /// Adds (> 0) or removes (< 0) margin of an isolated position.
    Outcome transferMargin(std::size_t index, double amount);
    [[nodiscard]] engine::Result<engine::TransferPreview> previewTransfer(std::size_t index, double amount) const;

    /// New marks, by symbol (from the market feed). Never refused. Positions the
    /// marks liquidate are closed, an event recorded for each: an isolated one
    /// loses its margin; when the cross account reaches maintenance its worst
    /// position is closed at the mark and the rest are checked again — a cascade.
    void setMarks(const QHash<QString, double>& marks, double fundingRate, qint64 timeMs = 0);
    [[nodiscard]] const std::vector<PortfolioEvent>& events() const { return m_events; }

    /// Everything the trader made (venue, wallet, positions, shock, holding period,
    /// the liquidations so far), to put back exactly later: a lesson's sandbox.
    struct Memento final {
        engine::Venue venue = engine::Venue::Binance;
        double wallet = 0.0;
        std::vector<Holding> holdings;
        double shock = 0.0;
        double horizonHours = 0.0;
        std::vector<PortfolioEvent> events;
    };
    [[nodiscard]] Memento save() const { return {m_venue, m_wallet, m_holdings, m_shock, m_horizonHours, m_events}; }
    void restore(const Memento& memento);

    /// The marks a whole portfolio is loaded at, by asset or symbol, and the funding rate.
    struct Marks final {
        QHash<QString, double> marks;
        double fundingRate = 0.0;
    };
    /// Whether replaceAll() would accept `memento` at `marks`. Nothing changes.
    [[nodiscard]] Outcome checkAll(const Memento& memento, const Marks& marks) const;
    /// Replaces everything at once (a file opened, a session restored): venue, wallet,
    /// positions (each as completed()), shock, holding period and marks. Everything is
    /// checked first; a refusal changes nothing; an accepted one emits changed() once.
    /// Nothing is liquidated by the load itself: the next move of the marks settles.
    Outcome replaceAll(const Memento& memento, const Marks& marks);

    /// The account as the engine sees it: every position at its mark.
    [[nodiscard]] engine::AccountInput accountInput() const { return build(m_holdings, m_wallet, true); }

signals:
    /// The trader changed something (or a liquidation closed positions).
    void changed();
    /// Only the marks moved; views may refresh at their own pace.
    void marksChanged();
    void liquidated(const levlab::model::PortfolioEvent& event);

private:
    [[nodiscard]] engine::AccountInput build(const std::vector<Holding>& holdings, double wallet, bool atMarks) const;
    /// The snapshot; the layouts (which depend only on entries) are recomputed
    /// unless `keepLayoutsOf` supplies them.
    [[nodiscard]] engine::Result<PortfolioSnapshot> compute(const std::vector<Holding>& holdings, double wallet,
                                                            const PortfolioSnapshot* keepLayoutsOf = nullptr) const;
    engine::Result<bool> computeLayouts(const std::vector<Holding>& holdings, double wallet, PortfolioSnapshot& s) const;
    Outcome commit(std::vector<Holding> holdings, double wallet);
    /// A model with the settings of `memento` at `marks`, its snapshot computed: what
    /// replaceAll() would commit, or why it refuses.
    Outcome prepareAll(const Memento& memento, const Marks& marks, PortfolioModel& probe) const;
    void takeMarks(const QHash<QString, double>& marks);
    /// Sets a setting that changes what is computed; restored if the result is refused.
    Outcome changeSetting(double& setting, double value);
    [[nodiscard]] QString nextId(const QString& symbol) const;
    /// Closes what the current marks liquidate; true when anything was.
    bool settleLiquidations(qint64 timeMs);

    const TierLibrary& m_tiers;
    engine::Venue m_venue = engine::Venue::Binance;
    double m_wallet = 20000.0;
    std::vector<Holding> m_holdings;
    QHash<QString, double> m_marks;
    double m_fundingRate = 0.0001;
    double m_shock = -0.12;
    double m_horizonHours = 72.0;
    PortfolioSnapshot m_snapshot;
    std::vector<PortfolioEvent> m_events;
};

}  // namespace levlab::model
