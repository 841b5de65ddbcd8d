#include "ui/document/document_controller.h"

#include "core/model/file/document.h"
#include "core/model/file/document_binding.h"
#include "core/model/settings/app_settings.h"
#include "ui/binding/edit_history.h"
#include "ui/chart/price_chart_view.h"
#include "ui/main_window.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>

namespace levlab::ui {

namespace {

constexpr int kAutosaveMs = 30'000;
constexpr int kMessageMs = 8000;

QString fileFilter()
{
    return QCoreApplication::translate("Document", "Leverage Lab files (*.%1);;All files (*)")
        .arg(QLatin1String(model::kDocumentSuffix));
}

QString displayName(const QString& path)
{
    return path.isEmpty() ? QCoreApplication::translate("Document", "Untitled") : QFileInfo(path).fileName();
}

} // namespace

DocumentController::DocumentController(model::RiskModel& risk, model::PortfolioModel& portfolio,
    model::MarketFeed& feed, model::AppSettings& settings, MainWindow& window, const QString& dataDirectory)
    : QObject(&window)
    , m_risk(risk)
    , m_portfolio(portfolio)
    , m_feed(feed)
    , m_settings(settings)
    , m_window(window)
    , m_files(dataDirectory)
{
    QUndoStack* stack = m_window.history()->stack();
    connect(stack, &QUndoStack::cleanChanged, this, &DocumentController::updateTitle);
    m_window.setCloseGuard([this] {
        if (m_sessionKept)
            return true; // quitting on a signal: kept already, nothing to ask
        if (!maySave(tr("closing")))
            return false;
        keepSession();
        return true;
    });
    connect(&m_window, &MainWindow::fileDropped, this, [this](const QString& file) {
        if (maySave(tr("opening %1").arg(displayName(file))))
            openFile(file);
    });
    m_autosave = new QTimer(this);
    m_autosave->setInterval(kAutosaveMs);
    connect(m_autosave, &QTimer::timeout, this, &DocumentController::autosave);
    m_autosave->start();
    updateTitle();
}

void DocumentController::addFileActions(QMenu* file, QMenu* exports)
{
    file->addAction(tr("&New"), QKeySequence::New, this, &DocumentController::newDocument);
    file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
        if (!maySave(tr("opening another file")))
            return;
        const QString chosen = QFileDialog::getOpenFileName(&m_window, tr("Open"), dialogDirectory(), fileFilter());
        if (!chosen.isEmpty())
            openFile(chosen);
    });
    m_recent = file->addMenu(tr("Open &Recent"));
    connect(m_recent, &QMenu::aboutToShow, this, &DocumentController::fillRecentMenu);
    fillRecentMenu();
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, &DocumentController::save);
    // Explicit keys: not every platform's key scheme has Save As and Quit.
    file->addAction(tr("Save &As…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this, &DocumentController::saveAs);
    file->addSeparator();
    if (exports != nullptr)
        file->addMenu(exports);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), &m_window, &QWidget::close);
}

bool DocumentController::isModified() const
{
    return !m_window.history()->stack()->isClean();
}

model::Document DocumentController::capture() const
{
    const PriceChartView* chart = m_window.chart();
    model::ViewState view;
    view.spanMs = chart->spanMs();
    view.followLatest = chart->following();
    view.endMs = chart->endMs();
    return model::captureDocument(m_risk, m_portfolio, m_feed, view);
}

QString DocumentController::apply(const QByteArray& bytes, const QString& name)
{
    auto doc = model::readDocument(bytes);
    if (!doc)
        return name + QLatin1Char(':') + QString::fromStdString(doc.error().message());
    const auto applied = model::applyDocument(*doc, m_risk, m_portfolio, m_feed);
    if (!applied)
        return name + QLatin1Char(':') + QString::fromStdString(applied.error().message());
    m_window.chart()->setView(doc->view.spanMs, doc->view.followLatest, doc->view.endMs);
    if (!doc->notices.isEmpty())
        emit message(name + QStringLiteral(": ") + doc->notices.join(QLatin1Char(' ')));
    return {};
}

QString DocumentController::load(const QString& path)
{
    const QString name = QFileInfo(path).fileName();
    const auto read = model::SessionFiles::read(path);
    if (!read.exists)
        return tr("%1: the file does not exist.").arg(name);
    if (!read.error.isEmpty())
        return read.error;
    const QString error = apply(read.bytes, name);
    if (!error.isEmpty())
        return error;
    setCurrent(QFileInfo(path).absoluteFilePath(), History::Start, false);
    addRecent(m_path);
    m_settings.setLastDirectory(QFileInfo(path).absolutePath());
    return {};
}

bool DocumentController::openFile(const QString& path)
{
    const QString error = load(path);
    if (!error.isEmpty()) {
        QMessageBox::warning(&m_window, tr("Open"), error);
        return false;
    }
    emit message(tr("Opened %1.").arg(displayName(m_path)));
    return true;
}

QString DocumentController::saveTo(const QString& path)
{
    const QString error = model::SessionFiles::writeAtomically(path, model::writeDocument(capture()));
    if (!error.isEmpty())
        return error;
    setCurrent(QFileInfo(path).absoluteFilePath(), History::Keep, false);
    addRecent(m_path);
    m_settings.setLastDirectory(QFileInfo(path).absolutePath());
    return {};
}

bool DocumentController::save()
{
    if (m_path.isEmpty())
        return saveAs();
    const QString error = saveTo(m_path);
    if (!error.isEmpty()) {
        QMessageBox::warning(&m_window, tr("Save"), error);
        return false;
    }
    emit message(tr("Saved %1.").arg(displayName(m_path)));
    return true;
}

bool DocumentController::saveAs()
{
    const QString suggested = m_path.isEmpty()
        ? QDir(dialogDirectory()).filePath(tr("plan.%1").arg(QLatin1String(model::kDocumentSuffix)))
        : m_path;
    QString chosen = QFileDialog::getSaveFileName(&m_window, tr("Save As"), suggested, fileFilter());
    if (chosen.isEmpty())
        return false;
    if (QFileInfo(chosen).suffix().isEmpty())
        chosen += QLatin1Char('.') + QLatin1String(model::kDocumentSuffix);
    const QString error = saveTo(chosen);
    if (!error.isEmpty()) {
        QMessageBox::warning(&m_window, tr("Save As"), error);
        return false;
    }
    emit message(tr("Saved %1.").arg(displayName(m_path)));
    return true;
}

void DocumentController::newDocument()
{
    if (!maySave(tr("starting a new plan")))
        return;
    if (m_makeFresh)
        m_makeFresh();
    setCurrent(QString(), History::Start, false);
    emit message(tr("A new plan and portfolio."));
}

bool DocumentController::maySave(const QString& action)
{
    m_discarded = false;
    if (!isModified())
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
        tr("Save the changes to %1 before %2?").arg(displayName(m_path), action),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, &m_window);
    box.setInformativeText(tr("Without saving, the edits since it was last saved are lost."));
    box.setDefaultButton(QMessageBox::Save);
    box.setEscapeButton(QMessageBox::Cancel);
    switch (box.exec()) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        m_discarded = true;
        return true;
    default:
        return false;
    }
}

void DocumentController::setCurrent(const QString& path, History history, bool modified)
{
    m_path = path;
    QUndoStack* stack = m_window.history()->stack();
    // Work opened from a file starts its own history: undo does not reach into the work before.
    if (history == History::Start)
        stack->clear();
    if (modified)
        stack->resetClean(); // unsaved until saved, whatever is undone
    else
        stack->setClean();
    updateTitle();
}

void DocumentController::updateTitle()
{
    m_window.setWindowTitle(tr("%1[*] — Leverage Lab").arg(displayName(m_path)));
    m_window.setWindowModified(isModified());
    m_window.setWindowFilePath(m_path);
}

void DocumentController::addRecent(const QString& path)
{
    QStringList list = m_settings.recentFiles();
    list.removeAll(path);
    list.prepend(path);
    m_settings.setRecentFiles(list.mid(0, model::AppSettings::kRecentFiles));
}

void DocumentController::fillRecentMenu()
{
    m_recent->clear();
    QStringList kept;
    for (const QString& p : m_settings.recentFiles()) {
        if (QFileInfo(p).isFile())
            kept << p;
    }
    m_settings.setRecentFiles(kept); // files that are gone are dropped from the list
    for (int i = 0; i < kept.size(); ++i) {
        const QString p = kept.at(i);
        QAction* a = m_recent->addAction(tr("&%1 %2").arg(i + 1 == 10 ? 0 : i + 1).arg(QFileInfo(p).fileName()));
        a->setToolTip(QDir::toNativeSeparators(p));
        a->setStatusTip(QDir::toNativeSeparators(p));
        a->setData(p);
        connect(a, &QAction::triggered, this, [this, p] {
            if (maySave(tr("opening %1").arg(displayName(p))))
                openFile(p);
        });
    }
    if (kept.isEmpty())
        m_recent->addAction(tr("No recent files"))->setEnabled(false);
    m_recent->addSeparator();
    QAction* clear = m_recent->addAction(tr("&Clear list"), this, [this] { m_settings.setRecentFiles({}); });
    clear->setEnabled(!kept.isEmpty());
}

QString DocumentController::dialogDirectory() const
{
    if (!m_path.isEmpty())
        return QFileInfo(m_path).absolutePath();
    const QString last = m_settings.lastDirectory();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

bool DocumentController::writes() const
{
    return m_files.enabled() && m_settings.persistent();
}

void DocumentController::setAutosaveInterval(int ms)
{
    m_autosave->setInterval(ms);
}

void DocumentController::autosave()
{
    if (!writes() || !isModified())
        return;
    const QString error = m_files.writeAutosave(model::writeDocument(capture()));
    if (!error.isEmpty()) {
        emit message(tr("Autosave failed: %1").arg(error));
        return;
    }
    m_settings.setSession(m_path, true);
    m_settings.sync();
}

void DocumentController::keepSession()
{
    if (m_sessionKept || !writes())
        return;
    m_sessionKept = true;
    if (m_discarded) {
        // The answer was Discard: the next start shows the file as it was saved (or a fresh plan).
        const auto saved = m_path.isEmpty() ? model::SessionFiles::Read {} : model::SessionFiles::read(m_path);
        if (saved.exists && saved.error.isEmpty())
            (void)m_files.writeSession(saved.bytes);
        else
            QFile::remove(m_files.sessionPath());
        m_settings.setSession(saved.exists ? m_path : QString(), false);
    } else {
        const QString error = m_files.writeSession(model::writeDocument(capture()));
        if (error.isEmpty())
            m_settings.setSession(m_path, isModified());
    }
    m_files.removeAutosave();
    m_settings.sync();
}

void DocumentController::restoreSession(AutosaveAnswer answer)
{
    if (!m_files.enabled())
        return;
    if (m_files.autosaveOffered()) {
        bool restore = answer == AutosaveAnswer::Restore;
        if (answer == AutosaveAnswer::Ask) {
            QMessageBox box(QMessageBox::Question, tr("Restore autosaved work?"),
                tr("Leverage Lab did not close normally last time. Restore the work autosaved at %1?")
                    .arg(QLocale().toString(m_files.autosaveTime(), QLocale::ShortFormat)),
                QMessageBox::NoButton, &m_window);
            QPushButton* yes = box.addButton(tr("&Restore"), QMessageBox::AcceptRole);
            box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
            box.setDefaultButton(yes);
            box.exec();
            restore = box.clickedButton() == yes;
        }
        if (restore) {
            const auto read = model::SessionFiles::read(m_files.autosavePath());
            const QString error
                = read.error.isEmpty() ? apply(read.bytes, QFileInfo(m_files.autosavePath()).fileName()) : read.error;
            if (error.isEmpty()) {
                setCurrent(m_settings.sessionFile(), History::Start, true);
                emit message(tr("Autosaved work restored."));
                return;
            }
            emit message(tr("The autosave could not be restored: %1").arg(error));
        }
        m_files.removeAutosave();
    }
    const auto read = model::SessionFiles::read(m_files.sessionPath());
    if (!read.exists)
        return;
    const QString error
        = read.error.isEmpty() ? apply(read.bytes, QFileInfo(m_files.sessionPath()).fileName()) : read.error;
    if (!error.isEmpty()) {
        emit message(tr("The last session could not be restored: %1").arg(error));
        return;
    }
    setCurrent(m_settings.sessionFile(), History::Start, m_settings.sessionModified());
}

} // namespace levlab::ui
