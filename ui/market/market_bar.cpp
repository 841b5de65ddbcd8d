#include "ui/market/market_bar.h"

#include "core/model/feeds/market_feed.h"
#include "core/model/market/market.h"
#include "ui/binding/market_throttle.h"
#include "ui/theme/theme.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QBoxLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>

#include <algorithm>

namespace levlab::ui {

namespace {

constexpr std::array kSpeeds{0, 1, 10, 60, 600};

}  // namespace

MarketBar::MarketBar(model::Market& market, QWidget* parent) : QWidget(parent), m_market(market)
{
    m_layout = new QBoxLayout(QBoxLayout::LeftToRight, this);
    m_layout->setContentsMargins(4, 2, 4, 2);
    m_layout->setSpacing(2);
    m_controls = new QWidget(this);
    auto* row = new QHBoxLayout(m_controls);
    m_row = row;
    row->setContentsMargins(0, 0, 0, 0);
    m_speed = new QButtonGroup(this);
    for (int speed : kSpeeds) {
        auto* b = new QPushButton(speed == 0 ? tr("Pause") : QStringLiteral("%1×").arg(speed), m_controls);
        b->setCheckable(true);
        b->setToolTip(speed == 0 ? tr("Pause the market") : tr("Run market time %1 times faster than real time").arg(speed));
        m_speed->addButton(b, speed);
        row->addWidget(b);
    }
    m_scenario = new QComboBox(m_controls);
    m_scenario->setToolTip(tr("Put the simulated market into a mood"));
    const std::array<std::pair<model::Scenario, QString>, 6> scenarios{{
        {model::Scenario::Normal, tr("Normal")},
        {model::Scenario::Calm, tr("Calm")},
        {model::Scenario::Trend, tr("Trend (+10%/day)")},
        {model::Scenario::Crash, tr("Crash (−30% in an hour)")},
        {model::Scenario::Squeeze, tr("Squeeze (+20% in an hour)")},
        {model::Scenario::WickStorm, tr("Wick storm")},
    }};
    for (const auto& [s, name] : scenarios)
        m_scenario->addItem(name, static_cast<int>(s));
    row->addSpacing(12);
    m_scenarioName = new QLabel(tr("Scenario"), m_controls);
    m_scenarioName->setBuddy(m_scenario);
    m_scenario->setAccessibleName(m_scenarioName->text());
    row->addWidget(m_scenarioName);
    row->addWidget(m_scenario);
    row->addStretch();
    m_layout->addWidget(m_controls, 1);
    m_prices = new QLabel(this);
    m_prices->setTextFormat(Qt::PlainText);
    // A fixed size: the text changes with every readout and must not reflow the bar
    // (a label whose size can change asks the whole window for a new layout each time).
    m_prices->setFixedWidth(m_prices->fontMetrics().horizontalAdvance(
        QStringLiteral("Mark 000,000.00   Last 000,000.00   Funding -0.0000%   2024-01-01 00:00:00 UTC  ")));
    m_prices->setFixedHeight(m_prices->sizeHint().height());
    m_prices->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_layout->addWidget(m_prices, 0, Qt::AlignRight);
    // Narrower than both side by side, the prices go under the controls.
    const QMargins m = m_layout->contentsMargins();
    setMinimumWidth(std::max(m_controls->minimumSizeHint().width(), m_prices->width()) + m.left() + m.right());

    connect(m_speed, &QButtonGroup::idClicked, this, [this](int speed) { m_market.setSpeed(speed); });
    connect(m_scenario, &QComboBox::activated, this, [this] {
        m_market.simulated().setScenario(static_cast<model::Scenario>(m_scenario->currentData().toInt()));
    });
    connect(&m_market, &model::MarketSource::controlsChanged, this, &MarketBar::refresh);
    // The readout follows the market's own ticks, at a rate a person can read.
    auto* limiter = new RateLimiter([this] { refresh(); }, Theme::kReadoutHz, this);
    connect(&m_market, &model::MarketSource::advanced, limiter, &RateLimiter::request);
    refresh();
}

void MarketBar::addSourceControl(QWidget* control)
{
    control->setParent(m_controls);
    m_row->insertSpacing(m_row->count() - 1, 12);
    m_row->insertWidget(m_row->count() - 1, control);  // before the stretch
}

void MarketBar::resizeEvent(QResizeEvent* event)
{
    const QMargins m = m_layout->contentsMargins();
    const int oneRow = m_controls->sizeHint().width() + m_layout->spacing() + m_prices->width() + m.left() + m.right();
    const auto direction = width() >= oneRow ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (m_layout->direction() != direction)
        m_layout->setDirection(direction);
    QWidget::resizeEvent(event);
}

bool MarketBar::oneRow() const
{
    return m_layout->direction() == QBoxLayout::LeftToRight;
}

void MarketBar::refresh()
{
    {
        const QSignalBlocker a(m_speed);
        const QSignalBlocker b(m_scenario);
        if (auto* button = m_speed->button(static_cast<int>(m_market.speed())))
            button->setChecked(true);
        m_scenario->setCurrentIndex(m_scenario->findData(static_cast<int>(m_market.simulated().scenario())));
        // Scenarios belong to the simulated market; a replay plays what happened, and a
        // live market's controls take their room.
        const bool simulated = m_market.isSimulated();
        m_scenario->setEnabled(simulated);
        if (m_scenario->isVisibleTo(m_controls) != simulated) {
            m_scenario->setVisible(simulated);
            m_scenarioName->setVisible(simulated);
        }
    }
    const model::MarketState s = m_market.state();
    const QString text = tr("Mark %1   Last %2   Funding %3%   %4")
                             .arg(QLocale().toString(s.mark, 'f', 2), QLocale().toString(s.last, 'f', 2))
                             .arg(s.fundingRate * 100.0, 0, 'f', 4)
                             .arg(QDateTime::fromMSecsSinceEpoch(s.timeMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")));
    if (m_prices->text() != text)
        m_prices->setText(text);
}

}  // namespace levlab::ui
