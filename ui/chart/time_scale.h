#pragma once

#include "ui/theme/theme.h"

#include <QGraphicsObject>
#include <QStaticText>

#include <optional>
#include <vector>

namespace levlab::ui {

/// Round times to label on a time axis: every tick lies on a whole step of the
/// local clock, the step being the smallest of 1, 2, 5, 10, 15 or 30 minutes,
/// 1, 2, 4, 6 or 12 hours, or 1, 2, 7 or 14 days that leaves at most
/// `maxLabels` ticks between `startMs` and `endMs` (both included).
/// `utcOffsetMs` is the local clock's offset from UTC: steps of an hour and more
/// fall on local whole hours, days on local midnight.
struct TimeTicks final {
    qint64 stepMs = 0;
    std::vector<qint64> timesMs;
    friend bool operator==(const TimeTicks&, const TimeTicks&) = default;
};
[[nodiscard]] TimeTicks timeTicks(qint64 startMs, qint64 endMs, int maxLabels, qint64 utcOffsetMs);

/// A tick's label: "HH:mm" within a day, "dd MMM" at local midnight or when the
/// step is a day or more.
[[nodiscard]] QString timeLabel(qint64 timeMs, qint64 stepMs, qint64 utcOffsetMs);

/// The time axis under the plot: labels at round times, laid out once per change.
class TimeScale final : public QGraphicsObject {
    Q_OBJECT
public:
    explicit TimeScale(const Theme& theme, QGraphicsItem* parent = nullptr);

    void setTheme(const Theme& theme);
    void setFont(const QFont& font);
    /// The plot, its time span and the ticks to label.
    void setTicks(const QRectF& plot, qint64 startMs, qint64 endMs, const TimeTicks& ticks, qint64 utcOffsetMs);
    [[nodiscard]] const TimeTicks& ticks() const { return m_ticks; }
    /// The labels drawn, left to right (a label that would stick out of the plot's width is left out).
    [[nodiscard]] QStringList labels() const;
    /// Height the labels need under the plot.
    [[nodiscard]] double labelHeight() const;

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    [[nodiscard]] std::optional<double> labelLeft(std::size_t i) const;

    Theme m_theme;
    QFont m_font;
    QRectF m_plot;
    qint64 m_startMs = 0;
    qint64 m_endMs = 1;
    TimeTicks m_ticks;
    qint64 m_utcOffsetMs = 0;
    double m_labelHeight = 0.0;  ///< measured once per font
    std::vector<QStaticText> m_texts;
};

}  // namespace levlab::ui
