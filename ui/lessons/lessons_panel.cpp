#include "ui/lessons/lessons_panel.h"

#include "core/model/lessons/lesson_driver.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace levlab::ui {

namespace {

constexpr int kMinimumWidth = 440;

QString escaped(const QString& s) { return s.toHtmlEscaped().replace(QStringLiteral("\n\n"), QStringLiteral("</p><p>")); }

}  // namespace

LessonsPanel::LessonsPanel(const model::LessonLibrary& library, model::LessonDriver& driver, QString progressPath, QWidget* parent)
    : QWidget(parent), m_library(library), m_driver(driver), m_progressPath(std::move(progressPath))
{
    setMinimumWidth(kMinimumWidth);
    auto* layout = new QVBoxLayout(this);
    m_list = new QListWidget(this);
    m_list->setMaximumHeight(130);
    m_list->setToolTip(tr("Lessons, with your score in each"));
    m_reader = new QTextBrowser(this);
    m_reader->setOpenLinks(false);
    m_reader->setMinimumHeight(160);

    auto* quiz = new QWidget(this);
    auto* q = new QVBoxLayout(quiz);
    q->setContentsMargins(0, 0, 0, 0);
    auto* heading = new QLabel(tr("<b>Check yourself</b>"), quiz);
    m_score = new QLabel(quiz);
    auto* head = new QHBoxLayout;
    head->addWidget(heading);
    head->addStretch();
    head->addWidget(m_score);
    m_prompt = new QLabel(quiz);
    m_prompt->setWordWrap(true);
    m_prompt->setTextFormat(Qt::PlainText);
    m_optionBox = new QVBoxLayout;
    m_options = new QButtonGroup(this);
    m_answer = new QPushButton(tr("A&nswer"), quiz);
    m_answer->setDefault(true);
    m_answer->setToolTip(tr("Check the chosen option; then its scenario plays on the chart"));
    m_next = new QPushButton(tr("Ne&xt question"), quiz);
    auto* reset = new QPushButton(tr("Reset progress"), quiz);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_answer);
    buttons->addWidget(m_next);
    buttons->addStretch();
    buttons->addWidget(reset);
    m_feedback = new QLabel(quiz);
    m_feedback->setWordWrap(true);
    m_feedback->setTextFormat(Qt::PlainText);
    q->addLayout(head);
    q->addWidget(m_prompt);
    q->addLayout(m_optionBox);
    q->addLayout(buttons);
    q->addWidget(m_feedback);
    q->addStretch();

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_reader);
    split->addWidget(quiz);
    layout->addWidget(m_list);
    layout->addWidget(split, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, &LessonsPanel::openLesson);
    connect(m_reader, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        const QStringList parts = url.path().split(QLatin1Char(':'));
        const model::Lesson* l = lesson();
        if (!l || url.scheme() != QLatin1String("try") || parts.size() != 2)
            return;
        const auto s = static_cast<std::size_t>(parts[0].toInt());
        const auto e = static_cast<std::size_t>(parts[1].toInt());
        if (s < l->sections.size() && e < l->sections[s].examples.size()) {
            if (auto r = m_driver.tryExample(l->sections[s].examples[e].inputs))
                emit refused(*r);
            else
                emit message(tr("Loaded: %1").arg(l->sections[s].examples[e].label));
        }
    });
    connect(m_answer, &QPushButton::clicked, this, &LessonsPanel::answer);
    connect(m_next, &QPushButton::clicked, this, &LessonsPanel::nextQuestion);
    connect(reset, &QPushButton::clicked, this, &LessonsPanel::resetProgress);

    auto loaded = model::QuizProgress::load(m_progressPath);
    if (loaded)
        m_progress = std::move(loaded).value();
    else
        emit message(tr("Quiz progress could not be read (%1); starting afresh.").arg(QString::fromStdString(loaded.error().message())));
    m_asks = static_cast<std::uint64_t>(QDateTime::currentMSecsSinceEpoch());
    refreshList();
    int start = 0;
    for (std::size_t i = 0; i < m_library.lessons().size(); ++i) {
        if (m_library.lessons()[i].id == m_progress.currentLesson())
            start = static_cast<int>(i);
    }
    m_list->setCurrentRow(start);
}

const model::Lesson* LessonsPanel::lesson() const
{
    const auto& all = m_library.lessons();
    return m_lesson >= 0 && m_lesson < static_cast<int>(all.size()) ? &all[static_cast<std::size_t>(m_lesson)] : nullptr;
}

void LessonsPanel::refreshList()
{
    const auto& all = m_library.lessons();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const QString text = tr("%1. %2   (%3/%4)")
                                 .arg(i + 1)
                                 .arg(all[i].title)
                                 .arg(m_progress.score(all[i]))
                                 .arg(all[i].questions.size());
        if (static_cast<int>(i) < m_list->count())
            m_list->item(static_cast<int>(i))->setText(text);
        else
            m_list->addItem(text);
    }
    if (const model::Lesson* l = lesson())
        m_score->setText(tr("%1 of %2 right").arg(m_progress.score(*l)).arg(l->questions.size()));
}

void LessonsPanel::openLesson(int index)
{
    if (index < 0 || index >= static_cast<int>(m_library.lessons().size()))
        return;
    m_lesson = index;
    showLesson();
    const model::Lesson* l = lesson();
    const bool resuming = l->id == m_progress.currentLesson();
    const auto next = resuming ? std::optional(m_progress.currentQuestion()) : m_progress.next(*l);
    askQuestion(next.value_or(0));
    refreshList();
}

void LessonsPanel::showLesson()
{
    const model::Lesson* l = lesson();
    QString html = QStringLiteral("<h2>%1</h2>").arg(l->title.toHtmlEscaped());
    for (std::size_t s = 0; s < l->sections.size(); ++s) {
        const auto& section = l->sections[s];
        html += QStringLiteral("<h3>%1</h3><p>%2</p>").arg(section.heading.toHtmlEscaped(), escaped(section.body));
        for (std::size_t e = 0; e < section.examples.size(); ++e) {
            html += QStringLiteral("<p>▶ <a href=\"try:%1:%2\"><b>Try it: %3</b></a> — %4</p>")
                        .arg(s)
                        .arg(e)
                        .arg(section.examples[e].label.toHtmlEscaped(), section.examples[e].explain.toHtmlEscaped());
        }
    }
    m_reader->setHtml(html);
}

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
    m_prompt->setText(tr("Question %1 of %2. %3").arg(m_question + 1).arg(l->questions.size()).arg(m_asked->prompt));
    for (QAbstractButton* b : m_options->buttons()) {
        m_options->removeButton(b);
        delete b;
    }
    const bool action = m_asked->kind == model::Question::Kind::Action;
    if (action) {
        // Set the chart up first; the learner acts on it, then checks.
        if (auto r = m_driver.play(*m_asked))
            emit refused(*r);
    } else {
        for (std::size_t i = 0; i < m_asked->options.size(); ++i) {
            auto* b = new QRadioButton(m_asked->options[i].text, this);
            b->setToolTip(m_asked->options[i].text);
            m_options->addButton(b, static_cast<int>(i));
            m_optionBox->addWidget(b);
        }
    }
    m_answer->setText(action ? tr("&Check my chart") : tr("A&nswer"));
    m_answer->setEnabled(true);
    m_feedback->clear();
    m_progress.setCurrent(l->id, m_question);
    saveProgress();
}

void LessonsPanel::answer()
{
    if (!m_asked)
        return;
    const model::Lesson* l = lesson();
    const bool action = m_asked->kind == model::Question::Kind::Action;
    int chosen = m_options->checkedId();
    if (action)
        chosen = m_driver.check(*m_asked) ? m_asked->correct : 1 - m_asked->correct;
    if (chosen < 0) {
        m_feedback->setText(tr("Choose an option first."));
        return;
    }
    const bool right = model::isCorrect(*m_asked, chosen);
    m_progress.record(m_asked->questionId, right);
    // Explanations of right answers open with "Right"; a wrong one is flagged before its explanation.
    const QString& why = m_asked->options[static_cast<std::size_t>(chosen)].explanation;
    QString text = right ? (why.startsWith(QLatin1String("Right")) ? why : tr("Right. ") + why) : tr("Not quite. ") + why;
    if (!right && !action)
        text += QStringLiteral("\n\n") + tr("The answer: %1 — %2")
                                            .arg(m_asked->options[static_cast<std::size_t>(m_asked->correct)].text,
                                                 m_asked->options[static_cast<std::size_t>(m_asked->correct)].explanation);
    if (!action)
        text += QStringLiteral("\n\n") + tr("Its scenario now plays on the chart.");
    m_feedback->setText(text);
    m_answer->setEnabled(action && !right);
    if (!action) {
        if (auto r = m_driver.play(*m_asked))
            emit refused(*r);
    }
    saveProgress();
    refreshList();
    Q_UNUSED(l)
}

void LessonsPanel::nextQuestion()
{
    const model::Lesson* l = lesson();
    if (!l)
        return;
    const auto next = m_progress.next(*l, m_question);
    if (!next) {
        m_feedback->setText(tr("Every question of this lesson is answered right. Pick another lesson, or reset to start over."));
        askQuestion((m_question + 1) % static_cast<int>(l->questions.size()));
        return;
    }
    askQuestion(*next);
}

void LessonsPanel::resetProgress()
{
    m_progress.reset();
    saveProgress();
    refreshList();
    askQuestion(0);
}

void LessonsPanel::saveProgress()
{
    if (m_progressPath.isEmpty())
        return;
    auto r = m_progress.save(m_progressPath);
    if (!r)
        emit message(tr("Quiz progress not saved: %1").arg(QString::fromStdString(r.error().message())));
}

}  // namespace levlab::ui
