#include "ui/lessons/lessons_panel.h"

#include "core/model/lessons/lesson_driver.h"
#include "ui/lessons/option_button.h"

#include <QButtonGroup>
#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

// The check-yourself part of the lessons panel: asking, answering, scores and their reset.

namespace levlab::ui {

void LessonsPanel::askQuestion(int index)
{
    const model::Lesson* l = lesson();
    if (!l || l->questions.empty())
        return;
    m_question = std::clamp(index, 0, static_cast<int>(l->questions.size()) - 1);
    auto asked = model::ask(*l, l->questions[static_cast<std::size_t>(m_question)], ++m_asks);
    if (!asked) {
        emit message(QString::fromStdString(asked.error().message()));
        return;
    }
    m_asked = std::move(asked).value();
    m_actionSetUp = false;
    m_answered = false;
    m_prompt->setText(tr("Question %1 of %2. %3").arg(m_question + 1).arg(l->questions.size()).arg(m_asked->prompt));
    for (QAbstractButton* b : m_options->buttons()) {
        m_options->removeButton(b);
        delete b;
    }
    const bool action = m_asked->kind == model::Question::Kind::Action;
    if (!action) {
        for (std::size_t i = 0; i < m_asked->options.size(); ++i) {
            auto* b = new OptionButton(m_asked->options[i].text, this);
            b->installEventFilter(this);
            m_options->addButton(b, static_cast<int>(i));
            m_optionBox->addWidget(b);
            b->show();  // at once, so it can take focus and clicks before the next event loop turn
        }
    }
    // An action question changes the chart only when the learner asks for it.
    m_answer->setText(action ? tr("Set up my chart") : tr("A&nswer"));
    m_answer->setEnabled(true);
    m_feedback->setText(action ? tr("Set up my chart loads this question's plan on the chart, paused, so you can act on it.")
                               : QString());
    m_progress.setCurrent(l->id, m_question);
    saveProgress();
    refreshSandbox();
}

void LessonsPanel::answer()
{
    if (!m_asked || m_answered)
        return;
    const bool action = m_asked->kind == model::Question::Kind::Action;
    if (action && !m_actionSetUp) {
        if (auto r = m_driver.load(*m_asked)) {
            emit refused(*r);
            return;
        }
        m_actionSetUp = true;
        m_answer->setText(tr("&Check my chart"));
        m_feedback->setText(tr("Your turn: change the plan on the chart as asked, then press Check my chart. The market waits."));
        setOnChart(tr("question %1's plan").arg(m_question + 1));
        return;
    }
    int chosen = m_options->checkedId();
    if (action)
        chosen = m_driver.check(*m_asked) ? m_asked->correct : 1 - m_asked->correct;
    if (chosen < 0) {
        m_feedback->setText(tr("Choose an option first."));
        return;
    }
    const bool right = model::isCorrect(*m_asked, chosen);
    // A question already answered right is practice: the score keeps its first answer.
    const auto before = m_progress.recordOf(m_asked->questionId);
    if (!before || !before->lastCorrect)
        m_progress.record(m_asked->questionId, right);
    m_answered = true;
    // Explanations of right answers open with "Right"; a wrong one is flagged before its explanation.
    const QString& why = m_asked->options[static_cast<std::size_t>(chosen)].explanation;
    QString text = right ? (why.startsWith(QLatin1String("Right")) ? why : tr("Right. ") + why) : tr("Not quite. ") + why;
    if (!right && !action)
        text += QStringLiteral("\n\n") + tr("The answer: %1 — %2")
                                            .arg(m_asked->options[static_cast<std::size_t>(m_asked->correct)].text,
                                                 m_asked->options[static_cast<std::size_t>(m_asked->correct)].explanation);
    std::optional<model::Refusal> refusal = action ? std::nullopt : m_driver.load(*m_asked);
    if (!refusal)
        refusal = m_driver.play();
    if (refusal)
        emit refused(*refusal);
    else
        text += QStringLiteral("\n\n") + tr("Its scenario now plays on the chart. Back to my plan gives your own plan back.");
    m_feedback->setText(text);
    m_answer->setEnabled(false);
    m_next->setFocus();
    setOnChart(tr("question %1's scenario").arg(m_question + 1));
    saveProgress();
    refreshList();
}

void LessonsPanel::nextQuestion()
{
    const model::Lesson* l = lesson();
    if (!l)
        return;
    const auto next = m_progress.next(*l, m_question);
    if (!next) {
        askQuestion((m_question + 1) % static_cast<int>(l->questions.size()));
        m_feedback->setText(tr("Every question of this lesson is answered right; this one is for practice. Pick another lesson, or reset to start over."));
        return;
    }
    askQuestion(*next);
}

void LessonsPanel::resetProgress()
{
    m_confirmBar->show();
    m_keepScores->setFocus();
}

void LessonsPanel::confirmReset()
{
    m_beforeReset = m_progress;
    m_progress.reset();
    m_confirmBar->hide();
    m_undoReset->show();
    m_undoReset->setFocus();
    saveProgress();
    refreshList();
    askQuestion(0);
    m_feedback->setText(tr("Every score is cleared. Undo the reset brings them back until you quit."));
}

void LessonsPanel::undoReset()
{
    if (!m_beforeReset)
        return;
    m_progress = *m_beforeReset;
    m_beforeReset.reset();
    m_undoReset->hide();
    saveProgress();
    refreshList();
    m_feedback->setText(tr("Your scores are back."));
    m_reset->setFocus();
}

void LessonsPanel::saveProgress()
{
    if (m_progressPath.isEmpty())
        return;
    auto r = m_progress.save(m_progressPath);
    if (!r)
        emit message(tr("Quiz progress not saved: %1").arg(QString::fromStdString(r.error().message())));
}

bool LessonsPanel::eventFilter(QObject* watched, QEvent* event)
{
    // Enter on an option answers, once an option is chosen; Up and Down move between options.
    const auto options = m_options->buttons();
    const qsizetype at = options.indexOf(qobject_cast<QAbstractButton*>(watched));
    if (event->type() == QEvent::KeyPress && at >= 0) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down) {
            const qsizetype to = std::clamp(at + (key == Qt::Key_Down ? 1 : -1), qsizetype{0}, options.size() - 1);
            options.at(to)->setFocus(Qt::TabFocusReason);
            return true;
        }
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            if (m_options->checkedButton() && m_answer->isEnabled())
                m_answer->click();
            else if (!m_options->checkedButton())
                m_feedback->setText(tr("Choose an option first (Space or a click), then Enter answers."));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace levlab::ui
