#include "ui/controls/wheel_guard.h"

#include <QComboBox>
#include <QEvent>
#include <QWidget>

namespace levlab::ui {

void WheelGuard::install(QWidget* panel)
{
    auto* guard = new WheelGuard(panel);
    for (QComboBox* box : panel->findChildren<QComboBox*>()) {
        box->setFocusPolicy(Qt::StrongFocus);
        box->installEventFilter(guard);
    }
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Wheel) {
        const auto* w = qobject_cast<QWidget*>(watched);
        if (w != nullptr && !w->hasFocus()) {
            // Ignored, the event goes on to the scroll area holding the panel.
            event->ignore();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace levlab::ui
