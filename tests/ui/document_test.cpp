// File › New, Open…, Open Recent, Save and Save As…, the title's modified mark, the
// question before unsaved work is lost, dropped files and the session kept across
// restarts — used through the real window with keys, the mouse and its dialogs.
#include "app/gui/dashboard.h"
#include "core/model/file/document.h"
#include "tests/ui/dashboard_fixture.h"
#include "tests/ui/dialogs.h"
#include "ui/binding/edit_history.h"
#include "ui/controls/leverage_control.h"
#include "ui/controls/number_field.h"
#include "ui/risk/risk_panel.h"

#include <gtest/gtest.h>

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QMenu>
#include <QMimeData>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QUrl>

namespace levlab {
namespace {

class Documents : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        open();
    }

    void open()
    {
        app::DashboardOptions o;
        o.historyMinutes = 600;
        o.settingsPath = dir.filePath(QStringLiteral("settings.ini"));
        o.progressPath = dir.filePath(QStringLiteral("progress.json"));
        o.dataPath = dir.filePath(QStringLiteral("data"));
        dash = std::make_unique<app::Dashboard>(o);
        dash->feed.setSpeed(0);
        dash->window->resize(1356, 728);
        dash->window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(dash->window.get()));
        dash->window->activateWindow();
    }

    ui::MainWindow& window() { return *dash->window; }
    ui::DocumentController& documents() { return *dash->documents; }

    /// Types a leverage into its field and presses Enter, as a person does.
    void typeLeverage(const QString& text)
    {
        ui::NumberField* field = window().leverage()->spinBox();
        test::typeKeys(field, text);
        QTest::keyClick(field, Qt::Key_Return);
    }

    /// Presses `keys` on the window, as the active window again once a dialog has closed
    /// (the window manager gives it back; offscreen, the test does).
    void press(QKeySequence keys)
    {
        window().activateWindow();
        EXPECT_TRUE(QTest::qWaitForWindowActive(&window()));
        QTest::keySequence(&window(), keys);
    }

    /// Presses `keys` on the window, answering the file dialog it opens with `name`.
    QString withFileDialog(QKeySequence keys, const QString& name)
    {
        const QString path = dir.filePath(name);
        test::answerFileDialog(path);
        press(keys);
        return path;
    }

    /// Everything the window shows that a file changes: the title, every field, and every risk figure.
    QStringList screen()
    {
        QTest::qWait(150); // the readouts refresh at their own pace
        QStringList out { window().windowTitle(),
            window().isWindowModified() ? QStringLiteral("modified") : QStringLiteral("saved") };
        for (auto* spin : window().findChildren<QAbstractSpinBox*>())
            out << spin->objectName() + QLatin1Char('=') + spin->text();
        for (auto* combo : window().findChildren<QComboBox*>())
            out << combo->currentText();
        for (auto* check : window().findChildren<QCheckBox*>())
            out << (check->text() + (check->isChecked() ? QStringLiteral(" on") : QStringLiteral(" off")));
        for (model::RiskFigure f : model::kRiskFiguresShown)
            out << window().risk()->text(f);
        return out;
    }

    static QByteArray read(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static void write(const QString& path, const QByteArray& bytes)
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

    void TearDown() override { test::stopAnswering(); }

    QTemporaryDir dir;
    std::unique_ptr<app::Dashboard> dash;
    test::ModalWatchdog watchdog;
};

TEST_F(Documents, AMalformedFileIsRefusedWithItsPlaceAndNothingOnScreenChanges)
{
    // A file saved by the app, its leverage then made a word.
    const QString saved = withFileDialog(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), QStringLiteral("good.levlab"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return QFile::exists(saved); }));
    QByteArray text = read(saved);
    const qsizetype key = text.indexOf("\"leverage\": ");
    ASSERT_GE(key, 0) << text.toStdString();
    const qsizetype value = key + qsizetype(sizeof("\"leverage\": ") - 1);
    const qsizetype lineStart = text.lastIndexOf('\n', value) + 1;
    const int line = static_cast<int>(text.left(value).count('\n')) + 1;
    const int column = static_cast<int>(value - lineStart) + 1;
    const qsizetype end = text.indexOf(',', value) >= 0 && text.indexOf(',', value) < text.indexOf('\n', value)
        ? text.indexOf(',', value)
        : text.indexOf('\n', value);
    text.replace(value, end - value, "\"ten\"");
    write(dir.filePath(QStringLiteral("plan.levlab")), text);

    typeLeverage(QStringLiteral("7")); // unsaved work on screen that must survive the failed open
    const QStringList before = screen();
    ASSERT_TRUE(window().isWindowModified());
    // Open… asks about the unsaved work first (Discard: go on), then the file is chosen and refused.
    auto asked = std::make_shared<QString>();
    auto shown = std::make_shared<QString>();
    const QString bad = dir.filePath(QStringLiteral("plan.levlab"));
    test::whenModal<QMessageBox>([asked, shown, bad](QMessageBox* box) {
        *asked = box->text();
        test::answerFileDialog(bad);
        test::answerMessageBox(QMessageBox::Ok, shown);
        QAbstractButton* discard = box->button(QMessageBox::Discard);
        QTest::mouseClick(discard, Qt::LeftButton, Qt::NoModifier, discard->rect().center());
    });
    press(QKeySequence::Open);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !shown->isEmpty(); }, 10000))
        << asked->toStdString() << " | " << window().windowTitle().toStdString();
    EXPECT_EQ(*asked, QStringLiteral("Save the changes to good.levlab before opening another file?"));
    EXPECT_EQ(*shown, QStringLiteral("plan.levlab:%1:%2: \"leverage\" must be a number").arg(line).arg(column));
    EXPECT_EQ(screen().join(QLatin1Char('\n')).toStdString(), before.join(QLatin1Char('\n')).toStdString());
    EXPECT_EQ(dash->model.inputs().leverage, 7.0);
    EXPECT_TRUE(window().isWindowModified());
}

TEST_F(Documents, SaveNewOpenGivesBackTheSameNumbers)
{
    typeLeverage(QStringLiteral("7"));
    const QString path = withFileDialog(QKeySequence::Save, QStringLiteral("round.levlab"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return QFile::exists(path) && !window().isWindowModified(); }));
    EXPECT_EQ(window().windowTitle(), QStringLiteral("round.levlab[*] — Leverage Lab"));
    const QStringList saved = screen();

    press(QKeySequence::New); // nothing unsaved: no question
    EXPECT_EQ(dash->model.inputs().leverage, 10.0);
    EXPECT_EQ(window().windowTitle(), QStringLiteral("Untitled[*] — Leverage Lab"));
    EXPECT_NE(screen(), saved);

    withFileDialog(QKeySequence::Open, QStringLiteral("round.levlab"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return window().windowTitle().startsWith(QStringLiteral("round.levlab")); }));
    EXPECT_EQ(screen().join(QLatin1Char('\n')).toStdString(), saved.join(QLatin1Char('\n')).toStdString());
    EXPECT_EQ(window().history()->stack()->count(), 0) << "a file opens with a history of its own";
}

TEST_F(Documents, TheModifiedMarkComesWithAnEditAndGoesWithSave)
{
    EXPECT_FALSE(window().isWindowModified());
    typeLeverage(QStringLiteral("7"));
    EXPECT_TRUE(window().isWindowModified());
    const QString path = withFileDialog(QKeySequence::Save, QStringLiteral("mark.levlab"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window().isWindowModified(); }));
    typeLeverage(QStringLiteral("8"));
    EXPECT_TRUE(window().isWindowModified());
    press(QKeySequence::Save); // the file is known: no dialog
    EXPECT_FALSE(window().isWindowModified());
    auto doc = model::readDocument(read(path));
    ASSERT_TRUE(doc.ok()) << doc.error().message();
    EXPECT_EQ(doc->plan->inputs.leverage, 8.0);
    dash->feed.advance(400); // the market moving is no edit
    EXPECT_FALSE(window().isWindowModified());
}

TEST_F(Documents, ClosingWithUnsavedChangesAsksFirst)
{
    typeLeverage(QStringLiteral("7"));
    auto asked = std::make_shared<QString>();
    test::answerMessageBox(QMessageBox::Cancel, asked);
    window().close();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !asked->isEmpty(); }));
    EXPECT_EQ(*asked, QStringLiteral("Save the changes to Untitled before closing?"));
    EXPECT_TRUE(window().isVisible()) << "Cancel keeps the window and the work";
    EXPECT_EQ(dash->model.inputs().leverage, 7.0);

    test::answerMessageBox(QMessageBox::Discard);
    window().close();
    EXPECT_FALSE(window().isVisible());
}

TEST_F(Documents, TheRecentListDropsAFileThatIsGone)
{
    const QString a = withFileDialog(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), QStringLiteral("a.levlab"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return QFile::exists(a); }));
    const QString b = withFileDialog(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), QStringLiteral("b.levlab"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return QFile::exists(b); }));
    ASSERT_EQ(dash->settings->recentFiles(), (QStringList { b, a }));
    ASSERT_TRUE(QFile::remove(a));

    QMenu* recent = documents().recentMenu();
    window().activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window()));
    QTest::keyClick(&window(), Qt::Key_F, Qt::AltModifier);
    ASSERT_TRUE(QTest::qWaitFor([&] { return window().fileMenu()->isVisible(); }));
    QTest::keyClick(window().fileMenu(), Qt::Key_R);
    ASSERT_TRUE(QTest::qWaitFor([&] { return recent->isVisible(); }));
    QStringList items;
    for (const QAction* action : recent->actions()) {
        if (!action->isSeparator())
            items << action->text();
    }
    EXPECT_EQ(items, (QStringList { QStringLiteral("&1 b.levlab"), QStringLiteral("&Clear list") }));
    EXPECT_EQ(dash->settings->recentFiles(), QStringList { b });
    QTest::keyClick(recent, Qt::Key_Escape);
    QTest::keyClick(window().fileMenu(), Qt::Key_Escape);
}

TEST_F(Documents, AFileDroppedOnTheWindowOpens)
{
    typeLeverage(QStringLiteral("6"));
    const QString path = withFileDialog(QKeySequence::Save, QStringLiteral("dropped.levlab"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window().isWindowModified(); }));
    press(QKeySequence::New);
    ASSERT_EQ(dash->model.inputs().leverage, 10.0);

    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(path) });
    QDragEnterEvent enter(QPoint(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window(), &enter);
    ASSERT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window(), &drop);
    EXPECT_EQ(dash->model.inputs().leverage, 6.0);
    EXPECT_EQ(window().windowTitle(), QStringLiteral("dropped.levlab[*] — Leverage Lab"));
}

TEST_F(Documents, TheSessionComesBackAfterAQuit)
{
    typeLeverage(QStringLiteral("7"));
    test::answerMessageBox(QMessageBox::Save);
    test::answerFileDialog(dir.filePath(QStringLiteral("kept.levlab")));
    window().close();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window().isVisible(); }, 10000));
    EXPECT_TRUE(QFile::exists(documents().sessionFiles().sessionPath()));
    EXPECT_FALSE(QFile::exists(documents().sessionFiles().autosavePath()));
    const QStringList before = screen();
    dash.reset();

    open();
    EXPECT_EQ(dash->model.inputs().leverage, 10.0) << "the fresh plan, before the session is restored";
    documents().restoreSession();
    EXPECT_EQ(dash->model.inputs().leverage, 7.0);
    EXPECT_EQ(window().windowTitle(), QStringLiteral("kept.levlab[*] — Leverage Lab"));
    EXPECT_FALSE(window().isWindowModified());
    EXPECT_EQ(screen().join(QLatin1Char('\n')).toStdString(), before.join(QLatin1Char('\n')).toStdString());
}

TEST_F(Documents, AnAutosaveLeftByACrashIsOfferedAndRestored)
{
    documents().setAutosaveInterval(50);
    typeLeverage(QStringLiteral("7"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return QFile::exists(documents().sessionFiles().autosavePath()); }, 5000));
    const QStringList before = screen();
    dash->settings->sync();
    dash.reset(); // no clean quit: the autosave stays, as after a crash

    open();
    auto asked = std::make_shared<QString>();
    test::whenModal<QMessageBox>([asked](QMessageBox* box) {
        *asked = box->text();
        for (QAbstractButton* b : box->buttons()) {
            if (b->text() == QStringLiteral("&Restore"))
                QTest::mouseClick(b, Qt::LeftButton, Qt::NoModifier, b->rect().center());
        }
    });
    documents().restoreSession();
    EXPECT_TRUE(asked->startsWith(QStringLiteral("Leverage Lab did not close normally last time.")))
        << asked->toStdString();
    EXPECT_EQ(dash->model.inputs().leverage, 7.0);
    EXPECT_TRUE(window().isWindowModified()) << "restored work is unsaved work";
    EXPECT_EQ(screen().join(QLatin1Char('\n')).toStdString(), before.join(QLatin1Char('\n')).toStdString());
}

} // namespace
} // namespace levlab
