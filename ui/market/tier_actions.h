#pragma once

#include "core/engine/venue/venue.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>
#include <tuple>

class QAction;
class QMainWindow;
class QMenu;

namespace levlab::model {
class RiskModel;
class TierUpdates;
}  // namespace levlab::model

namespace levlab::ui {

/// The window's Risk limits menu, for the plan's venue and symbol: "Refresh risk-limit
/// table from Bybit" (the venue's public endpoint; Binance's needs an account, so the
/// action says so and stays off) and "Import saved response…". A refusal is shown in
/// a message box with its reason and changes nothing; success is said in the status bar.
class TierActions final : public QObject {
    Q_OBJECT
public:
    TierActions(model::RiskModel& model, model::TierUpdates& updates, QMainWindow& window);

    /// Adds the Risk limits menu to the window's menu bar, before Help.
    QMenu* addMenu();
    [[nodiscard]] QAction* refreshAction() const { return m_refresh; }
    [[nodiscard]] QAction* importAction() const { return m_import; }

    /// Asks for a saved response with a file dialog, then imports it.
    void importSaved();

signals:
    void message(const QString& text);

private:
    void update();
    void refused(const QString& title, const QString& reason);

    model::RiskModel& m_model;
    model::TierUpdates& m_updates;
    QMainWindow& m_window;
    QAction* m_refresh = nullptr;
    QAction* m_import = nullptr;
    /// What the actions' texts were last written for: the plan changes with every tick
    /// of an at-market entry, the venue, symbol and fetch state seldom.
    std::optional<std::tuple<engine::Venue, QString, bool>> m_shownFor;
};

}  // namespace levlab::ui
