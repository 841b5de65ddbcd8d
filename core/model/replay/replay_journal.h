#pragma once

#include "core/model/plan/trade.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <optional>
#include <vector>

namespace levlab::engine {
struct FundingSettlement;
}

namespace levlab::model {

class ReplaySource;
class RiskModel;

/// One thing that happened to a plan during a replay.
struct ReplayEvent final {
    enum class Kind { Open, Funding, Exit };
    Kind kind = Kind::Open;
    qint64 timeMs = 0;     ///< the end of the bar it happened in (a funding: its settlement time)
    double price = 0.0;    ///< the entry, the mark at the settlement, or the exit price
    double rate = 0.0;     ///< funding: the rate settled
    double amount = 0.0;   ///< funding: paid (negative: received); exit: the result, fees and funding in
    std::optional<double> liquidation;  ///< open, funding: the liquidation price after it
    PositionEvent::Kind exit = PositionEvent::Kind::StoppedOut;  ///< exit: which one
    friend bool operator==(const ReplayEvent&, const ReplayEvent&) = default;
};

/// How a replay's events are written, the same in the window and in `levlab-cli replay`.
struct ReplayFormat final {
    int priceDecimals = 2;
    QString currency;  ///< the settlement currency ("XBT", "USDT")
    int moneyDecimals = 2;
};

/// "2020-03-12 10:20 UTC  Liquidated at 7,248.34, result −0.12607956 XBT".
[[nodiscard]] QString describe(const ReplayEvent& e, const ReplayFormat& f);
/// {"event": "open"|"funding"|"exit", "time": ISO-8601, "price", "rate", "paid", "result",
///  "exit": "liquidated"|"stopped_out"|"took_profit"|"closed_by_hand", "liquidation"}.
[[nodiscard]] QJsonObject toJson(const ReplayEvent& e);
/// "liquidated", "stopped_out", "took_profit", "closed_by_hand".
[[nodiscard]] QString exitName(PositionEvent::Kind kind);

/// Steps the replay until the trade has closed or the data end (an entry that is never
/// reached waits to the end).
void playToExit(ReplaySource& source, const RiskModel& model);

/// Follows a plan through a replay: settles the loaded funding on the open trade as it
/// comes due (RiskModel::settleFunding, which moves the liquidation price) and records
/// the trade's opening, each settlement and its one exit. A replay started afresh plans
/// again. The window and the CLI both use it, so they tell the same events.
class ReplayJournal final : public QObject {
    Q_OBJECT
public:
    ReplayJournal(RiskModel& model, ReplaySource& source, QObject* parent = nullptr);

    [[nodiscard]] const std::vector<ReplayEvent>& events() const { return m_events; }
    [[nodiscard]] ReplayFormat format() const;

signals:
    void changed();

private:
    void onFunding(const engine::FundingSettlement& settlement);
    void push(const ReplayEvent& e);

    RiskModel& m_model;
    ReplaySource& m_source;
    std::vector<ReplayEvent> m_events;
};

}  // namespace levlab::model
