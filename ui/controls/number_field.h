#pragma once

#include <QDoubleSpinBox>

class QLabel;

namespace levlab::ui {

/// The colour of a refused value's frame and reason: readable on the palette's window.
[[nodiscard]] QColor problemColour(const QPalette& palette);
/// A refusal's reason as a sentence shown beside its control: "A long's stop must…".
[[nodiscard]] QString asSentence(QString reason);

/// A number the person types as a whole. Typing changes only the text: the value
/// is committed on Enter, Tab or focus-out, and each arrow, wheel or page step is
/// one commit. A refused value stays as typed, framed in red, with the reason in
/// words in problemLabel(); Esc brings back the model's value. The model's value
/// never overwrites a text being typed or a refused text on show.
class NumberField final : public QDoubleSpinBox {
    Q_OBJECT
    Q_PROPERTY(bool invalid READ isInvalid NOTIFY invalidChanged)
public:
    explicit NumberField(QWidget* parent = nullptr);

    /// The model's current value. Shown at once unless the person is typing, or a
    /// refused text is on show and either the model's value has not changed since
    /// or the market moved it (a stop that follows the mark): a refused text goes
    /// only with Esc, a new commit, or another edit of the same input.
    void showModelValue(double value, bool movedByMarket = false);
    /// The outcome of the last commit: an empty reason accepts it, any other
    /// marks the field invalid and keeps the typed text.
    void setProblem(const QString& reason);
    /// Drops a typed or refused text and shows the model's value (what Esc does).
    void restore();

    [[nodiscard]] bool isInvalid() const { return m_invalid; }
    /// True while the text differs from the value last shown or committed.
    [[nodiscard]] bool isEditing() const;
    [[nodiscard]] double modelValue() const { return m_model; }
    /// The reason a value was refused, one sentence; hidden while the field is valid.
    /// The owner puts it in its layout, under or beside the field.
    [[nodiscard]] QLabel* problemLabel() const { return m_problem; }

signals:
    /// A value to hand to the model. The receiver answers with setProblem().
    void committed(double value);
    void invalidChanged(bool invalid);

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void stepBy(int steps) override;
    void changeEvent(QEvent* event) override;

private:
    void commit(bool force);
    void display(double value);
    void setInvalid(bool invalid);

    QLabel* m_problem = nullptr;
    QString m_shown;                ///< the text last put in the field (model value or committed text)
    double m_model = 0.0;
    double m_modelAtRefusal = 0.0;  ///< a refused text stays until the model's value moves from this
    bool m_invalid = false;
    bool m_committing = false;
    QString m_answer;               ///< what the receiver said during the commit
};

}  // namespace levlab::ui
