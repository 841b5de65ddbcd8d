#include "ui/chart/price_scale.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>

namespace levlab::ui {

namespace {

constexpr double kLabelGap = 6.0;  ///< between the plot's right edge and the labels

}  // namespace

PriceTicks priceTicks(double lo, double hi, int maxLabels)
{
    PriceTicks out;
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi))
        return out;
    const int most = std::max(1, maxLabels);
    const double magnitude = std::pow(10.0, std::floor(std::log10((hi - lo) / most)));
    constexpr double kSlack = 1e-9;  // a price a rounding error from a multiple counts as one
    for (double factor : std::array{1.0, 2.0, 2.5, 5.0, 10.0, 20.0}) {
        const double step = factor * magnitude;
        const double first = std::ceil(lo / step - kSlack);
        const double last = std::floor(hi / step + kSlack);
        if (last - first + 1 > most)
            continue;
        out.step = step;
        const double digits = -std::floor(std::log10(step) + kSlack) + (factor == 2.5 ? 1 : 0);
        out.decimals = static_cast<int>(std::max(0.0, digits));
        for (double k = first; k <= last; k += 1.0)
            out.prices.push_back(k * step);
        break;
    }
    return out;
}

PriceScale::PriceScale(const Theme& theme, QGraphicsItem* parent) : QGraphicsObject(parent), m_theme(theme)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(1);
    // Lines and tags move over the labels many times a second; the labels themselves
    // change when the range does (the cache copies back only the bands they uncover).
}

void PriceScale::setTheme(const Theme& theme)
{
    m_theme = theme;
    m_cache.invalidate();
    update();
}

void PriceScale::setFont(const QFont& font)
{
    prepareGeometryChange();
    m_font = font;
    m_font.setStyleStrategy(QFont::PreferNoShaping);  // digits only: no complex shaping to pay for
    const QFontMetricsF metrics(m_font);
    m_labelWidth = kLabelGap + metrics.horizontalAdvance(QStringLiteral("000,000.00"));
    m_lineHeight = metrics.height();
    const PriceTicks ticks = m_ticks;
    m_ticks = {};
    setTicks(m_plot, m_yMin, m_yMax, ticks);
}

void PriceScale::setTicks(const QRectF& plot, double yMin, double yMax, const PriceTicks& ticks)
{
    const bool sameLabels = ticks == m_ticks && m_texts.size() == ticks.prices.size();
    if (sameLabels && plot == m_plot && yMin == m_yMin && yMax == m_yMax)
        return;
    prepareGeometryChange();
    m_plot = plot;
    m_yMin = yMin;
    m_yMax = yMax;
    if (!sameLabels) {
        m_ticks = ticks;
        m_texts.clear();
        for (double p : ticks.prices) {
            QStaticText text(QLocale().toString(p, 'f', ticks.decimals));
            text.setTextFormat(Qt::PlainText);
            text.prepare(QTransform(), m_font);
            m_texts.push_back(text);
        }
    }
    m_hidden.assign(m_texts.size(), false);
    m_cache.invalidate();
    update();
}

void PriceScale::setCovered(const std::vector<QRectF>& tags)
{
    std::vector<bool> hidden(m_texts.size(), false);
    for (std::size_t i = 0; i < m_texts.size(); ++i) {
        const QRectF r = labelRect(i);
        hidden[i] = std::any_of(tags.begin(), tags.end(), [&](const QRectF& t) {
            return t.top() < r.bottom() + 1 && t.bottom() > r.top() - 1;
        });
    }
    if (hidden == m_hidden)
        return;
    // Repaint only the labels that come or go: the whole axis is a tall strip.
    m_cache.invalidate();
    for (std::size_t i = 0; i < hidden.size(); ++i) {
        if (i >= m_hidden.size() || hidden[i] != m_hidden[i])
            update(labelRect(i));
    }
    m_hidden = std::move(hidden);
}

QRectF PriceScale::labelRect(std::size_t i) const
{
    const double y = m_plot.top() + (m_yMax - m_ticks.prices[i]) / (m_yMax - m_yMin) * m_plot.height();
    const QSizeF size = m_texts[i].size();
    return {m_plot.right() + kLabelGap, y - size.height() / 2.0, size.width(), size.height()};
}

std::vector<std::pair<QString, QRectF>> PriceScale::labels() const
{
    std::vector<std::pair<QString, QRectF>> out;
    for (std::size_t i = m_texts.size(); i-- > 0;) {
        if (!m_hidden[i])
            out.emplace_back(m_texts[i].text(), labelRect(i));
    }
    return out;
}

double PriceScale::labelWidth() const
{
    return m_labelWidth;
}

QRectF PriceScale::boundingRect() const
{
    return {m_plot.right(), m_plot.top() - m_lineHeight, m_labelWidth + 2, m_plot.height() + 2 * m_lineHeight};
}

void PriceScale::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    m_cache.paint(painter, boundingRect(), [this](QPainter* p) { render(p); });
}

void PriceScale::render(QPainter* painter)
{
    if (m_plot.isEmpty() || m_yMax <= m_yMin)
        return;
    painter->setFont(m_font);
    painter->setPen(m_theme.mutedText);
    for (std::size_t i = 0; i < m_texts.size(); ++i) {
        if (!m_hidden[i])
            painter->drawStaticText(labelRect(i).topLeft(), m_texts[i]);
    }
}

}  // namespace levlab::ui
