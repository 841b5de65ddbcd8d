// The lessons panel through the real window: every question answered with keyboard
// and mouse, action questions that wait, the learner's own work given back exactly.

#include "app/gui/dashboard.h"
#include "tests/ui/dashboard_fixture.h"
#include "core/model/lessons/quiz_progress.h"
#include "ui/controls/leverage_control.h"
#include "ui/lessons/lessons_panel.h"
#include "ui/lessons/option_button.h"
#include "ui/risk/risk_panel.h"

#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QButtonGroup>
#include <QDir>
#include <QDockWidget>
#include <QSlider>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

namespace levlab {
namespace {

/// The learner's own work as it can be compared.
struct Work final {
    model::PlanInputs inputs;
    model::TradeState state;
    std::size_t events;
    std::size_t log;
    engine::Venue venue;
    double wallet;
    std::vector<model::Holding> holdings;
    std::size_t portfolioEvents;
    double shock;
    model::MarketState market;
    double speed;
    bool operator==(const Work&) const = default;
};

class LessonsPanelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        dash = test::openDashboard(dir, QSize(1366, 768), 600);
        ASSERT_TRUE(dash->window->isVisible() && QTest::qWaitForWindowExposed(dash->window.get()));
        ASSERT_TRUE(QTest::qWaitForWindowActive(dash->window.get()));
        panel = dash->lessonsPanel;
    }

    Work work() const
    {
        const auto& p = dash->portfolio;
        return {dash->model.inputs(), dash->model.tradeState(), dash->model.events().size(), dash->model.tradeLog().size(),
                p.venue(),            p.wallet(),               p.holdings(),                p.events().size(),
                p.shock(),            dash->feed.state(),       dash->feed.speed()};
    }

    /// The learner's own: an open trade, the shipped portfolio, a market at 10×.
    Work makeOwnWork()
    {
        EXPECT_FALSE(dash->model.setLeverage(7).has_value());
        EXPECT_FALSE(dash->model.openAtMarket().has_value());
        dash->feed.setSpeed(10);
        return work();
    }

    void openLesson(int row)
    {
        const QRect r = panel->lessonList()->visualItemRect(panel->lessonList()->item(row));
        QTest::mouseClick(panel->lessonList()->viewport(), Qt::LeftButton, {}, r.center());
        ASSERT_EQ(panel->lessonList()->currentRow(), row);
    }

    ui::OptionButton* option(int i) const { return static_cast<ui::OptionButton*>(panel->options()->button(i)); }

    /// Chooses option `i` with the mouse (which also focuses it) and answers with Enter.
    void answerByMouse(int i)
    {
        ui::OptionButton* b = option(i);
        QTest::mouseClick(b, Qt::LeftButton, {}, QPoint(b->width() / 2, b->height() / 2));
        ASSERT_TRUE(b->isChecked());
        ASSERT_TRUE(b->hasFocus()) << "clicking an option focuses it";
        QTest::keyClick(b, Qt::Key_Return);
    }

    /// Chooses option `i` with the keyboard: Tab to the options, arrows, Space, then Enter.
    void answerByKeyboard(int i)
    {
        option(0)->setFocus();
        for (int k = 0; k < i; ++k)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
        ASSERT_EQ(QApplication::focusWidget(), option(i));
        QTest::keyClick(option(i), Qt::Key_Space);
        ASSERT_TRUE(option(i)->isChecked());
        QTest::keyClick(option(i), Qt::Key_Return);
    }

    /// Return on the focused "Next question".
    void next()
    {
        ASSERT_TRUE(panel->nextButton()->hasFocus()) << "after an answer, focus waits on Next question";
        QTest::keyClick(panel->nextButton(), Qt::Key_Return);
    }

    QTemporaryDir dir;
    std::unique_ptr<app::Dashboard> dash;
    ui::LessonsPanel* panel = nullptr;
};

/// Does the action on the chart that the question asks for, through the real controls.
void act(app::Dashboard& dash, const model::AskedQuestion& asked)
{
    if (asked.action.value(QStringLiteral("type")).toString() == QLatin1String("survive_move")) {
        // From 40x down to 10x: six pages of 5x on the leverage slider.
        QSlider* slider = dash.window->leverage()->slider();
        slider->setFocus();
        for (int i = 0; i < 6; ++i)
            QTest::keyClick(slider, Qt::Key_PageDown);
        ASSERT_DOUBLE_EQ(dash.model.inputs().leverage, 10.0);
    } else {
        QPushButton* fix = dash.window->risk()->moveStopButton();
        ASSERT_TRUE(fix->isVisible()) << "the scenario starts with the stop beyond liquidation";
        QTest::mouseClick(fix, Qt::LeftButton);
    }
}

TEST_F(LessonsPanelTest, EveryQuestionAnsweredWithKeyboardAndMouseAndTheLearnersWorkComesBack)
{
    const Work mine = makeOwnWork();
    ASSERT_EQ(mine.state, model::TradeState::Open);
    const auto& lessons = dash->lessons.lessons();
    for (int row = 0; row < static_cast<int>(lessons.size()); ++row) {
        SCOPED_TRACE(lessons[static_cast<std::size_t>(row)].id.toStdString());
        openLesson(row);
        const int count = static_cast<int>(lessons[static_cast<std::size_t>(row)].questions.size());
        std::vector<QString> seen;
        // Each question once in order, the first answered wrong; then the missed one comes back.
        for (int k = 0; k <= count; ++k) {
            ASSERT_TRUE(panel->asked().has_value());
            const model::AskedQuestion a = *panel->asked();
            seen.push_back(a.questionId);
            const bool wrong = k == 0;
            if (a.kind == model::Question::Kind::Action) {
                const qint64 before = dash->feed.lastTick().timeMs;
                QTest::mouseClick(panel->answerButton(), Qt::LeftButton);  // Set up my chart
                EXPECT_EQ(panel->answerButton()->text(), QStringLiteral("&Check my chart"));
                EXPECT_DOUBLE_EQ(dash->feed.speed(), 0.0);
                EXPECT_FALSE(panel->playButton()->isEnabled()) << "nothing plays before the learner has acted";
                QTest::qWait(150);
                EXPECT_EQ(dash->feed.lastTick().timeMs, before) << "the market waits for the learner";
                if (!wrong)
                    act(*dash, a);
                panel->answerButton()->setFocus();
                QTest::keyClick(panel->answerButton(), Qt::Key_Return);
                EXPECT_GT(dash->feed.speed(), 0.0) << "checked, the scenario plays";
                panel->nextButton()->setFocus();
            } else if (k % 2 == 0) {
                answerByMouse(wrong ? (a.correct + 1) % static_cast<int>(a.options.size()) : a.correct);
            } else {
                answerByKeyboard(a.correct);
            }
            const QString feedback = panel->feedback()->text();
            EXPECT_TRUE(feedback.startsWith(wrong ? QStringLiteral("Not quite.") : QStringLiteral("Right"))) << feedback.toStdString();
            if (wrong && a.kind != model::Question::Kind::Action) {
                EXPECT_TRUE(feedback.contains(QStringLiteral("The answer: ") + a.options[static_cast<std::size_t>(a.correct)].text));
            }
            EXPECT_TRUE(panel->sandboxBar()->isVisible());
            dash->feed.setSpeed(0);
            if (k < count)
                next();
        }
        EXPECT_EQ(seen.front(), seen.back()) << "the missed question comes back last";
        const QString item = panel->lessonList()->item(row)->text();
        EXPECT_TRUE(item.contains(QStringLiteral("%1 of %1 right, %2 at first try").arg(count).arg(count - 1))) << item.toStdString();
        EXPECT_EQ(panel->score()->text(), QStringLiteral("Right: %1 of %1 · first try: %2").arg(count).arg(count - 1));
    }
    // Back to my plan, by mouse: everything as it was.
    QTest::mouseClick(panel->backButton(), Qt::LeftButton);
    EXPECT_FALSE(panel->sandboxBar()->isVisible());
    const Work back = work();
    EXPECT_EQ(back.inputs, mine.inputs);
    EXPECT_EQ(back.state, model::TradeState::Open);
    EXPECT_EQ(back.holdings, mine.holdings);
    EXPECT_EQ(back.market, mine.market);
    EXPECT_DOUBLE_EQ(back.speed, 10.0);
    EXPECT_TRUE(back == mine);
}

TEST_F(LessonsPanelTest, AnActionLeftUndoneFailsWithItsExplanationAndThenPlays)
{
    int actions = 0;
    const auto& lessons = dash->lessons.lessons();
    for (int row = 0; row < static_cast<int>(lessons.size()); ++row) {
        const auto& questions = lessons[static_cast<std::size_t>(row)].questions;
        for (int q = 0; q < static_cast<int>(questions.size()); ++q) {
            if (questions[static_cast<std::size_t>(q)].kind != model::Question::Kind::Action)
                continue;
            SCOPED_TRACE(questions[static_cast<std::size_t>(q)].id.toStdString());
            ++actions;
            openLesson(row);
            panel->askQuestion(q);
            EXPECT_FALSE(panel->sandboxBar()->isVisible()) << "asking alone changes nothing on the chart";
            QTest::mouseClick(panel->answerButton(), Qt::LeftButton);  // Set up my chart
            const qint64 loaded = dash->feed.lastTick().timeMs;
            EXPECT_DOUBLE_EQ(dash->feed.state().mark, 40000.0);
            QTest::qWait(150);
            EXPECT_EQ(dash->feed.lastTick().timeMs, loaded) << "the market waits";
            QTest::mouseClick(panel->answerButton(), Qt::LeftButton);  // Check my chart, nothing done
            const model::AskedQuestion& a = *panel->asked();
            EXPECT_EQ(panel->feedback()->text().section(QStringLiteral("\n\n"), 0, 0),
                      QStringLiteral("Not quite. ") + a.options[static_cast<std::size_t>(1 - a.correct)].explanation);
            EXPECT_FALSE(panel->answerButton()->isEnabled());
            QTest::qWait(200);
            EXPECT_GT(dash->feed.lastTick().timeMs, loaded) << "then the scenario plays, so the learner sees why";
            // Pause and play from the sandbox bar, by keyboard.
            panel->playButton()->setFocus();
            QTest::keyClick(panel->playButton(), Qt::Key_Return);
            EXPECT_DOUBLE_EQ(dash->feed.speed(), 0.0);
            QTest::keyClick(panel->playButton(), Qt::Key_Return);
            EXPECT_GT(dash->feed.speed(), 0.0);
            QTest::keyClick(panel->playButton(), Qt::Key_Return);
            panel->leaveLesson();
        }
    }
    EXPECT_EQ(actions, 2);
}

TEST_F(LessonsPanelTest, TryItByKeyboardAndClosingTheDockGivesTheWorkBack)
{
    const Work mine = makeOwnWork();
    openLesson(0);
    // Tab to the first "Try it" link and press Return.
    panel->reader()->setFocus();
    QTest::keyClick(panel->reader(), Qt::Key_Tab);
    QTest::keyClick(panel->reader(), Qt::Key_Return);
    ASSERT_TRUE(panel->sandboxBar()->isVisible());
    EXPECT_DOUBLE_EQ(dash->model.inputs().size, 0.5);
    EXPECT_DOUBLE_EQ(dash->model.snapshot().notional, 20000.0);
    EXPECT_DOUBLE_EQ(dash->model.snapshot().position.initialMargin, 2000.0);
    EXPECT_DOUBLE_EQ(dash->feed.speed(), 0.0);
    EXPECT_TRUE(dash->portfolio.holdings().empty());
    auto* dock = qobject_cast<QDockWidget*>(panel->parentWidget());
    ASSERT_NE(dock, nullptr);
    dock->close();
    EXPECT_TRUE(work() == mine);
    EXPECT_EQ(dash->model.tradeState(), model::TradeState::Open);
}

TEST_F(LessonsPanelTest, ResetAsksFirstAndCanBeUndone)
{
    openLesson(1);
    answerByKeyboard(panel->asked()->correct);
    const model::QuizProgress answered = panel->progress();
    ASSERT_EQ(model::scoreOf(answered, dash->lessons.lessons()[1]).firstTry, 1);
    QTest::mouseClick(panel->resetButton(), Qt::LeftButton);
    EXPECT_TRUE(panel->keepScoresButton()->isVisible()) << "it asks first";
    EXPECT_TRUE(panel->progress() == answered);
    QTest::keyClick(panel->keepScoresButton(), Qt::Key_Return);
    EXPECT_FALSE(panel->keepScoresButton()->isVisible());
    EXPECT_TRUE(panel->progress() == answered);
    QTest::mouseClick(panel->resetButton(), Qt::LeftButton);
    QTest::mouseClick(panel->confirmResetButton(), Qt::LeftButton);
    EXPECT_EQ(model::scoreOf(panel->progress(), dash->lessons.lessons()[1]).eventually, 0);
    ASSERT_TRUE(panel->undoResetButton()->isVisible());
    QTest::keyClick(panel->undoResetButton(), Qt::Key_Return);
    EXPECT_EQ(model::scoreOf(panel->progress(), dash->lessons.lessons()[1]).firstTry, 1);
    auto saved = model::QuizProgress::load(dir.filePath(QStringLiteral("progress.json")));
    ASSERT_TRUE(saved.ok());
    EXPECT_EQ(model::scoreOf(saved.value(), dash->lessons.lessons()[1]).firstTry, 1) << "the undone reset is saved too";
}

/// No option is cut: each is as tall as its wrapped text needs, at 1366×768 and 1920×1080,
/// and the dock is grabbed in both themes for a look.
TEST_F(LessonsPanelTest, OptionsWrapAndScreenshots)
{
    const QString shots = QDir(QStringLiteral(LEVLAB_SCREENSHOT_DIR)).absolutePath();
    QDir().mkpath(shots);
    for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
        dash->window->resize(size);
        for (int row = 0; row < static_cast<int>(dash->lessons.lessons().size()); ++row) {
            openLesson(row);
            for (int q = 0; q < static_cast<int>(dash->lessons.lessons()[static_cast<std::size_t>(row)].questions.size()); ++q) {
                panel->askQuestion(q);
                QApplication::processEvents();
                for (QAbstractButton* b : panel->options()->buttons()) {
                    auto* o = static_cast<ui::OptionButton*>(b);
                    EXPECT_GE(o->height(), o->heightForWidth(o->width())) << o->text().toStdString();
                    EXPECT_GE(o->width(), o->fontMetrics().horizontalAdvance(QStringLiteral("liquidation")))
                        << "an option has room for its longest words";
                }
            }
        }
        openLesson(1);
        panel->askQuestion(0);
        answerByMouse((panel->asked()->correct + 1) % 3);  // wrong: the longest feedback
        dash->feed.setSpeed(0);
        for (auto [choice, name] : {std::pair{model::ThemeChoice::Dark, "dark"}, std::pair{model::ThemeChoice::Light, "light"}}) {
            dash->window->setThemeChoice(choice);
            QApplication::processEvents();
            const QString tag = QStringLiteral("%1x%2-%3").arg(size.width()).arg(size.height()).arg(QLatin1String(name));
            ASSERT_TRUE(dash->window->grab().save(shots + QStringLiteral("/lessons-window-") + tag + QStringLiteral(".png")));
            ASSERT_TRUE(panel->grab().save(shots + QStringLiteral("/lessons-dock-") + tag + QStringLiteral(".png")));
        }
        panel->leaveLesson();
    }
}

}  // namespace
}  // namespace levlab

namespace levlab {
namespace {

TEST(LessonsProgress, AnUnreadableFileIsReportedInWordsAndKeptAside)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("progress.json"));
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("{\"records\": [1, 2");  // cut off mid-file
    }
    app::DashboardOptions o;
    o.historyMinutes = 120;
    o.settingsPath = dir.filePath(QStringLiteral("settings.ini"));
    o.progressPath = path;
    app::Dashboard dash(o);
    dash.feed.setSpeed(0);
    QSignalSpy said(dash.lessonsPanel, &ui::LessonsPanel::message);
    auto* label = dash.lessonsPanel->findChild<QLabel*>(QStringLiteral("progressUnreadable"));
    ASSERT_NE(label, nullptr);
    EXPECT_TRUE(label->text().startsWith(QStringLiteral("Your quiz progress could not be read")));
    EXPECT_TRUE(said.wait(1000)) << "told once something listens";
    EXPECT_TRUE(QFile::exists(path + QStringLiteral(".unreadable"))) << "the file is kept aside, not overwritten";
}

}  // namespace
}  // namespace levlab
