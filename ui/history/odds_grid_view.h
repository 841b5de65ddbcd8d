#pragma once

#include "core/engine/contract/contract.h"
#include "ui/theme/theme.h"

#include <QWidget>

#include <optional>
#include <utility>

namespace levlab::model {
class OddsModel;
}

namespace levlab::ui {

/// The odds grid of one side, drawn as a heatmap: a row per leverage, a column per holding
/// period, each cell coloured by the share of entries liquidated (six bands, the share
/// written in the cell as well) and the plan's leverage row outlined. Hover shows a cell's
/// figures and worst case; a click, Enter or Space asks for its worst case's replay
/// (activated()); the arrow keys move between cells. Display and bind only: every figure
/// comes from the model.
class OddsGridView final : public QWidget {
    Q_OBJECT
public:
    explicit OddsGridView(const model::OddsModel& odds, QWidget* parent = nullptr);

    void setSide(engine::Side side);
    [[nodiscard]] engine::Side side() const { return m_side; }
    void setTheme(const Theme& theme);

    /// The band of a share: 0 none, 1 under 1%, 2 under 5%, 3 under 20%, 4 under 50%, 5 the rest.
    [[nodiscard]] static int band(double share);
    static constexpr int kBands = 6;
    /// A band's fill in a theme, and the text drawn on it (black or white, whichever reads better).
    [[nodiscard]] static QColor bandColour(const Theme& theme, int band);
    [[nodiscard]] static QColor bandText(const Theme& theme, int band);
    /// The legend's words for each band.
    [[nodiscard]] static QString bandLabel(int band);

    /// Where a cell is drawn (empty when there is no such cell).
    [[nodiscard]] QRect cellRect(std::size_t leverage, std::size_t hours) const;
    /// The cell with the keyboard's focus: leverage row, hours column.
    [[nodiscard]] std::pair<std::size_t, std::size_t> current() const { return m_current; }
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

signals:
    /// Replay this cell's worst case.
    void activated(levlab::engine::Side side, std::size_t leverage, std::size_t hours);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    struct Geometry final {
        int header = 0;   ///< width of the leverage column
        int top = 0;      ///< height of the period header
        int row = 0;
        int column = 0;
    };
    [[nodiscard]] Geometry geometry() const;
    [[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>> cellAt(const QPoint& pos) const;
    [[nodiscard]] QString tipFor(std::size_t leverage, std::size_t hours) const;
    void moveCurrent(int rows, int columns);
    void refresh();

    const model::OddsModel& m_odds;
    engine::Side m_side = engine::Side::Long;
    Theme m_theme;
    std::pair<std::size_t, std::size_t> m_current{0, 0};
};

}  // namespace levlab::ui
