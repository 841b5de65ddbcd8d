#pragma once

#include "core/model/portfolio/portfolio_model.h"

#include <QUndoCommand>

#include <functional>

namespace levlab::ui {

/// "BTC long": how the undo history names a position.
[[nodiscard]] QString holdingName(const model::Holding& h);
/// "BTC long: Leverage 10× → 20×".
[[nodiscard]] QString describeUpdate(const model::Holding& before, const model::Holding& after);

/// Where an undo or redo that the portfolio refuses (it changed since) is reported.
using RefusalSink = std::function<void(const model::Refusal&)>;

/// Undoable structural edits: add, duplicate, remove.
class HoldingCommand final : public QUndoCommand {
public:
    enum class Kind { Insert, Remove };
    HoldingCommand(model::PortfolioModel& p, Kind kind, std::size_t index, model::Holding h, const QString& text);
    void redo() override;
    void undo() override;

private:
    void apply(Kind k);
    model::PortfolioModel& m_portfolio;
    Kind m_kind;
    std::size_t m_index;
    model::Holding m_holding;
};

/// An edit in place of one position (side, size, entry, leverage, mode). The
/// edit itself applied it: the first redo does nothing.
class HoldingUpdate final : public QUndoCommand {
public:
    HoldingUpdate(model::PortfolioModel& p, std::size_t index, model::Holding before, model::Holding after, RefusalSink report);
    void undo() override;
    void redo() override;

private:
    void put(const model::Holding& h);
    model::PortfolioModel& m_portfolio;
    std::size_t m_index;
    model::Holding m_before;
    model::Holding m_after;
    RefusalSink m_report;
    bool m_done = true;
};

/// A change of the portfolio's wallet; the edit itself applied it.
class WalletChange final : public QUndoCommand {
public:
    WalletChange(model::PortfolioModel& p, double before, double after, RefusalSink report);
    void undo() override;
    void redo() override;

private:
    void put(double wallet);
    model::PortfolioModel& m_portfolio;
    double m_before;
    double m_after;
    RefusalSink m_report;
    bool m_done = true;
};

}  // namespace levlab::ui
