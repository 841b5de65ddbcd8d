#include "ui/controls/leverage_control.h"

#include "core/model/plan/risk_model.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace levlab::ui {

namespace {

constexpr std::array kChipLeverage{2.0, 5.0, 10.0, 25.0, 0.0};  // 0: the maximum

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
    title->setBuddy(m_slider);
    m_spin = new QDoubleSpinBox(this);
    m_spin->setDecimals(2);
    m_spin->setMinimum(1.0);
    m_spin->setSuffix(QStringLiteral("×"));
    m_spin->setKeyboardTracking(true);
    m_spin->setToolTip(tr("Exact leverage"));
    auto* row = new QHBoxLayout;
    row->addWidget(m_slider, 1);
    row->addWidget(m_spin);
    auto* chips = new QHBoxLayout;
    for (std::size_t i = 0; i < m_chips.size(); ++i) {
        const double lev = kChipLeverage[i];
        m_chips[i] = new QPushButton(lev > 0 ? QStringLiteral("%1×").arg(lev) : tr("Max"), this);
        m_chips[i]->setToolTip(lev > 0 ? tr("Set %1× leverage").arg(lev) : tr("The highest leverage this size allows"));
        chips->addWidget(m_chips[i]);
        connect(m_chips[i], &QPushButton::clicked, this, [this, lev] {
            request(lev > 0 ? lev : m_model.snapshot().maxLeverage);
        });
    }
    m_maxLabel = new QLabel(this);
    m_maxLabel->setWordWrap(true);
    layout->addWidget(title);
    layout->addLayout(row);
    layout->addLayout(chips);
    layout->addWidget(m_maxLabel);

    connect(m_slider, &QSlider::valueChanged, this, [this](int v) { request(v); });
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double v) { request(v); });
    connect(&m_model, &model::RiskModel::changed, this, &LeverageControl::refresh);
    refresh();
}

void LeverageControl::request(double leverage)
{
    if (auto r = m_model.setLeverage(leverage)) {
        emit refused(*r);
        refresh();
    }
}

void LeverageControl::refresh()
{
    const auto& s = m_model.snapshot();
    const double maxLev = s.maxLeverage > 0 ? s.maxLeverage : std::max(s.tableMaxLeverage, 1.0);
    const double lev = m_model.inputs().leverage;
    {
        const QSignalBlocker a(m_slider);
        const QSignalBlocker b(m_spin);
        const int sliderMax = static_cast<int>(std::floor(maxLev));
        if (m_slider->maximum() != sliderMax)
            m_slider->setMaximum(sliderMax);
        m_slider->setValue(static_cast<int>(std::lround(lev)));
        if (m_spin->maximum() != maxLev)
            m_spin->setMaximum(maxLev);
        if (m_spin->value() != lev)
            m_spin->setValue(lev);
    }
    for (std::size_t i = 0; i < m_chips.size(); ++i) {
        const bool enabled = kChipLeverage[i] <= maxLev;
        if (m_chips[i]->isEnabled() != enabled)
            m_chips[i]->setEnabled(enabled);
    }
    QString text = tr("Maximum %1×").arg(maxLev);
    if (!s.maxLeverageReason.isEmpty())
        text += QStringLiteral(" — ") + s.maxLeverageReason;
    if (m_maxLabel->text() != text)
        m_maxLabel->setText(text);
}

}  // namespace levlab::ui
