#pragma once

#include <QRadioButton>

namespace levlab::ui {

/// A quiz option: a radio button whose text wraps at word boundaries instead of
/// being cut, that takes focus when clicked and shows it plainly.
class OptionButton final : public QRadioButton {
    Q_OBJECT
public:
    explicit OptionButton(const QString& text, QWidget* parent = nullptr);

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;
    [[nodiscard]] bool hasHeightForWidth() const override { return true; }
    [[nodiscard]] int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    [[nodiscard]] bool hitButton(const QPoint& pos) const override { return rect().contains(pos); }

private:
    [[nodiscard]] int textLeft() const;
    [[nodiscard]] QRect textRect(int width) const;
};

}  // namespace levlab::ui
