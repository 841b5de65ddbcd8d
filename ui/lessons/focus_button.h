#pragma once

#include <QPushButton>

namespace levlab::ui {

/// A push button whose keyboard focus is plain to see in both themes (a ring in
/// the palette's highlight colour), and which Return presses when it has focus.
class FocusButton final : public QPushButton {
    Q_OBJECT
public:
    explicit FocusButton(const QString& text, QWidget* parent = nullptr);

protected:
    void paintEvent(QPaintEvent* event) override;
};

}  // namespace levlab::ui
