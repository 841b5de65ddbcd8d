#pragma once

// Answers the window's modal dialogs as a person does: the file name typed key by key
// into the file dialog, a message box's button clicked with the mouse.

#include <QAbstractButton>
#include <QApplication>
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
template <typename T>
void whenModal(std::function<void(T*)> answer, int timeoutMs = 10000)
{
    auto* poll = new QTimer(qApp);
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

/// The next file dialog gets `path` typed into its file name field, then Enter.
inline void answerFileDialog(const QString& path)
{
    whenModal<QFileDialog>([path](QFileDialog* dialog) {
        auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
        if (name == nullptr) {
            dialog->reject();
            return;
        }
        name->setFocus(Qt::TabFocusReason);
        QTest::keyClick(name, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(name, path);
        QTest::keyClick(name, Qt::Key_Return);
    });
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

}  // namespace levlab::test
