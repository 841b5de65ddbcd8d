#include "ui/history/odds_grid_view.h"

#include "core/model/history/odds_model.h"
#include "core/model/plan/messages.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>

namespace levlab::ui {

namespace {

constexpr std::array kBandTops{0.0, 0.01, 0.05, 0.20, 0.50};  ///< a share above a top is in the next band
constexpr int kPad = 4;
constexpr int kOutline = 2;

/// WCAG 2.x relative luminance.
double luminance(const QColor& c)
{
    const auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QString shareText(double share)
{
    const double pct = share * 100.0;
    if (share <= 0.0)
        return QStringLiteral("0");
    if (pct < 0.1)
        return QStringLiteral("<0.1%");
    return model::formatNumber(pct, pct < 10.0 ? 1 : 0) + QLatin1Char('%');
}

QString leverageText(double lev)
{
    return model::formatNumber(lev, lev == std::floor(lev) ? 0 : 2) + QStringLiteral("×");
}

}  // namespace

OddsGridView::OddsGridView(const model::OddsModel& odds, QWidget* parent)
    : QWidget(parent), m_odds(odds), m_theme(Theme::darkTheme())
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAccessibleName(tr("Odds of liquidation by leverage and holding period"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(&odds, &model::OddsModel::changed, this, &OddsGridView::refresh);
    refresh();
}

int OddsGridView::band(double share)
{
    int b = 0;
    for (double top : kBandTops) {
        if (share > top)
            ++b;
    }
    return b;
}

QColor OddsGridView::bandColour(const Theme& theme, int band)
{
    // From the plot's background towards the liquidation colour, then past it.
    const double t = std::clamp(band, 0, kBands - 1) / static_cast<double>(kBands - 2);
    if (t <= 1.0)
        return mix(theme.plotBackground, theme.liquidation, t);
    return mix(theme.liquidation, theme.dark ? QColor(0xff, 0x3b, 0x30) : QColor(0x7a, 0x10, 0x10), 0.8);
}

QColor OddsGridView::bandText(const Theme& theme, int band)
{
    const double l = luminance(bandColour(theme, band));
    // Contrast with black (l + 0.05) / 0.05 against white 1.05 / (l + 0.05).
    return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? QColor(Qt::black) : QColor(Qt::white);
}

QString OddsGridView::bandLabel(int band)
{
    switch (band) {
    case 0: return tr("none");
    case 1: return tr("under 1%");
    case 2: return tr("1–5%");
    case 3: return tr("5–20%");
    case 4: return tr("20–50%");
    default: return tr("50%+");
    }
}

void OddsGridView::setSide(engine::Side side)
{
    if (side == m_side)
        return;
    m_side = side;
    refresh();
}

void OddsGridView::setTheme(const Theme& theme)
{
    m_theme = theme;
    update();
}

OddsGridView::Geometry OddsGridView::geometry() const
{
    const QFontMetrics fm = fontMetrics();
    Geometry g;
    g.header = fm.horizontalAdvance(QStringLiteral("▶ 100×")) + 2 * kPad;
    for (double lev : m_odds.table().leverages)
        g.header = std::max(g.header, fm.horizontalAdvance(QStringLiteral("▶ ") + leverageText(lev)) + 2 * kPad);
    g.top = fm.height() + 2 * kPad;
    g.row = fm.height() + kPad;
    const int columns = std::max<int>(1, static_cast<int>(m_odds.table().hours.size()));
    const int minimum = fm.horizontalAdvance(QStringLiteral("<0.1%")) + kPad;
    g.column = std::max(minimum, (width() - g.header) / columns);
    return g;
}

QSize OddsGridView::sizeHint() const
{
    const Geometry g = geometry();
    const auto& t = m_odds.table();
    const int columns = std::max<int>(6, static_cast<int>(t.hours.size()));
    const int rows = std::max<int>(1, static_cast<int>(t.leverages.size()));
    const int minimum = fontMetrics().horizontalAdvance(QStringLiteral("<0.1%")) + kPad;
    return {g.header + columns * minimum, g.top + rows * g.row + kOutline};
}

QSize OddsGridView::minimumSizeHint() const
{
    return sizeHint();
}

QRect OddsGridView::cellRect(std::size_t leverage, std::size_t hours) const
{
    const auto& t = m_odds.table();
    if (leverage >= t.leverages.size() || hours >= t.hours.size())
        return {};
    const Geometry g = geometry();
    return {g.header + static_cast<int>(hours) * g.column, g.top + static_cast<int>(leverage) * g.row, g.column, g.row};
}

std::optional<std::pair<std::size_t, std::size_t>> OddsGridView::cellAt(const QPoint& pos) const
{
    const auto& t = m_odds.table();
    const Geometry g = geometry();
    if (pos.x() < g.header || pos.y() < g.top)
        return std::nullopt;
    const auto column = static_cast<std::size_t>((pos.x() - g.header) / g.column);
    const auto row = static_cast<std::size_t>((pos.y() - g.top) / g.row);
    if (row >= t.leverages.size() || column >= t.hours.size())
        return std::nullopt;
    return std::pair{row, column};
}

QString OddsGridView::tipFor(std::size_t leverage, std::size_t hours) const
{
    const model::OddsCase* c = m_odds.cell(m_side, leverage, hours);
    if (c == nullptr)
        return {};
    QString text = model::describeCase(*c, m_odds.table().stopDistance.has_value());
    if (c->cell.worstEntry)
        text += QLatin1Char('\n') + tr("Click (or Enter) to replay the worst case.");
    return text;
}

void OddsGridView::refresh()
{
    const auto& t = m_odds.table();
    if (!t.leverages.empty()) {
        m_current.first = std::min(m_current.first, t.leverages.size() - 1);
        m_current.second = std::min(m_current.second, t.hours.size() - 1);
    }
    setAccessibleDescription(tipFor(m_current.first, m_current.second));
    updateGeometry();
    update();
}

void OddsGridView::moveCurrent(int rows, int columns)
{
    const auto& t = m_odds.table();
    if (t.leverages.empty() || t.hours.empty())
        return;
    const auto clampTo = [](std::size_t v, int by, std::size_t n) {
        return static_cast<std::size_t>(std::clamp<long long>(static_cast<long long>(v) + by, 0, static_cast<long long>(n) - 1));
    };
    m_current = {clampTo(m_current.first, rows, t.leverages.size()), clampTo(m_current.second, columns, t.hours.size())};
    setAccessibleDescription(tipFor(m_current.first, m_current.second));
    update();
}

bool OddsGridView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (const auto at = cellAt(help->pos()))
            QToolTip::showText(help->globalPos(), tipFor(at->first, at->second), this, cellRect(at->first, at->second));
        else
            QToolTip::hideText();
        return true;
    }
    if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut)
        update();  // the focus ring
    return QWidget::event(event);
}

void OddsGridView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    if (const auto at = cellAt(event->position().toPoint())) {
        m_current = *at;
        setAccessibleDescription(tipFor(at->first, at->second));
        update();
        emit activated(m_side, at->first, at->second);
    }
}

void OddsGridView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Up: moveCurrent(-1, 0); break;
    case Qt::Key_Down: moveCurrent(1, 0); break;
    case Qt::Key_Left: moveCurrent(0, -1); break;
    case Qt::Key_Right: moveCurrent(0, 1); break;
    case Qt::Key_Home: moveCurrent(0, -1000); break;
    case Qt::Key_End: moveCurrent(0, 1000); break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_odds.cell(m_side, m_current.first, m_current.second))
            emit activated(m_side, m_current.first, m_current.second);
        break;
    default: QWidget::keyPressEvent(event); return;
    }
}

void OddsGridView::paintEvent(QPaintEvent*)
{
    const auto& t = m_odds.table();
    QPainter p(this);
    p.fillRect(rect(), m_theme.background);
    const Geometry g = geometry();
    p.setPen(m_theme.mutedText);
    for (std::size_t h = 0; h < t.hours.size(); ++h) {
        const QRect r(g.header + static_cast<int>(h) * g.column, 0, g.column, g.top);
        p.drawText(r, Qt::AlignCenter, model::holdingText(t.hours[h]));
    }
    const std::optional<std::size_t> planRow = m_odds.planRow();
    QFont bold = font();
    bold.setBold(true);
    for (std::size_t l = 0; l < t.leverages.size(); ++l) {
        const bool plan = planRow == l;
        const QRect label(0, g.top + static_cast<int>(l) * g.row, g.header - kPad, g.row);
        p.setFont(plan ? bold : font());
        p.setPen(plan ? m_theme.text : m_theme.mutedText);
        p.drawText(label, Qt::AlignRight | Qt::AlignVCenter, (plan ? QStringLiteral("▶ ") : QString()) + leverageText(t.leverages[l]));
        p.setFont(font());
        for (std::size_t h = 0; h < t.hours.size(); ++h) {
            const QRect r = cellRect(l, h);
            const model::OddsCase* c = m_odds.cell(m_side, l, h);
            if (c == nullptr || c->cell.entries == 0) {
                p.fillRect(r.adjusted(0, 0, -1, -1), m_theme.background);
                p.setPen(m_theme.mutedText);
                p.drawText(r, Qt::AlignCenter, QStringLiteral("—"));
                continue;
            }
            const int b = band(c->cell.share);
            p.fillRect(r.adjusted(0, 0, -1, -1), bandColour(m_theme, b));
            p.setPen(bandText(m_theme, b));
            p.drawText(r, Qt::AlignCenter, shareText(c->cell.share));
        }
    }
    if (planRow && !t.hours.empty()) {
        const QRect row = cellRect(*planRow, 0).united(cellRect(*planRow, t.hours.size() - 1));
        p.setPen(QPen(m_theme.entry, kOutline));
        p.setBrush(Qt::NoBrush);
        p.drawRect(row.adjusted(1, 1, -1, -1));
    }
    if (hasFocus() && !t.leverages.empty()) {
        p.setPen(QPen(m_theme.focus, kOutline, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(cellRect(m_current.first, m_current.second).adjusted(2, 2, -3, -3));
    }
}

}  // namespace levlab::ui
