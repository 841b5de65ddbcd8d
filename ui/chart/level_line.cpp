#include "ui/chart/level_line.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace levlab::ui {

namespace {

constexpr double kConnectorPx = 6.0;  ///< how far into the plot a moved tag's connector reaches
constexpr double kTagTextHz = Theme::kReadoutHz;
constexpr int kSettleMs = 120;

}  // namespace

/// A drawn part of a level — its line or its tag — as an item of its own, so that
/// moving one repaints its own few pixels, not the whole band it shares with the other.
class LevelLine::Part final : public QGraphicsItem {
public:
    using Paint = void (LevelLine::*)(QPainter*, const QRectF&);
    Part(LevelLine* line, Paint draw) : QGraphicsItem(line), m_line(line), m_paint(draw)
    {
        setAcceptedMouseButtons(Qt::NoButton);  // the level itself takes the drag
        setFlag(QGraphicsItem::ItemUsesExtendedStyleOption);  // paint only the exposed part
    }
    void setRect(const QRectF& rect)
    {
        if (rect == m_rect)
            return;
        prepareGeometryChange();
        m_rect = rect;
    }
    QRectF boundingRect() const override { return m_rect; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) override
    {
        (m_line->*m_paint)(painter, option->exposedRect);
    }

private:
    LevelLine* m_line;
    Paint m_paint;
    QRectF m_rect;
};

LevelLine::LevelLine(Kind kind, const Theme& theme, QGraphicsItem* parent)
    : QGraphicsObject(parent), m_kind(kind), m_theme(theme)
{
    setZValue(kind == Kind::Mark || kind == Kind::Last ? 20 : 30);
    setAcceptHoverEvents(true);
    // The level is the grab band and the logic; what shows is drawn by its two parts.
    setFlag(QGraphicsItem::ItemHasNoContents);
    m_linePart = new Part(this, &LevelLine::paintLine);
    m_tagPart = new Part(this, &LevelLine::paintTag);
    setVisible(false);
    m_textAge.start();
    m_textPending.setSingleShot(true);
    connect(&m_textPending, &QTimer::timeout, this, &LevelLine::settle);
    m_lastMove.start();
}

void LevelLine::settle()
{
    // The moves have stopped when none came for kSettleMs; until then, wait the rest.
    if (const qint64 quiet = m_lastMove.elapsed(); quiet < kSettleMs) {
        m_textPending.start(static_cast<int>(kSettleMs - quiet));
        return;
    }
    refreshText();
}

void LevelLine::refreshText()
{
    const QString text = labelText();
    m_textAge.restart();
    m_textLevel = m_level;
    if (text == m_text)
        return;
    m_text = text;
    m_textWidth = m_pinned ? tagMetrics().horizontalAdvance(text) : 0.0;
    m_tagStale = true;
    placeParts();
    m_tagPart->update();
}

QString LevelLine::name(Kind kind)
{
    switch (kind) {
    case Kind::Entry: return tr("Entry");
    case Kind::Liquidation: return tr("Liq");
    case Kind::Bankruptcy: return tr("Bankr");
    case Kind::StopLoss: return tr("Stop");
    case Kind::TakeProfit: return tr("Target");
    case Kind::Mark: return tr("Mark");
    case Kind::Last: return tr("Last");
    }
    return {};
}

QString LevelLine::displayName() const
{
    return m_name.isEmpty() ? name(m_kind) : m_name;
}

QString LevelLine::labelText() const
{
    if (!m_level)
        return {};
    // A tag that speaks for others says so: "Liq ≈ Bankr", or "Liq +3" for a crowd.
    QString who = displayName();
    if (m_merged.size() == 1 || m_merged.size() == 2)
        who += QStringLiteral(" ≈ ") + m_merged.join(QStringLiteral(", "));
    else if (m_merged.size() > 2)
        who += QStringLiteral(" +%1").arg(m_merged.size());
    QString text = who + QLatin1Char(' ') + QLocale().toString(*m_level, 'f', m_decimals);
    // The distance from entry, unless the tag speaks for others and needs the room.
    if (m_kind != Kind::Entry && m_kind != Kind::Mark && m_kind != Kind::Last && m_reference > 0.0 && m_merged.isEmpty()) {
        const double pct = (*m_level - m_reference) / m_reference * 100.0;
        text += QStringLiteral("  %1%2%").arg(pct >= 0 ? QStringLiteral("+") : QString()).arg(pct, 0, 'f', 2);
    }
    if (m_pinned)
        text.prepend(outside() > 0 ? QStringLiteral("▲ ") : QStringLiteral("▼ "));
    return text;
}

void LevelLine::setTheme(const Theme& theme)
{
    m_theme = theme;
    m_strip = QPixmap();
    m_tagStale = true;
    m_tagFont.reset();
    m_tagMetrics.reset();
    m_linePart->update();
    m_tagPart->update();
}

void LevelLine::setName(const QString& name)
{
    if (name == m_name)
        return;
    m_name = name;
    m_text.clear();  // lay the tag out again
    relocate();
}

void LevelLine::setDraggable(bool draggable)
{
    m_draggable = draggable;
    setCursor(draggable ? Qt::SizeVerCursor : Qt::ArrowCursor);
}

void LevelLine::setLevel(std::optional<double> price, double reference, int decimals)
{
    if (price == m_level && reference == m_reference && decimals == m_decimals)
        return;
    m_level = price;
    m_reference = reference;
    m_decimals = decimals;
    relocate();
}

void LevelLine::setFrame(const QRectF& plot, double yMin, double yMax, double tagWidth)
{
    if (plot == m_plot && yMin == m_yMin && yMax == m_yMax && tagWidth == m_tagWidth)
        return;
    m_plot = plot;
    m_yMin = yMin;
    m_yMax = yMax;
    m_tagWidth = tagWidth;
    relocate();
}

void LevelLine::setTag(double y, bool shown, const QStringList& merged)
{
    if (y == m_tagY && shown == m_tagShown && merged == m_merged)
        return;
    m_tagY = y;
    m_tagShown = shown;
    if (merged != m_merged) {
        m_merged = merged;
        refreshText();
    }
    placeParts();
}

double LevelLine::wantedTagY() const
{
    if (!m_pinned)
        return m_y;
    return m_y <= m_plot.top() ? m_plot.top() + kTagHeight / 2 : m_plot.bottom() - kTagHeight / 2;
}

QRectF LevelLine::tagRect() const
{
    if (!m_pinned)
        return QRectF(m_plot.right() + 1, m_tagY - kTagHeight / 2, m_tagWidth, kTagHeight);
    // Pinned: inside the plot against the axis, as wide as its text.
    const double w = std::ceil(std::min(m_tagWidth, m_textWidth + 2 * Theme::kLabelPadding));
    return QRectF(m_plot.right() - 1 - w, m_tagY - kTagHeight / 2, w, kTagHeight);
}

int LevelLine::outside() const
{
    if (!m_level)
        return 0;
    if (*m_level > m_yMax)
        return 1;
    return *m_level < m_yMin ? -1 : 0;
}

void LevelLine::relocate()
{
    const bool show = m_level.has_value() && m_plot.height() > 0 && m_yMax > m_yMin;
    setVisible(show);
    if (!show)
        return;
    const double y = m_plot.top() + (m_yMax - *m_level) / (m_yMax - m_yMin) * m_plot.height();
    const bool wasPinned = m_pinned;
    m_pinned = y < m_plot.top() || y > m_plot.bottom();
    m_y = std::clamp(y, m_plot.top(), m_plot.bottom());
    if (m_pinned != wasPinned)
        m_text.clear();  // the arrow comes or goes
    // The line moves at once; its tag's text (laid out, so not free) follows at most
    // kTagTextHz times a second — a price changing faster cannot be read anyway.
    // When the moves stop, a last refresh shows the final price.
    const auto minAgeMs = static_cast<qint64>(1000.0 / kTagTextHz);
    m_lastMove.restart();
    if (m_text.isEmpty() || m_textAge.elapsed() >= minAgeMs)
        refreshText();
    else if (!m_textPending.isActive())
        m_textPending.start(kSettleMs);  // not restarted on every move: see settle()
    placeParts();
}

void LevelLine::placeParts()
{
    const double thick = thickness();
    m_linePart->setRect(m_pinned ? QRectF() : QRectF(std::round(m_plot.left()), std::round(m_y - thick / 2.0), std::ceil(m_plot.width()), thick));
    m_tagPart->setVisible(m_tagShown);
    QRectF tag = tagRect();
    if (!m_pinned && std::abs(m_tagY - m_y) >= 1.0) {
        // The connector from the line's end to the moved tag.
        tag = tag.united(QRectF(QPointF(m_plot.right() - kConnectorPx - 1, std::min(m_y, m_tagY) - 1),
                                QPointF(m_plot.right() + 2, std::max(m_y, m_tagY) + 1)));
    }
    m_tagPart->setRect(tag.adjusted(-1, -1, 1, 1));
    // Where the level can be grabbed. Its geometry changes only when that does: a change
    // would repaint both parts, moving or not.
    QRectF hit;
    if (!m_pinned)
        hit = QRectF(m_plot.left(), m_y - Theme::kGrabTolerancePx, m_plot.width(), 2 * Theme::kGrabTolerancePx);
    if (m_tagShown)
        hit = hit.united(tagRect());
    if (hit != m_hitRect) {
        prepareGeometryChange();
        m_hitRect = hit;
    }
}

double LevelLine::priceAt(double y) const
{
    return m_yMax - (y - m_plot.top()) / m_plot.height() * (m_yMax - m_yMin);
}

QColor LevelLine::colour() const
{
    switch (m_kind) {
    case Kind::Entry: return m_theme.entry;
    case Kind::Liquidation: return m_theme.liquidation;
    case Kind::Bankruptcy: return m_theme.bankruptcy;
    case Kind::StopLoss: return m_theme.stopLoss;
    case Kind::TakeProfit: return m_theme.takeProfit;
    case Kind::Mark: return m_theme.mark;
    case Kind::Last: return m_theme.last;
    }
    return m_theme.text;
}

const QFont& LevelLine::tagFont()
{
    if (!m_tagFont) {
        QFont f;  // the application's font
        f.setPointSizeF(std::max(7.5, f.pointSizeF() * 0.85));
        f.setBold(m_kind == Kind::Liquidation);
        f.setStyleStrategy(QFont::PreferNoShaping);  // digits and Latin names: no complex shaping to pay for
        m_tagFont = f;
    }
    return *m_tagFont;
}

const QFontMetricsF& LevelLine::tagMetrics()
{
    if (!m_tagMetrics)
        m_tagMetrics.emplace(tagFont());
    return *m_tagMetrics;
}

double LevelLine::thickness() const
{
    return m_kind == Kind::Mark || m_kind == Kind::Last ? 1.0 : Theme::kLineWidth;
}

QRectF LevelLine::boundingRect() const
{
    return m_hitRect;
}

QPainterPath LevelLine::shape() const
{
    QPainterPath path;
    // Grab band around the line plus the tag.
    if (!m_pinned)
        path.addRect(QRectF(m_plot.left(), m_y - Theme::kGrabTolerancePx, m_plot.width(), 2 * Theme::kGrabTolerancePx));
    if (m_tagShown)
        path.addRect(tagRect());
    return path;
}

void LevelLine::renderStrip(qreal dpr)
{
    // The line, dashes and all, drawn once into a strip as wide as the plot: a paint
    // is then one blit of the exposed part, however many dashes it holds.
    const QSize size(static_cast<int>(std::ceil(m_plot.width())), static_cast<int>(std::ceil(thickness())));
    m_strip = QPixmap(size * dpr);
    m_strip.setDevicePixelRatio(dpr);
    m_strip.fill(Qt::transparent);
    QPainter p(&m_strip);
    const QColor c = colour();
    const auto pattern = dashPattern();
    if (pattern.first <= 0.0) {
        p.fillRect(QRectF(QPointF(0, 0), QSizeF(size)), c);
    } else {
        for (double x = 0; x < size.width(); x += pattern.first + pattern.second)
            p.fillRect(QRectF(x, 0, pattern.first, size.height()), c);
    }
}

void LevelLine::renderTag(const QSizeF& size, qreal dpr)
{
    // The tag with its text, laid out and drawn when the text changes, not on every paint.
    // The same size again (a price that moved): drawn over in place, no new pixmap.
    const QSize px(static_cast<int>(std::ceil(size.width())), static_cast<int>(std::ceil(size.height())));
    if (m_tagPixmap.size() != px * dpr || m_tagPixmap.devicePixelRatio() != dpr) {
        m_tagPixmap = QPixmap(px * dpr);
        m_tagPixmap.setDevicePixelRatio(dpr);
    }
    m_tagStale = false;
    m_tagPixmap.fill(colour());
    QPainter p(&m_tagPixmap);
    p.setPen(m_theme.labelText);
    p.setFont(tagFont());
    const QFontMetricsF& metrics = tagMetrics();
    const double baseline = (size.height() + metrics.ascent() - metrics.descent()) / 2.0;
    p.drawText(QPointF(Theme::kLabelPadding, std::round(baseline)), m_text);
}

void LevelLine::paint(QPainter*, const QStyleOptionGraphicsItem*, QWidget*)
{
    // Nothing: the line and the tag are drawn by the parts.
}

void LevelLine::paintLine(QPainter* painter, const QRectF& exposed)
{
    if (!m_level || m_pinned)
        return;
    const qreal dpr = painter->device()->devicePixelRatioF();
    const QSize strip(static_cast<int>(std::ceil(m_plot.width())), static_cast<int>(std::ceil(thickness())));
    if (m_strip.isNull() || m_strip.devicePixelRatio() != dpr || m_strip.deviceIndependentSize().toSize() != strip)
        renderStrip(dpr);
    const int left = static_cast<int>(std::round(m_plot.left()));
    const int from = std::max(0, static_cast<int>(std::floor(exposed.left())) - left);
    const int to = std::min(strip.width(), static_cast<int>(std::ceil(exposed.right())) - left);
    const int top = static_cast<int>(std::round(m_y - thickness() / 2.0));
    if (to > from)
        painter->drawPixmap(QRectF(left + from, top, to - from, strip.height()), m_strip,
                            QRectF(from * dpr, 0, (to - from) * dpr, strip.height() * dpr));
}

void LevelLine::paintTag(QPainter* painter, const QRectF& exposed)
{
    if (!m_level || !m_tagShown)
        return;
    painter->setRenderHint(QPainter::Antialiasing, false);
    if (!m_pinned && std::abs(m_tagY - m_y) >= 1.0) {
        // The tag was moved off its line to make room: a connector leads to it.
        painter->setPen(QPen(colour(), 1));
        painter->drawLine(QPointF(m_plot.right() - kConnectorPx, m_y), QPointF(m_plot.right() + 1, m_tagY));
    }
    const QRectF tag = tagRect();
    if (!tag.intersects(exposed))
        return;
    const qreal dpr = painter->device()->devicePixelRatioF();
    if (m_tagStale || m_tagPixmap.isNull() || m_tagPixmap.devicePixelRatio() != dpr || m_tagPixmap.deviceIndependentSize() != tag.size())
        renderTag(tag.size(), dpr);
    painter->drawPixmap(QPointF(std::round(tag.left()), std::round(tag.top())), m_tagPixmap);
}

std::pair<double, double> LevelLine::dashPattern() const
{
    switch (m_kind) {
    case Kind::Liquidation: return {8.0, 5.0};
    case Kind::Bankruptcy: return {2.0, 4.0};
    case Kind::Mark: return {6.0, 3.0};
    case Kind::Last: return {2.0, 3.0};
    default: return {0.0, 0.0};
    }
}

void LevelLine::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    if (!m_draggable || event->button() != Qt::LeftButton) {
        event->ignore();
        return;
    }
    m_dragging = true;
    // Grabbed by its tag (which may sit off the line) or near the line: the line keeps
    // its distance from the pointer instead of jumping to it.
    m_grabOffset = m_y - event->pos().y();
    event->accept();
}

void LevelLine::mouseMoveEvent(QGraphicsSceneMouseEvent* event)
{
    if (!m_dragging)
        return;
    const double y = std::clamp(event->pos().y() + m_grabOffset, m_plot.top(), m_plot.bottom());
    emit dragged(priceAt(y));
}

void LevelLine::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    if (!m_dragging)
        return;
    m_dragging = false;
    event->accept();
    emit dragFinished();
}

void LevelLine::hoverEnterEvent(QGraphicsSceneHoverEvent* event)
{
    setToolTip(m_draggable ? tr("%1 — drag to move").arg(labelText()) : labelText());
    QGraphicsObject::hoverEnterEvent(event);
}

}  // namespace levlab::ui
