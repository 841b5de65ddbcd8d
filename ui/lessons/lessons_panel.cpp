#include "ui/lessons/lessons_panel.h"

#include "core/model/feeds/market_feed.h"
#include "core/model/lessons/lesson_driver.h"
#include "ui/lessons/focus_button.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QResizeEvent>
#include <QScrollBar>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTextBrowser>
#include <QUrl>
#include <QTimer>
#include <QVBoxLayout>

namespace levlab::ui {

namespace {

constexpr int kMinimumWidth = 440;
constexpr int kListMaxHeight = 200;

QString escaped(const QString& s) { return s.toHtmlEscaped().replace(QStringLiteral("\n\n"), QStringLiteral("</p><p>")); }


QLabel* wrapping(QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    return l;
}

QPushButton* button(const QString& text, QWidget* parent) { return new FocusButton(text, parent); }

}  // namespace

LessonsPanel::LessonsPanel(const model::LessonLibrary& library, model::LessonDriver& driver, QString progressPath, QWidget* parent)
    : QWidget(parent), m_library(library), m_driver(driver), m_progressPath(std::move(progressPath))
{
    setMinimumWidth(kMinimumWidth);
    auto* layout = new QVBoxLayout(this);
    m_list = new QListWidget(this);
    m_list->setWordWrap(true);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setToolTip(tr("Lessons, with how many questions you answered right, and how many of them at the first try"));
    m_reader = new QTextBrowser(this);
    m_reader->setOpenLinks(false);
    m_reader->setMinimumHeight(100);
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
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
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
    QString unreadable;
    if (loaded)
        m_progress = std::move(loaded).value();
    else
        unreadable = tr("Your quiz progress could not be read, so the quiz starts afresh: %1")
                         .arg(QString::fromStdString(loaded.error().reason));
    if (!unreadable.isEmpty()) {
        // Said in the panel itself, and to the window once it listens (after construction).
        m_unreadable = new QLabel(unreadable, this);
        m_unreadable->setWordWrap(true);
        m_unreadable->setObjectName(QStringLiteral("progressUnreadable"));
        QWidget::layout()->addWidget(m_unreadable);
        QTimer::singleShot(0, this, [this, unreadable] { emit message(unreadable); });
    }
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
    m_sandboxText->setToolTip(tr("Your own plan, portfolio and market are kept aside; Back to my plan brings them back exactly"));
    m_play = button(tr("Play"), m_sandboxBar);
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
    // Every row of the quiz fits the narrowest dock: texts wrap, buttons take two rows.
    m_score = wrapping(quiz);
    auto* head = new QVBoxLayout;
    head->addWidget(heading);
    head->addWidget(m_score);
    m_prompt = wrapping(quiz);
    m_optionBox = new QVBoxLayout;
    m_optionBox->setSpacing(2);
    m_options = new QButtonGroup(this);
    m_answer = new FocusButton(tr("A&nswer"), quiz);
    m_answer->setDefault(true);
    m_answer->setToolTip(tr("Check the chosen option (Enter); then its scenario plays on the chart"));
    m_next = button(tr("Ne&xt question"), quiz);
    m_reset = button(tr("Reset progress…"), quiz);
    m_reset->setToolTip(tr("Clear every score, after asking; it can be undone until you quit"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_answer);
    buttons->addWidget(m_next);
    buttons->addStretch();

    m_confirmBar = new QWidget(quiz);
    auto* confirm = new QVBoxLayout(m_confirmBar);
    confirm->setContentsMargins(0, 0, 0, 0);
    auto* ask = wrapping(m_confirmBar);
    ask->setText(tr("Clear the scores of every lesson?"));
    m_confirmReset = button(tr("Clear scores"), m_confirmBar);
    m_keepScores = button(tr("Keep them"), m_confirmBar);
    auto* choices = new QHBoxLayout;
    choices->addWidget(m_confirmReset);
    choices->addWidget(m_keepScores);
    choices->addStretch();
    confirm->addWidget(ask);
    confirm->addLayout(choices);
    m_confirmBar->hide();
    m_undoReset = button(tr("Undo the reset"), quiz);
    m_undoReset->hide();

    m_feedback = wrapping(quiz);
    q->addLayout(head);
    q->addWidget(m_prompt);
    q->addLayout(m_optionBox);
    q->addLayout(buttons);
    q->addWidget(m_reset, 0, Qt::AlignRight);
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
        const QString text = tr("%1. %2 — %3 of %4 right, %5 at first try")
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
    fitList();
    if (const model::Lesson* l = lesson()) {
        const model::LessonScore s = model::scoreOf(m_progress, *l);
        m_score->setText(tr("Right: %1 of %2 · first try: %3").arg(s.eventually).arg(s.total).arg(s.firstTry));
    }
}

void LessonsPanel::fitList()
{
    // As tall as its (wrapped) items, so every lesson and score is read without scrolling.
    constexpr int kSlack = 6;     // the view's margins, so the first row is never scrolled half away
    constexpr int kItemPad = 2;   // the item delegate's margins around its text
    const int width = m_list->width() - 2 * m_list->frameWidth() - 4 * kItemPad;
    int h = 2 * m_list->frameWidth() + kSlack;
    for (int i = 0; i < m_list->count(); ++i)
        h += m_list->fontMetrics().boundingRect(QRect(0, 0, std::max(width, 1), 10000), Qt::TextWordWrap, m_list->item(i)->text()).height()
             + kItemPad;
    m_list->setFixedHeight(std::min(h, kListMaxHeight));
}

void LessonsPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitList();
}

void LessonsPanel::refreshSandbox()
{
    const bool in = m_driver.inLesson();
    m_sandboxBar->setVisible(in);
    const bool waiting = m_actionSetUp && !m_answered;
    m_play->setEnabled(in && !waiting);
    m_play->setText(m_driver.playing() ? tr("Pause") : tr("Play"));
    if (!in)
        return;
    const QString state = waiting            ? tr("waiting for you to act")
                          : m_driver.playing() ? tr("playing")
                                               : tr("paused");
    m_sandboxText->setText(tr("On the chart: %1, %2. Your own work is kept aside.").arg(m_onChart, state));
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
    // The theme's link colour (the text's own default is the application's, not the theme's).
    const QString link = m_reader->palette().color(QPalette::Link).name();
    for (std::size_t s = 0; s < l->sections.size(); ++s) {
        const auto& section = l->sections[s];
        html += QStringLiteral("<h3>%1</h3><p>%2</p>").arg(section.heading.toHtmlEscaped(), escaped(section.body));
        for (std::size_t e = 0; e < section.examples.size(); ++e) {
            html += QStringLiteral("<p>▶ <a href=\"try:%1:%2\" style=\"color:%5\"><b>Try it: %3</b></a> — %4</p>")
                        .arg(s)
                        .arg(e)
                        .arg(section.examples[e].label.toHtmlEscaped(), section.examples[e].explain.toHtmlEscaped(), link);
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

void LessonsPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // Links take their colour when the text is laid out: a theme change lays it out again.
    if (event->type() == QEvent::PaletteChange && lesson()) {
        const int at = m_reader->verticalScrollBar()->value();
        showLesson();
        m_reader->verticalScrollBar()->setValue(at);
    }
}

}  // namespace levlab::ui
