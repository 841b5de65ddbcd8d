#include "ui/controls/leverage_control.h"

#include "core/model/plan/risk_model.h"
#include "ui/controls/number_field.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace levlab::ui {

namespace {

constexpr std::array kChipLeverage{2.0, 5.0, 10.0, 25.0, 0.0};  // 0: the maximum
/// The field takes any number so that the model can say why one does not apply.
constexpr double kTypedLeverageLimit = 10000.0;

QString times(double leverage)
{
    return QLocale().toString(leverage, 'f', QLocale::FloatingPointShortest) + QStringLiteral("×");
}

}  // namespace

LeverageControl::LeverageControl(model::RiskModel& model, QWidget* parent) : QWidget(parent), m_model(model)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* title = new QLabel(tr("&Leverage"), this);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setMinimum(1);
    m_slider->setPageStep(5);
    m_slider->setToolTip(tr("Leverage: ←/→ one step, PgUp/PgDn five. The maximum is the risk-limit row's."));
    m_slider->setAccessibleName(tr("Leverage"));
    title->setBuddy(m_slider);
    m_spin = new NumberField(this);
    m_spin->setDecimals(2);
    m_spin->setRange(0.0, kTypedLeverageLimit);
    m_spin->setSuffix(QStringLiteral("×"));
    m_spin->setToolTip(tr("Exact leverage: type it and press Enter"));
    m_spin->setAccessibleName(tr("Exact leverage"));
    auto* row = new QHBoxLayout;
    row->addWidget(m_slider, 1);
    row->addWidget(m_spin);
    auto* chips = new QHBoxLayout;
    for (std::size_t i = 0; i < m_chips.size(); ++i) {
        const double lev = kChipLeverage[i];
        m_chips[i] = new QPushButton(lev > 0 ? times(lev) : tr("Max"), this);
        m_chips[i]->setToolTip(lev > 0 ? tr("Set %1 leverage").arg(times(lev)) : tr("The highest leverage this size allows"));
        chips->addWidget(m_chips[i]);
        connect(m_chips[i], &QPushButton::clicked, this, [this, lev] {
            request(lev > 0 ? lev : m_model.snapshot().maxLeverage);
        });
    }
    m_reason = new QLabel(this);
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::PlainText);
    m_reason->hide();
    m_maxLabel = new QLabel(this);
    m_maxLabel->setWordWrap(true);
    layout->addWidget(title);
    layout->addLayout(row);
    layout->addWidget(m_spin->problemLabel());
    layout->addWidget(m_reason);
    layout->addLayout(chips);
    layout->addWidget(m_maxLabel);

    connect(m_slider, &QSlider::valueChanged, this, [this](int v) { request(v); });
    connect(m_spin, &NumberField::committed, this, [this](double v) {
        m_requesting = true;
        const auto r = m_model.setLeverage(v);
        m_requesting = false;
        m_spin->setProblem(r ? asSentence(r->reason) : QString());
        if (r)
            emit refused(*r);
        else
            explain(QString(), false);
    });
    connect(&m_model, &model::RiskModel::changed, this, &LeverageControl::refresh);
    refresh();
}

void LeverageControl::request(double leverage)
{
    m_requesting = true;
    const auto r = m_model.setLeverage(leverage);
    m_requesting = false;
    if (!r) {
        explain(QString(), false);
        return;
    }
    // The reason stays beside the slider, not only in the status bar; the slider
    // and field go back to the leverage in force.
    explain(tr("%1 does not apply: %2").arg(times(leverage), r->reason), true);
    emit refused(*r);
    refresh();
}

void LeverageControl::explain(const QString& text, bool problem)
{
    if (text.isEmpty()) {
        if (m_reason->isVisibleTo(this))
            m_reason->hide();
        // Clearing a label asks the whole window for a new layout, even when it was empty.
        if (!m_reason->text().isEmpty())
            m_reason->clear();
        return;
    }
    m_reasonIsProblem = problem;
    colourReason();
    m_reason->setText(text);
    m_reason->show();
    m_explained = m_model.inputs();
}

void LeverageControl::colourReason()
{
    QPalette p;  // only the text's role is set: the rest follows the theme
    if (m_reasonIsProblem)
        p.setColor(QPalette::WindowText, problemColour(palette()));
    m_reason->setPalette(p);
}

void LeverageControl::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_reasonIsProblem)
        colourReason();
}

void LeverageControl::refresh()
{
    const auto& s = m_model.snapshot();
    const double maxLev = s.maxLeverage > 0 ? s.maxLeverage : std::max(s.tableMaxLeverage, 1.0);
    const double lev = m_model.inputs().leverage;
    {
        const QSignalBlocker a(m_slider);
        const int sliderMax = std::max(1, static_cast<int>(std::floor(maxLev)));
        // The slider spans what can apply: from the lowest leverage the wallet carries.
        const int sliderMin = std::clamp(static_cast<int>(std::ceil(s.minLeverage - 1e-9)), 1, sliderMax);
        if (m_slider->maximum() != sliderMax)
            m_slider->setMaximum(sliderMax);
        if (m_slider->minimum() != sliderMin)
            m_slider->setMinimum(sliderMin);
        m_slider->setValue(static_cast<int>(std::lround(lev)));
    }
    m_spin->showModelValue(lev);
    // The market moves the plan on every tick; the limits and texts below move seldom.
    // With nothing explained, the same leverage and limits leave them as they are.
    auto shown = std::make_tuple(lev, maxLev, m_slider->minimum(), s.maxLeverageReason);
    if (m_shownFor == shown && m_reason->text().isEmpty() && !m_requesting) {
        m_refreshedMarket = m_model.market();
        return;
    }
    m_shownFor = std::move(shown);
    for (std::size_t i = 0; i < m_chips.size(); ++i) {
        const bool enabled = kChipLeverage[i] <= maxLev;
        if (m_chips[i]->isEnabled() != enabled)
            m_chips[i]->setEnabled(enabled);
    }
    QString text = tr("Maximum %1").arg(times(maxLev));
    // The slider's whole-number lower end: it changes only when the wallet's reach does,
    // not with every tick of an at-market entry (a label that changes relays the column).
    if (m_slider->minimum() > 1)
        text += tr(", from %1 with this wallet").arg(times(m_slider->minimum()));
    if (!s.maxLeverageReason.isEmpty())
        text += QStringLiteral(" — ") + s.maxLeverageReason;
    if (m_maxLabel->text() != text)
        m_maxLabel->setText(text);
    // The model brought the leverage down to a lower row's maximum: say so where it shows.
    // Another edit of the plan makes an earlier explanation stale; the market moving the
    // plan (a stop that follows the mark) does not.
    const bool byMarket = !(m_model.market() == m_refreshedMarket);
    m_refreshedMarket = m_model.market();
    if (m_shownLeverage > 0 && lev < m_shownLeverage && !m_requesting && lev >= maxLev && m_shownLeverage > maxLev)
        explain(tr("Leverage lowered from %1 to %2, the most this size allows.").arg(times(m_shownLeverage), times(lev)), false);
    else if (!m_reason->text().isEmpty() && !m_requesting && !(m_model.inputs() == m_explained)) {
        if (byMarket)
            m_explained = m_model.inputs();
        else
            explain(QString(), false);
    }
    m_shownLeverage = lev;
}

}  // namespace levlab::ui
