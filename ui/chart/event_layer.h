#pragma once

#include "core/model/plan/risk_model.h"
#include "ui/chart/candle_layer.h"

#include <QGraphicsObject>

#include <vector>

namespace levlab::ui {

/// Markers where the mark crossed the stop (stopped out) or the liquidation
/// price (liquidated, with the loss).
class EventLayer final : public QGraphicsObject {
    Q_OBJECT
public:
    explicit EventLayer(const Theme& theme, QGraphicsItem* parent = nullptr);

    void setTheme(const Theme& theme);
    void setEvents(const std::vector<model::PositionEvent>& events, const CandleWindow& window, int decimals);
    [[nodiscard]] int visibleCount() const { return m_visible; }
    /// The text boxes of the visible markers, in scene coordinates: always inside the plot.
    [[nodiscard]] std::vector<QRectF> labelRects() const;

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void render(QPainter* painter);
    [[nodiscard]] QPointF markerPoint(const model::PositionEvent& e) const;
    [[nodiscard]] QString labelText(const model::PositionEvent& e) const;
    [[nodiscard]] QRectF labelRect(const model::PositionEvent& e) const;
    [[nodiscard]] bool inView(const model::PositionEvent& e) const;
    [[nodiscard]] static QFont labelFont();

    Theme m_theme;
    std::vector<model::PositionEvent> m_events;
    CandleWindow m_window;
    int m_decimals = 2;
    int m_visible = 0;
    ExposedCache m_cache;  ///< the markers, copied back where lines move over them
};

}  // namespace levlab::ui
