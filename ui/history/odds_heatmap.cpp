#include "ui/history/odds_heatmap.h"

#include "core/model/history/odds_model.h"
#include "core/model/plan/messages.h"
#include "core/engine/venue/venue.h"
#include "core/model/replay/replay_source.h"
#include "ui/history/odds_grid_view.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace levlab::ui {

namespace {

constexpr int kSwatch = 12;

/// The bands' colours with their words, two rows of three.
class Legend final : public QWidget {
public:
    explicit Legend(const Theme& theme, QWidget* parent) : QWidget(parent), m_theme(theme)
    {
        QStringList words;
        for (int b = 0; b < OddsGridView::kBands; ++b)
            words << OddsGridView::bandLabel(b);
        setAccessibleName(tr("Legend: share of entries liquidated — %1").arg(words.join(QStringLiteral(", "))));
        setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    }
    void setTheme(const Theme& theme)
    {
        m_theme = theme;
        update();
    }
    [[nodiscard]] QSize sizeHint() const override
    {
        const QFontMetrics fm = fontMetrics();
        const int row = std::max(kSwatch, fm.height()) + 4;
        int label = 0;
        for (int b = 0; b < OddsGridView::kBands; ++b)
            label = std::max(label, fm.horizontalAdvance(OddsGridView::bandLabel(b)));
        return {3 * (kSwatch + 6 + label + 10), 2 * row};
    }
    [[nodiscard]] QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        const QFontMetrics fm = fontMetrics();
        const int row = std::max(kSwatch, fm.height()) + 4;
        const int column = width() / 3;
        for (int b = 0; b < OddsGridView::kBands; ++b) {
            const int x = (b % 3) * column;
            const int y = (b / 3) * row;
            const QRect swatch(x, y + (row - kSwatch) / 2, kSwatch, kSwatch);
            p.fillRect(swatch, OddsGridView::bandColour(m_theme, b));
            p.setPen(m_theme.border);
            p.drawRect(swatch.adjusted(0, 0, -1, -1));
            p.setPen(m_theme.text);
            p.drawText(QRect(x + kSwatch + 6, y, column - kSwatch - 6, row), Qt::AlignLeft | Qt::AlignVCenter, OddsGridView::bandLabel(b));
        }
    }

private:
    Theme m_theme;
};

QLabel* wrapped(QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    return l;
}

}  // namespace

OddsHeatmap::OddsHeatmap(model::OddsModel& odds, QWidget* parent)
    : QWidget(parent), m_odds(odds), m_theme(Theme::darkTheme())
{
    // Everything scrolls in a short dock; the grid keeps its rows readable.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* content = new QWidget(scroll);
    scroll->setWidget(content);
    outer->addWidget(scroll);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(6, 6, 6, 6);

    m_status = wrapped(content);
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    layout->addWidget(m_status);
    auto* sides = new QHBoxLayout;
    m_long = new QPushButton(tr("Long"), content);
    m_short = new QPushButton(tr("Short"), content);
    m_long->setAccessibleName(tr("Show the odds of a long"));
    m_short->setAccessibleName(tr("Show the odds of a short"));
    auto* group = new QButtonGroup(this);
    for (QPushButton* b : {m_long, m_short}) {
        b->setCheckable(true);
        group->addButton(b);
        sides->addWidget(b);
    }
    m_long->setChecked(true);
    layout->addLayout(sides);
    m_grid = new OddsGridView(odds, content);
    layout->addWidget(m_grid);
    m_legend = new Legend(m_theme, content);
    layout->addWidget(m_legend);
    m_about = wrapped(content);
    layout->addWidget(m_about);
    layout->addStretch(1);
    scroll->setMinimumWidth(content->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());

    connect(m_long, &QPushButton::clicked, this, [this] { setSide(engine::Side::Long); });
    connect(m_short, &QPushButton::clicked, this, [this] { setSide(engine::Side::Short); });
    connect(m_grid, &OddsGridView::activated, this, [this](engine::Side side, std::size_t leverage, std::size_t hours) {
        const model::OddsCase* c = m_odds.cell(side, leverage, hours);
        if (auto r = m_odds.replayWorstCase(side, leverage, hours)) {
            emit refused(*r);
            return;
        }
        if (c != nullptr) {
            emit message(tr("Replaying the worst case of %1 %2× held %3 from %4: press Play to watch it.")
                             .arg(side == engine::Side::Long ? tr("a long") : tr("a short"),
                                  model::formatNumber(c->cell.leverage, c->cell.leverage == std::floor(c->cell.leverage) ? 0 : 2),
                                  model::holdingText(c->cell.hours),
                                  QDateTime::fromSecsSinceEpoch(c->worstEntrySeconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))));
        }
    });
    connect(&odds, &model::OddsModel::changed, this, &OddsHeatmap::refresh);
    refresh();
}

void OddsHeatmap::setTheme(const Theme& theme)
{
    m_theme = theme;
    m_grid->setTheme(theme);
    static_cast<Legend*>(m_legend)->setTheme(theme);
}

void OddsHeatmap::setSide(engine::Side side)
{
    m_grid->setSide(side);
    m_long->setChecked(side == engine::Side::Long);
    m_short->setChecked(side == engine::Side::Short);
}

void OddsHeatmap::refresh()
{
    if (m_planSide != m_odds.planSide()) {
        m_planSide = m_odds.planSide();
        setSide(*m_planSide);
    }
    const model::OddsModel::Status status = m_odds.status();
    const bool history = status != model::OddsModel::Status::NoHistory;
    for (QWidget* w : std::initializer_list<QWidget*>{m_long, m_short, m_grid, m_legend, m_about})
        w->setVisible(history);
    const model::OddsTable& t = m_odds.table();
    switch (status) {
    case model::OddsModel::Status::NoHistory:
        m_status->setText(tr("The simulated market has no history to count. Replay a crash or a price file "
                             "(Replay dock) to see how often this plan would have been liquidated."));
        return;
    case model::OddsModel::Status::Computing:
        m_status->setText(tr("Counting the odds over %1…").arg(m_odds.history()->name()));
        break;
    case model::OddsModel::Status::Refused:
        m_status->setText(tr("No odds for this plan: %1").arg(t.refusal));
        break;
    case model::OddsModel::Status::Ready:
        m_status->setText(tr("Odds of liquidation — %1").arg(m_odds.history()->name()));
        break;
    }
    const QString stop = t.stopDistance ? tr("stop %1% from the entry").arg(model::formatNumber(*t.stopDistance * 100.0, 2))
                                        : tr("no stop");
    m_about->setText(tr("Each of the %1 bars is an entry at its open (when its whole period lies inside the history); a "
                        "cell is the share of entries an isolated %2 position of the plan's size would have lost to "
                        "liquidation within the period, %3, funding left out. ▶ marks the plan's leverage. Hover a cell "
                        "for its counts and worst case; click it (or Enter) to replay that case.")
                         .arg(model::formatNumber(static_cast<double>(m_odds.barCount()), 0),
                              QString::fromStdString(std::string(engine::venueDisplayName(t.venue))), stop));
}

}  // namespace levlab::ui
