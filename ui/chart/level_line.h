#pragma once

#include "ui/theme/theme.h"

#include <QElapsedTimer>
#include <QFont>
#include <QFontMetricsF>
#include <QGraphicsObject>
#include <QTimer>
#include <QPixmap>
#include <QStringList>

#include <optional>
#include <utility>

namespace levlab::ui {

/// One horizontal price level on the chart — entry, liquidation, bankruptcy,
/// stop-loss, take-profit or mark — with a tag on the price axis giving its
/// price and its distance from entry. A level outside the visible prices is
/// pinned: its tag sits inside the plot at the nearer edge, with an arrow, and
/// leaves the axis labels clear. Where the tag sits is the chart's to decide
/// (tags stack, see layoutTags); a thin connector joins a moved tag to its line.
/// Draggable levels report the price under the pointer; the chart turns that
/// into one model setter call.
class LevelLine final : public QGraphicsObject {
    Q_OBJECT
public:
    enum class Kind { Entry, Liquidation, Bankruptcy, StopLoss, TakeProfit, Mark, Last };

    LevelLine(Kind kind, const Theme& theme, QGraphicsItem* parent = nullptr);

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] std::optional<double> level() const { return m_level; }
    [[nodiscard]] bool pinned() const { return m_pinned; }
    [[nodiscard]] QString labelText() const;
    /// The text the tag shows now (it follows labelText at the pace refreshText allows).
    [[nodiscard]] const QString& tagText() const { return m_text; }
    /// Scene y of the line (for a pinned level: of the edge it is pinned to).
    [[nodiscard]] double lineY() const { return m_y; }
    /// Where the tag would sit alone: on its line, or at its edge when pinned.
    [[nodiscard]] double wantedTagY() const;
    /// The tag's box in scene coordinates, and whether it is drawn.
    [[nodiscard]] QRectF tagRect() const;
    [[nodiscard]] bool tagShown() const { return isVisible() && m_tagShown; }

    void setTheme(const Theme& theme);
    void setDraggable(bool draggable);
    /// A name for the tag other than the kind's ("Liq btc" for a portfolio position).
    void setName(const QString& name);
    /// The price and what its distance is measured from; nullopt hides it.
    void setLevel(std::optional<double> price, double reference, int decimals);
    /// Where the plot is and which prices it spans.
    void setFrame(const QRectF& plot, double yMin, double yMax, double tagWidth);
    /// Where the tag's centre goes, whether it is drawn, and the names of levels whose
    /// tags it speaks for (they merged into it for want of room).
    void setTag(double y, bool shown, const QStringList& merged = {});
    /// The price the tag's text shows: the text follows the level at most
    /// Theme::kReadoutHz times a second.
    [[nodiscard]] std::optional<double> shownLevel() const { return m_textLevel; }
    /// Lays the tag's text out now (when a stale price would read out of order).
    void refreshText();
    /// The kind's name, or the name given by setName.
    [[nodiscard]] QString displayName() const;
    /// Whether the level is above (+1), below (−1) or within (0) the visible prices.
    [[nodiscard]] int outside() const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    static QString name(Kind kind);
    static constexpr double kTagHeight = 18.0;
    static constexpr double kTagGap = 2.0;

signals:
    void dragged(double price);
    void dragFinished();

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;

private:
    class Part;
    void relocate();
    /// Puts the line and tag parts where the level and its tag now are.
    void placeParts();
    void paintLine(QPainter* painter, const QRectF& exposed);
    void paintTag(QPainter* painter, const QRectF& exposed);
    [[nodiscard]] QColor colour() const;
    /// The tags' font and its metrics, made once (a font looked up per tag costs more than its text).
    [[nodiscard]] const QFont& tagFont();
    [[nodiscard]] const QFontMetricsF& tagMetrics();
    /// Dash and gap lengths in pixels; a zero dash draws a solid line.
    [[nodiscard]] std::pair<double, double> dashPattern() const;
    [[nodiscard]] double priceAt(double y) const;
    [[nodiscard]] double thickness() const;

    Kind m_kind;
    QString m_name;
    Theme m_theme;
    std::optional<double> m_level;
    double m_reference = 0.0;
    int m_decimals = 2;
    QRectF m_plot;
    double m_yMin = 0.0;
    double m_yMax = 1.0;
    double m_tagWidth = 120.0;
    double m_y = 0.0;
    double m_tagY = 0.0;
    bool m_tagShown = true;
    QStringList m_merged;
    bool m_pinned = false;
    bool m_draggable = false;
    bool m_dragging = false;
    double m_grabOffset = 0.0;  ///< line y − pointer y when the drag began
    std::optional<double> m_textLevel;
    QString m_text;          ///< the tag's text, laid out once per change, not per paint
    double m_textWidth = 0.0;
    Part* m_linePart = nullptr;
    Part* m_tagPart = nullptr;
    QRectF m_hitRect;  ///< the grab band and the tag
    QPixmap m_strip;         ///< the line as drawn, one blit per paint
    QPixmap m_tagPixmap;     ///< the tag as drawn; its pixels are drawn again in place when the text changes
    bool m_tagStale = true;  ///< the text or theme changed since m_tagPixmap was drawn
    std::optional<QFont> m_tagFont;
    std::optional<QFontMetricsF> m_tagMetrics;
    QElapsedTimer m_textAge;
    QTimer m_textPending;    ///< a tag's text changes at most Theme::kReadoutHz times a second
    QElapsedTimer m_lastMove;  ///< since the level last moved: its final price shows once it rests
    void renderStrip(qreal dpr);
    void renderTag(const QSizeF& size, qreal dpr);
    /// The text's last refresh once the level has rested for a moment.
    void settle();
};

}  // namespace levlab::ui
