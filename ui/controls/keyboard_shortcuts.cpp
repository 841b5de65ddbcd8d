#include "ui/controls/keyboard_shortcuts.h"

#include <QAbstractButton>
#include <QAction>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace levlab::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("KeyboardShortcuts", text);
}

/// "Take-&profit" → "Take-profit"; "P&&L" → "P&L".
QString plain(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == QLatin1Char('&') && i + 1 < text.size())
            ++i;
        out += text[i];
    }
    return out;
}

/// The dock a widget lives in, or the window's main area.
QString placeOf(const QWidget* w)
{
    for (const QWidget* p = w; p; p = p->parentWidget()) {
        if (const auto* dock = qobject_cast<const QDockWidget*>(p))
            return dock->windowTitle().section(QStringLiteral(" — "), 0, 0);
    }
    return tr("Dashboard");
}

QString menuOf(const QAction* action)
{
    for (QObject* o : action->associatedObjects()) {
        if (const auto* menu = qobject_cast<const QMenu*>(o))
            return tr("%1 menu").arg(plain(menu->title()));
    }
    return tr("Window");
}

/// A dialog opened from the window has mnemonics of its own.
bool inDialog(const QWidget* w)
{
    for (const QWidget* p = w; p; p = p->parentWidget()) {
        if (qobject_cast<const QDialog*>(p))
            return true;
    }
    return false;
}

void addMnemonic(QList<KeyboardShortcut>& out, const QString& text, const QString& where)
{
    const QKeySequence keys = QKeySequence::mnemonic(text);
    if (!keys.isEmpty())
        out.push_back({keys, plain(text), where});
}

}  // namespace

QList<KeyboardShortcut> windowMnemonics(const QWidget* window)
{
    QList<KeyboardShortcut> out;
    if (const auto* bar = window->findChild<QMenuBar*>()) {
        for (const QAction* a : bar->actions())
            addMnemonic(out, a->text(), tr("Menu bar"));
    }
    for (const QLabel* label : window->findChildren<QLabel*>()) {
        if (label->buddy() && !inDialog(label))
            addMnemonic(out, label->text(), placeOf(label));
    }
    for (const QAbstractButton* b : window->findChildren<QAbstractButton*>()) {
        if (!inDialog(b))
            addMnemonic(out, b->text(), placeOf(b));
    }
    for (const QGroupBox* g : window->findChildren<QGroupBox*>()) {
        if (!inDialog(g))
            addMnemonic(out, g->title(), placeOf(g));
    }
    return out;
}

QList<KeyboardShortcut> windowShortcuts(const QWidget* window)
{
    QList<KeyboardShortcut> out;
    for (const QAction* a : window->findChildren<QAction*>()) {
        // An action whose text changes (Undo "Leverage 25× → 5×") names itself in whatsThis.
        const QString what = a->whatsThis().isEmpty() ? plain(a->text()) : a->whatsThis();
        for (const QKeySequence& keys : a->shortcuts())
            out.push_back({keys, what, menuOf(a)});
    }
    for (const QShortcut* s : window->findChildren<QShortcut*>()) {
        if (!s->key().isEmpty())
            out.push_back({s->key(), s->whatsThis(), tr("Window")});
    }
    out += windowMnemonics(window);
    return out;
}

QDialog* keyboardShortcutsDialog(QWidget* window)
{
    QList<KeyboardShortcut> all = windowShortcuts(window);
    std::stable_sort(all.begin(), all.end(), [](const KeyboardShortcut& a, const KeyboardShortcut& b) {
        return a.where != b.where ? a.where < b.where : a.keys.toString() < b.keys.toString();
    });
    // Keys the controls take themselves, while they have the focus.
    const QList<std::array<QString, 3>> inControls{
        {tr("Enter, Tab"), tr("Apply the typed number (a refused one stays, marked, with the reason)"), tr("Number fields")},
        {tr("Esc"), tr("Drop the typed number and show the plan's value"), tr("Number fields")},
        {tr("↑ ↓, PgUp PgDn, wheel"), tr("Step the number; each step applies"), tr("Number fields")},
        {tr("← →, PgUp PgDn"), tr("Leverage one step, five steps"), tr("Leverage slider")},
        {tr("← →"), tr("Scroll the chart"), tr("Chart")},
        {tr("+ −"), tr("Zoom the chart"), tr("Chart")},
    };

    auto* dialog = new QDialog(window);
    dialog->setObjectName(QStringLiteral("keyboardShortcuts"));
    dialog->setWindowTitle(tr("Keyboard shortcuts"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setPalette(window->palette());  // a dialog is a window of its own: it takes the theme explicitly
    auto* table = new QTableWidget(static_cast<int>(all.size() + inControls.size()), 3, dialog);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Does"), tr("Where")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    int row = 0;
    auto put = [&](const QString& keys, const QString& does, const QString& where) {
        table->setItem(row, 0, new QTableWidgetItem(keys));
        table->setItem(row, 1, new QTableWidgetItem(does));
        table->setItem(row, 2, new QTableWidgetItem(where));
        ++row;
    };
    for (const auto& s : all)
        put(s.keys.toString(QKeySequence::NativeText), s.action, s.where);
    for (const auto& [keys, does, where] : inControls)
        put(keys, does, where);
    table->setWordWrap(true);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog->resize(760, 620);
    return dialog;
}

void showKeyboardShortcuts(QWidget* window)
{
    QDialog* open = window->findChild<QDialog*>(QStringLiteral("keyboardShortcuts"));
    if (open == nullptr)
        open = keyboardShortcutsDialog(window);
    open->show();
    open->raise();
    open->activateWindow();
}

}  // namespace levlab::ui
