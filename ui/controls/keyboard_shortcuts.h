#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>

class QDialog;
class QWidget;

namespace levlab::ui {

/// One key of the window and what it does.
struct KeyboardShortcut final {
    QKeySequence keys;
    QString action;  ///< as on screen, without the mnemonic's '&'
    QString where;   ///< the menu, dock or panel it belongs to
};

/// The Alt+letter mnemonics of a window, read from its widgets: menu-bar titles,
/// labels with a buddy, buttons, check boxes and group boxes.
[[nodiscard]] QList<KeyboardShortcut> windowMnemonics(const QWidget* window);
/// Every shortcut of a window: its actions' shortcuts (menus included), its
/// QShortcuts (described by their whatsThis) and its mnemonics.
[[nodiscard]] QList<KeyboardShortcut> windowShortcuts(const QWidget* window);
/// Help › Keyboard shortcuts: a table built from windowShortcuts(), plus the keys
/// the controls themselves take (number fields, slider, chart).
[[nodiscard]] QDialog* keyboardShortcutsDialog(QWidget* window);
/// Shows the window's shortcuts dialog, raising it if it is open already.
void showKeyboardShortcuts(QWidget* window);

}  // namespace levlab::ui
