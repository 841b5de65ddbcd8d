#include "ui/lessons/focus_button.h"

#include <QPainter>

namespace levlab::ui {

FocusButton::FocusButton(const QString& text, QWidget* parent) : QPushButton(text, parent)
{
    setAutoDefault(true);  // outside a dialog this only makes Return press the focused button
}

void FocusButton::paintEvent(QPaintEvent* event)
{
    QPushButton::paintEvent(event);
    if (!hasFocus())
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(palette().color(QPalette::Highlight), 2));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 4, 4);
}

}  // namespace levlab::ui
