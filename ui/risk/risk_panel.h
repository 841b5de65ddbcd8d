#pragma once

#include "core/model/export/risk_figures.h"
#include "core/engine/venue/venue.h"
#include "ui/theme/theme.h"

#include <QDate>
#include <QPalette>
#include <QWidget>

#include <array>
#include <optional>

class QLabel;
class QPushButton;

namespace levlab::model {
class RiskModel;
struct Refusal;
struct TierTable;
}  // namespace levlab::model

namespace levlab::ui {

class LadderRows;
class ValueTable;
class WarningText;

/// The numbers of the planned position and its warnings: the figures that
/// decide the trade first, then the warnings, then the details. A stop beyond
/// liquidation comes with one-click fixes: lower the leverage, move the stop, or
/// add margin.
class RiskPanel final : public QWidget {
    Q_OBJECT
public:
    using Row = model::RiskFigure;
    /// The rows shown first, above the warnings: liquidation with its distance,
    /// initial margin, risk at stop and reward:risk.
    [[nodiscard]] static bool isKey(Row row);
    /// What the warnings say when there are none.
    [[nodiscard]] static QString calmText();

    explicit RiskPanel(model::RiskModel& model, QWidget* parent = nullptr);

    void setTheme(const Theme& theme);

    [[nodiscard]] QString text(Row row) const;
    [[nodiscard]] ValueTable* keyTable() const { return m_key; }
    [[nodiscard]] ValueTable* detailsTable() const { return m_details; }
    [[nodiscard]] WarningText* warnings() const { return m_warnings; }
    /// The exit plan's rows: blended reward:risk, each rung's result, the margin ladder.
    [[nodiscard]] LadderRows* ladderRows() const { return m_ladder; }
    /// Marks every figure as computed from stale prices ("Prices stale since 12:03:04 UTC…");
    /// empty: the prices are fresh and the mark goes.
    void setStaleNote(const QString& note);
    [[nodiscard]] WarningText* staleNote() const { return m_stale; }
    /// Which risk-limit table the figures use, its date and source (tooltip), and a
    /// warning when it is old (model::tierStatus).
    [[nodiscard]] WarningText* tierNote() const { return m_tierNote; }
    [[nodiscard]] QPushButton* lowerLeverageButton() const { return m_lowerLeverage; }
    [[nodiscard]] QPushButton* moveStopButton() const { return m_moveStop; }
    [[nodiscard]] QPushButton* addMarginButton() const { return m_addMargin; }

signals:
    void refused(const levlab::model::Refusal& refusal);

private:
    void refresh();
    void refreshTierNote();
    void report(const std::optional<model::Refusal>& outcome);

    struct Cell {
        ValueTable* table = nullptr;
        int row = 0;
    };

    model::RiskModel& m_model;
    ValueTable* m_key = nullptr;
    ValueTable* m_details = nullptr;
    std::array<Cell, model::kRiskFigureCount> m_cells{};
    WarningText* m_warnings = nullptr;
    QPalette m_warningPalette;  ///< warnings in the theme's warning colours
    QPalette m_calmPalette;     ///< "no warnings" in muted text on the window
    LadderRows* m_ladder = nullptr;
    WarningText* m_stale = nullptr;
    WarningText* m_tierNote = nullptr;
    std::optional<bool> m_tierOld;  ///< the note is coloured as old or not; none: to be coloured
    /// What the table note was last worked out for.
    struct TierShown final {
        const model::TierTable* table = nullptr;
        QString asOf;  ///< the table's date and source
        engine::Venue venue{};
        QString symbol;
        QDate day;
    } m_tierShown;
    Theme m_theme;
    QPushButton* m_lowerLeverage = nullptr;
    QPushButton* m_moveStop = nullptr;
    QPushButton* m_addMargin = nullptr;
    QWidget* m_fixes = nullptr;
};

}  // namespace levlab::ui
