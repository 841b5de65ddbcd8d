#pragma once

// Answers the window's modal dialogs as a person does: the file name typed key by key
// into the file dialog, a message box's button clicked with the mouse.

#include <QAbstractButton>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

namespace levlab::test {

/// Calls `answer` with the first modal widget of type T to open within `timeoutMs`.
template<typename T> void whenModal(std::function<void(T*)> answer, int timeoutMs = 10000)
{
    auto* poll = new QTimer(qApp);
    poll->setObjectName(QStringLiteral("levlab-test-answer"));
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, qApp, [poll, clock, answer = std::move(answer), timeoutMs] {
        if (auto* w = qobject_cast<T*>(QApplication::activeModalWidget()); w != nullptr && w->isVisible()) {
            poll->stop();
            poll->deleteLater();
            answer(w);
        } else if (clock->elapsed() > timeoutMs) {
            poll->stop();
            poll->deleteLater();
        }
    });
    poll->start();
}

/// Forgets every answer not yet given (at the end of a test: none carries over to the next).
inline void stopAnswering()
{
    for (QTimer* t : qApp->findChildren<QTimer*>(QStringLiteral("levlab-test-answer"), Qt::FindDirectChildrenOnly)) {
        t->stop();
        t->deleteLater();
    }
}

/// Rejects any modal dialog left open longer than `ms`: a test whose answer never came
/// fails instead of waiting for ever.
class ModalWatchdog final : public QObject {
public:
    explicit ModalWatchdog(int ms = 12000)
        : m_limit(ms)
    {
        m_timer.setInterval(250);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            QWidget* modal = QApplication::activeModalWidget();
            if (modal != m_seen) {
                m_seen = modal;
                m_since.start();
            } else if (modal != nullptr && m_since.elapsed() > m_limit) {
                if (auto* dialog = qobject_cast<QDialog*>(modal))
                    dialog->reject();
            }
        });
        m_timer.start();
    }

private:
    QTimer m_timer;
    QPointer<QWidget> m_seen;
    QElapsedTimer m_since;
    int m_limit;
};

/// The next file dialog gets `path` typed into its file name field, then its Save (Open)
/// button clicked — again while it stays open (a dialog still loading its folder may reset
/// the field), until it closes.
inline void answerFileDialog(const QString& path, int timeoutMs = 10000)
{
    auto* poll = new QTimer(qApp);
    poll->setObjectName(QStringLiteral("levlab-test-answer"));
    auto clock = std::make_shared<QElapsedTimer>();
    auto seen = std::make_shared<QPointer<QFileDialog>>();
    auto answered = std::make_shared<bool>(false);
    clock->start();
    poll->setInterval(100);
    QObject::connect(poll, &QTimer::timeout, qApp, [poll, clock, seen, answered, path, timeoutMs] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        const bool open = dialog != nullptr && dialog->isVisible();
        const bool answeredAndGone = *answered && (!open || dialog != seen->data());
        if (answeredAndGone || clock->elapsed() > timeoutMs) {
            poll->stop();
            poll->deleteLater();
            return;
        }
        if (!open)
            return;
        if (seen->data() != dialog) {
            *seen = dialog; // answered on the next tick, once it has settled
            return;
        }
        auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
        if (name == nullptr)
            return;
        name->setFocus(Qt::TabFocusReason);
        QTest::keyClick(name, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(name, path);
        // The completer's list may be open over the field: the dialog's own Save or Open button.
        auto* buttons = dialog->findChild<QDialogButtonBox*>();
        QAbstractButton* accept = nullptr;
        for (QAbstractButton* candidate : buttons != nullptr ? buttons->buttons() : QList<QAbstractButton*> {}) {
            if (buttons->buttonRole(candidate) == QDialogButtonBox::AcceptRole)
                accept = candidate;
        }
        *answered = true;
        if (accept != nullptr && accept->isEnabled())
            QTest::mouseClick(accept, Qt::LeftButton, Qt::NoModifier, accept->rect().center());
        else
            QTest::keyClick(name, Qt::Key_Return);
    });
    poll->start();
}

/// The next message box: its text goes to `text` (if given), then `button` is clicked.
inline void answerMessageBox(QMessageBox::StandardButton button, std::shared_ptr<QString> text = {})
{
    whenModal<QMessageBox>([button, text](QMessageBox* box) {
        if (text)
            *text = box->text();
        QAbstractButton* b = box->button(button);
        if (b == nullptr) {
            box->reject();
            return;
        }
        QTest::mouseClick(b, Qt::LeftButton, Qt::NoModifier, b->rect().center());
    });
}

} // namespace levlab::test
