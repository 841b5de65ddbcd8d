#include "ui/lessons/lessons_panel.h"

#include "core/model/feeds/market_feed.h"
#include "core/model/lessons/lesson_driver.h"
#include "ui/lessons/option_button.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace levlab::ui {

namespace {

constexpr int kMinimumWidth = 440;
constexpr int kListHeight = 170;

QString escaped(const QString& s) { return s.toHtmlEscaped().replace(QStringLiteral("\n\n"), QStringLiteral("</p><p>")); }

/// Focus is plain to see on every control, in both themes (colours come from the palette).
const char* const kStyle = R"(
QPushButton { padding: 4px 12px; border: 1px solid palette(mid); border-radius: 4px;
              background: palette(button); color: palette(button-text); }
QPushButton:hover { border-color: palette(highlight); }
QPushButton:focus { border: 2px solid palette(highlight); padding: 3px 11px; }
QPushButton:disabled { color: palette(mid); }
QListWidget:focus, QTextBrowser:focus { border: 2px solid palette(highlight); }
)";

QLabel* wrapping(QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    return l;
}

QPushButton* button(const QString& text, QWidget* parent)
{
    auto* b = new QPushButton(text, parent);
    b->setAutoDefault(true);  // Return on a focused button presses it
    return b;
}

}  // namespace

LessonsPanel::LessonsPanel(const model::LessonLibrary& library, model::LessonDriver& driver, QString progressPath, QWidget* parent)
    : QWidget(parent), m_library(library), m_driver(driver), m_progressPath(std::move(progressPath))
{
    setMinimumWidth(kMinimumWidth);
    setStyleSheet(QLatin1String(kStyle));
    auto* layout = new QVBoxLayout(this);
    m_list = new QListWidget(this);
    m_list->setMaximumHeight(kListHeight);
    m_list->setWordWrap(true);
    m_list->setToolTip(tr("Lessons, with how many questions you answered right, and how many of them at the first try"));
    m_reader = new QTextBrowser(this);
    m_reader->setOpenLinks(false);
    m_reader->setMinimumHeight(160);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_reader);
    // The quiz scrolls rather than squeezing its wrapped text when the dock is short.
    auto* quizScroll = new QScrollArea(this);
    quizScroll->setWidget(buildQuiz());
    quizScroll->setWidgetResizable(true);
    quizScroll->setFrameShape(QFrame::NoFrame);
    quizScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    split->addWidget(quizScroll);
    split->setChildrenCollapsible(false);
    layout->addWidget(m_list);
    layout->addWidget(buildSandboxBar());
    layout->addWidget(split, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, &LessonsPanel::openLesson);
    connect(m_reader, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        const QStringList parts = url.path().split(QLatin1Char(':'));
        if (url.scheme() == QLatin1String("try") && parts.size() == 2)
            tryExample(parts[0].toInt(), parts[1].toInt());
    });
    connect(&m_driver.feed(), &model::MarketFeed::controlsChanged, this, &LessonsPanel::refreshSandbox);

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
    refreshSandbox();
}

QWidget* LessonsPanel::buildSandboxBar()
{
    m_sandboxBar = new QWidget(this);
    auto* row = new QHBoxLayout(m_sandboxBar);
    row->setContentsMargins(0, 0, 0, 0);
    m_sandboxText = wrapping(m_sandboxBar);
    m_play = button(tr("Pla&y"), m_sandboxBar);
    m_play->setToolTip(tr("Play the scenario's market on the chart, or pause it"));
    m_back = button(tr("&Back to my plan"), m_sandboxBar);
    m_back->setToolTip(tr("Leave the lesson's scenario: your own plan, portfolio and market come back as you left them"));
    row->addWidget(m_sandboxText, 1);
    row->addWidget(m_play);
    row->addWidget(m_back);
    connect(m_play, &QPushButton::clicked, this, &LessonsPanel::togglePlay);
    connect(m_back, &QPushButton::clicked, this, &LessonsPanel::leaveLesson);
    return m_sandboxBar;
}

QWidget* LessonsPanel::buildQuiz()
{
    auto* quiz = new QWidget(this);
    auto* q = new QVBoxLayout(quiz);
    q->setContentsMargins(0, 0, 0, 0);
    auto* heading = new QLabel(tr("<b>Check yourself</b>"), quiz);
    m_score = new QLabel(quiz);
    auto* head = new QHBoxLayout;
    head->addWidget(heading);
    head->addStretch();
    head->addWidget(m_score);
    m_prompt = wrapping(quiz);
    m_optionBox = new QVBoxLayout;
    m_optionBox->setSpacing(2);
    m_options = new QButtonGroup(this);
    m_answer = new QPushButton(tr("&Answer"), quiz);
    m_answer->setDefault(true);
    m_answer->setToolTip(tr("Check the chosen option (Enter); then its scenario plays on the chart"));
    m_next = button(tr("&Next question"), quiz);
    m_reset = button(tr("Reset progress…"), quiz);
    m_reset->setToolTip(tr("Clear every score, after asking; it can be undone until you quit"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_answer);
    buttons->addWidget(m_next);
    buttons->addStretch();
    buttons->addWidget(m_reset);

    m_confirmBar = new QWidget(quiz);
    auto* confirm = new QHBoxLayout(m_confirmBar);
    confirm->setContentsMargins(0, 0, 0, 0);
    auto* ask = wrapping(m_confirmBar);
    ask->setText(tr("Clear the scores of every lesson?"));
    m_confirmReset = button(tr("Clear scores"), m_confirmBar);
    m_keepScores = button(tr("Keep them"), m_confirmBar);
    confirm->addWidget(ask, 1);
    confirm->addWidget(m_confirmReset);
    confirm->addWidget(m_keepScores);
    m_confirmBar->hide();
    m_undoReset = button(tr("Undo the reset"), quiz);
    m_undoReset->hide();

    m_feedback = wrapping(quiz);
    q->addLayout(head);
    q->addWidget(m_prompt);
    q->addLayout(m_optionBox);
    q->addLayout(buttons);
    q->addWidget(m_confirmBar);
    q->addWidget(m_undoReset, 0, Qt::AlignRight);
    q->addWidget(m_feedback);
    q->addStretch();

    connect(m_answer, &QPushButton::clicked, this, &LessonsPanel::answer);
    connect(m_next, &QPushButton::clicked, this, &LessonsPanel::nextQuestion);
    connect(m_reset, &QPushButton::clicked, this, &LessonsPanel::resetProgress);
    connect(m_confirmReset, &QPushButton::clicked, this, &LessonsPanel::confirmReset);
    connect(m_keepScores, &QPushButton::clicked, this, [this] {
        m_confirmBar->hide();
        m_reset->setFocus();
    });
    connect(m_undoReset, &QPushButton::clicked, this, &LessonsPanel::undoReset);
    return quiz;
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
        const model::LessonScore s = model::scoreOf(m_progress, all[i]);
        const QString text = tr("%1. %2 — %3 of %4 right, %5 at the first try")
                                 .arg(i + 1)
                                 .arg(all[i].title)
                                 .arg(s.eventually)
                                 .arg(s.total)
                                 .arg(s.firstTry);
        if (static_cast<int>(i) < m_list->count())
            m_list->item(static_cast<int>(i))->setText(text);
        else
            m_list->addItem(text);
    }
    if (const model::Lesson* l = lesson()) {
        const model::LessonScore s = model::scoreOf(m_progress, *l);
        m_score->setText(tr("Right: %1 of %2 · first try: %3").arg(s.eventually).arg(s.total).arg(s.firstTry));
    }
}

void LessonsPanel::refreshSandbox()
{
    const bool in = m_driver.inLesson();
    m_sandboxBar->setVisible(in);
    const bool waiting = m_actionSetUp && !m_answered;
    m_play->setEnabled(in && !waiting);
    m_play->setText(m_driver.playing() ? tr("Pa&use") : tr("Pla&y"));
    if (!in)
        return;
    const QString state = waiting            ? tr("The market waits until you press Check my chart.")
                          : m_driver.playing() ? tr("Playing.")
                                               : tr("Paused: press Play to run the market.");
    m_sandboxText->setText(tr("On the chart: %1. %2 Your own plan, portfolio and market are kept aside.").arg(m_onChart, state));
}

void LessonsPanel::setOnChart(const QString& what)
{
    m_onChart = what;
    refreshSandbox();
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

void LessonsPanel::tryExample(int section, int example)
{
    const model::Lesson* l = lesson();
    if (!l || section < 0 || example < 0 || section >= static_cast<int>(l->sections.size()))
        return;
    const auto& examples = l->sections[static_cast<std::size_t>(section)].examples;
    if (example >= static_cast<int>(examples.size()))
        return;
    const model::LessonExample& e = examples[static_cast<std::size_t>(example)];
    if (auto r = m_driver.tryExample(e))
        emit refused(*r);
    else
        emit message(tr("Loaded: %1. Back to my plan gives your own plan back.").arg(e.label));
    setOnChart(tr("the example \u201c%1\u201d").arg(e.label));
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
    m_answer->setText(action ? tr("Set up my chart") : tr("&Answer"));
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

void LessonsPanel::togglePlay()
{
    if (!m_driver.inLesson())
        return;
    if (m_driver.playing()) {
        m_driver.pause();
    } else if (auto r = m_driver.play()) {
        emit refused(*r);
    }
    refreshSandbox();
}

void LessonsPanel::leaveLesson()
{
    if (!m_driver.inLesson())
        return;
    m_driver.leave();
    m_actionSetUp = false;
    if (m_asked && m_asked->kind == model::Question::Kind::Action && !m_answered)
        m_answer->setText(tr("Set up my chart"));
    m_onChart.clear();
    refreshSandbox();
    emit message(tr("Your own plan, portfolio and market are back as you left them."));
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

void LessonsPanel::changeEvent(QEvent* event)
{
    // The style sheet takes its colours from the palette: a theme change applies them again.
    if (event->type() == QEvent::PaletteChange && !m_restyling) {
        m_restyling = true;
        setStyleSheet(QString());
        setStyleSheet(QLatin1String(kStyle));
        m_restyling = false;
    }
    QWidget::changeEvent(event);
}

}  // namespace levlab::ui
