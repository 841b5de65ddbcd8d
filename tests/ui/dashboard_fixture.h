#pragma once

#include "app/gui/dashboard.h"

#include <QSize>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace levlab::test {

/// The whole application as a person meets it, on a market that stands still until a
/// test moves it: settings and quiz progress in `dir`, the window shown at `size`.
inline std::unique_ptr<app::Dashboard> openDashboard(const QTemporaryDir& dir, QSize size, std::size_t historyMinutes = 600)
{
    app::DashboardOptions o;
    o.historyMinutes = historyMinutes;
    o.settingsPath = dir.filePath(QStringLiteral("settings.ini"));
    o.progressPath = dir.filePath(QStringLiteral("progress.json"));
    o.tiersPath = dir.filePath(QStringLiteral("tiers"));
    auto dash = std::make_unique<app::Dashboard>(o);
    dash->feed.setSpeed(0);
    dash->window->resize(size);
    dash->window->show();
    if (QTest::qWaitForWindowExposed(dash->window.get()))
        dash->window->activateWindow();
    return dash;
}

/// Focus `field`, select all with Ctrl+A, then type `text` one key at a time, as a person does.
inline void typeKeys(QWidget* field, const QString& text)
{
    field->setFocus(Qt::TabFocusReason);
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    for (QChar c : text)
        QTest::keyClick(field, c.toLatin1());
}

}  // namespace levlab::test
