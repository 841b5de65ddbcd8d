#pragma once

#include <QObject>

class QWidget;

namespace levlab::ui {

/// A wheel turned over a choice one is not working in scrolls the panel under it;
/// it does not change the venue, the symbol or a rule under the pointer. The choices
/// (combo boxes) inside `panel` take the keyboard focus by click or Tab only.
/// (NumberField does the same for typed numbers.)
class WheelGuard final : public QObject {
    Q_OBJECT
public:
    /// Guards every combo box inside `panel` now; the guard belongs to `panel`.
    static void install(QWidget* panel);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    using QObject::QObject;
};

}  // namespace levlab::ui
