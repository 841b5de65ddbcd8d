#include "ui/controls/number_field.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QSignalBlocker>

#include <utility>

namespace levlab::ui {

namespace {

constexpr int kFrameWidth = 2;
constexpr int kFrameRadius = 3;
constexpr int kDarkWindowLightness = 128;

}  // namespace

QColor problemColour(const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < kDarkWindowLightness;
    return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
}

QString asSentence(QString reason)
{
    if (!reason.isEmpty())
        reason[0] = reason[0].toUpper();
    return reason;
}

NumberField::NumberField(QWidget* parent) : QDoubleSpinBox(parent)
{
    setKeyboardTracking(false);
    setFocusPolicy(Qt::StrongFocus);  // a wheel passing over does not take focus (or the value)
    setGroupSeparatorShown(true);
    setAccelerated(true);
    m_problem = new QLabel(parent ? parent : this);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();
    connect(this, &QAbstractSpinBox::editingFinished, this, [this] { commit(false); });
}

bool NumberField::isEditing() const
{
    return lineEdit()->isModified();
}

void NumberField::showModelValue(double value, bool movedByMarket)
{
    const bool moved = value != m_model || m_shown.isEmpty();
    m_model = value;
    if (isEditing())
        return;  // never under the person's fingers
    if (m_invalid) {
        if (movedByMarket)
            m_modelAtRefusal = value;  // a stop carried along with the mark is still the same stop
        if (value == m_modelAtRefusal)
            return;  // the refused text stays on show until Esc or another commit
        setInvalid(false);
        display(value);
        return;
    }
    if (moved || lineEdit()->text() != m_shown)
        display(value);
}

void NumberField::setProblem(const QString& reason)
{
    if (m_committing) {
        m_answer = reason;
        return;
    }
    if (reason.isEmpty()) {
        setInvalid(false);
        return;
    }
    m_modelAtRefusal = m_model;
    m_problem->setText(reason);
    setInvalid(true);
}

void NumberField::restore()
{
    setInvalid(false);
    display(m_model);
    selectAll();
}

void NumberField::commit(bool force)
{
    const double v = value();
    const QString typed = textFromValue(v);
    if (!force && !m_invalid && typed == textFromValue(m_model)) {
        display(m_model);  // nothing new: show the model's own formatting
        return;
    }
    if (!force && m_invalid && lineEdit()->text() == m_shown)
        return;  // the same refused text: it was answered already
    m_answer.clear();
    m_committing = true;
    emit committed(v);
    m_committing = false;
    if (m_answer.isEmpty()) {
        setInvalid(false);
        display(m_model);
        return;
    }
    m_modelAtRefusal = m_model;
    m_shown = lineEdit()->text();
    m_problem->setText(std::exchange(m_answer, QString()));
    setInvalid(true);
}

void NumberField::display(double value)
{
    {
        const QSignalBlocker block(this);
        setValue(value);
    }
    m_shown = lineEdit()->text();
    lineEdit()->setModified(false);
}

void NumberField::setInvalid(bool invalid)
{
    if (invalid) {
        setAccessibleDescription(m_problem->text());
        QPalette p;  // only the text's role is set: the rest follows the theme
        p.setColor(QPalette::WindowText, problemColour(palette()));
        m_problem->setPalette(p);
    }
    if (m_problem->isVisibleTo(m_problem->parentWidget()) != invalid)
        m_problem->setVisible(invalid);
    if (m_invalid == invalid)
        return;
    m_invalid = invalid;
    if (!invalid) {
        m_problem->clear();
        setAccessibleDescription(QString());
    }
    update();
    emit invalidChanged(invalid);
}

bool NumberField::event(QEvent* event)
{
    // Ctrl+Z with nothing typed undoes the last edit (Edit › Undo), not the field's text.
    if (event->type() == QEvent::ShortcutOverride) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) && !isEditing()) {
            event->ignore();
            return true;
        }
    }
    // A wheel turned over a field one is not working in scrolls the panel; it does
    // not change the value under the pointer.
    if (event->type() == QEvent::Wheel && !hasFocus()) {
        event->ignore();
        return false;
    }
    return QDoubleSpinBox::event(event);
}

void NumberField::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
        if (isEditing() || m_invalid) {
            restore();
            event->accept();
            return;
        }
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_invalid && !isEditing()) {
            // Enter on a refused text asks again: another input may have made it valid.
            QDoubleSpinBox::keyPressEvent(event);
            commit(true);
            return;
        }
        break;
    default: break;
    }
    QDoubleSpinBox::keyPressEvent(event);
}

void NumberField::stepBy(int steps)
{
    QDoubleSpinBox::stepBy(steps);
    commit(false);
}

void NumberField::paintEvent(QPaintEvent* event)
{
    QDoubleSpinBox::paintEvent(event);
    if (!m_invalid)
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(problemColour(palette()), kFrameWidth));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), kFrameRadius, kFrameRadius);
}

void NumberField::changeEvent(QEvent* event)
{
    QDoubleSpinBox::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_invalid)
        setInvalid(true);
}

}  // namespace levlab::ui
