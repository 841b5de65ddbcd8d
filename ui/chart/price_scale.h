#pragma once

#include "ui/chart/exposed_cache.h"
#include "ui/theme/theme.h"

#include <QGraphicsObject>
#include <QStaticText>

#include <vector>

namespace levlab::ui {

/// Round prices to label on a price axis: multiples of the smallest step of
/// 1, 2, 2.5 or 5 times a power of ten that leaves at most `maxLabels` of them
/// between `lo` and `hi` (both included), and the decimals that step needs.
struct PriceTicks final {
    double step = 0.0;
    int decimals = 0;
    std::vector<double> prices;  ///< lowest first
    friend bool operator==(const PriceTicks&, const PriceTicks&) = default;
};
[[nodiscard]] PriceTicks priceTicks(double lo, double hi, int maxLabels);

/// The price axis right of the plot: labels at round prices, laid out once per
/// change. A label under a level's tag is left out rather than half covered.
class PriceScale final : public QGraphicsObject {
    Q_OBJECT
public:
    explicit PriceScale(const Theme& theme, QGraphicsItem* parent = nullptr);

    void setTheme(const Theme& theme);
    void setFont(const QFont& font);
    void setTicks(const QRectF& plot, double yMin, double yMax, const PriceTicks& ticks);
    /// The tags on the axis now: labels they would overlap are not drawn.
    void setCovered(const std::vector<QRectF>& tags);
    [[nodiscard]] const PriceTicks& ticks() const { return m_ticks; }
    /// The labels drawn, top to bottom, each with its box in scene coordinates.
    [[nodiscard]] std::vector<std::pair<QString, QRectF>> labels() const;
    /// Room the labels need right of the plot.
    [[nodiscard]] double labelWidth() const;

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void render(QPainter* painter);
    [[nodiscard]] QRectF labelRect(std::size_t i) const;

    Theme m_theme;
    QFont m_font;
    QRectF m_plot;
    double m_yMin = 0.0;
    double m_yMax = 1.0;
    PriceTicks m_ticks;
    std::vector<QStaticText> m_texts;
    std::vector<bool> m_hidden;
    ExposedCache m_cache;  ///< the labels, copied back where lines and tags move over them
    double m_labelWidth = 0.0;  ///< measured once per font: the view asks for the bounds often
    double m_lineHeight = 0.0;
};

}  // namespace levlab::ui
