#include "ui/market/tier_actions.h"

#include "core/model/plan/risk_model.h"
#include "core/model/tiers/tier_import.h"
#include "core/model/tiers/tier_updates.h"

#include <QAction>
#include <QFileDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>

namespace levlab::ui {

namespace {

QString venueText(engine::Venue v)
{
    const std::string_view name = engine::venueDisplayName(v);
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}

}  // namespace

TierActions::TierActions(model::RiskModel& model, model::TierUpdates& updates, QMainWindow& window)
    : QObject(&window), m_model(model), m_updates(updates), m_window(window)
{
    m_refresh = new QAction(this);
    m_refresh->setObjectName(QStringLiteral("refreshTiers"));
    m_import = new QAction(this);
    m_import->setObjectName(QStringLiteral("importTiers"));
    connect(m_refresh, &QAction::triggered, this, [this] {
        m_updates.refresh(m_model.inputs().venue, m_model.inputs().symbol);
        update();
    });
    connect(m_import, &QAction::triggered, this, &TierActions::importSaved);
    connect(&m_updates, &model::TierUpdates::finished, this, [this](bool ok, const QString& text) {
        update();
        if (ok)
            emit message(text);
        else
            refused(tr("Risk-limit table not refreshed"), text);
    });
    connect(&m_model, &model::RiskModel::changed, this, &TierActions::update);
    update();
}

QMenu* TierActions::addMenu()
{
    auto* menu = new QMenu(tr("Ris&k limits"), &m_window);
    menu->setObjectName(QStringLiteral("riskLimitsMenu"));
    menu->addAction(m_refresh);
    menu->addAction(m_import);
    const QList<QAction*> bar = m_window.menuBar()->actions();
    m_window.menuBar()->insertMenu(bar.isEmpty() ? nullptr : bar.back(), menu);  // before Help
    return menu;
}

void TierActions::update()
{
    const model::PlanInputs& in = m_model.inputs();
    auto shownFor = std::make_tuple(in.venue, in.symbol, m_updates.busy());
    if (m_shownFor == shownFor)
        return;
    m_shownFor = std::move(shownFor);
    const QString venue = venueText(in.venue);
    const bool textbook = in.venue == engine::Venue::Textbook;
    QString refresh = tr("&Refresh risk-limit table from %1").arg(venue);
    QString tip = tr("Fetch today's %1 %2 table from %1's public endpoint %3").arg(venue, in.symbol, model::tierEndpoint(in.venue));
    if (m_updates.busy()) {
        refresh = tr("Refreshing risk-limit table from %1…").arg(venue);
    } else if (!model::tierRefreshable(in.venue)) {
        refresh = textbook ? tr("&Refresh risk-limit table (the textbook rule has none)")
                           : tr("&Refresh risk-limit table from %1 (needs an account: import a saved response)").arg(venue);
        tip = textbook ? QString() : tr("%1 publishes its table (%2) to account holders only").arg(venue, model::tierEndpoint(in.venue));
    }
    m_refresh->setText(refresh);
    m_refresh->setToolTip(tip);
    m_refresh->setEnabled(model::tierRefreshable(in.venue) && !m_updates.busy());
    m_import->setText(textbook ? tr("&Import saved response…") : tr("&Import saved %1 response…").arg(venue));
    m_import->setToolTip(textbook ? QString() : tr("A JSON response of %1 saved to a file").arg(model::tierEndpoint(in.venue)));
    m_import->setEnabled(!textbook);
}

void TierActions::importSaved()
{
    const model::PlanInputs in = m_model.inputs();
    const QString path = QFileDialog::getOpenFileName(&m_window,
        tr("Import %1 %2 risk-limit response").arg(venueText(in.venue), in.symbol), QString(),
        tr("JSON responses (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    const auto imported = m_updates.importFile(in.venue, in.symbol, path);
    if (imported)
        emit message(*imported);
    else
        refused(tr("Risk-limit table not imported"), QString::fromStdString(imported.error().message()));
}

void TierActions::refused(const QString& title, const QString& reason)
{
    QMessageBox box(QMessageBox::Warning, title, reason, QMessageBox::Ok, &m_window);
    box.exec();
}

}  // namespace levlab::ui
