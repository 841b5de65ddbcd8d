#include "core/model/session/session_files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace levlab::model {

namespace {

const QString kSession = QStringLiteral("session.levlab");
const QString kAutosave = QStringLiteral("autosave.levlab");

} // namespace

SessionFiles::SessionFiles(QString directory)
    : m_directory(std::move(directory))
{
}

QString SessionFiles::sessionPath() const
{
    return enabled() ? QDir(m_directory).filePath(kSession) : QString();
}
QString SessionFiles::autosavePath() const
{
    return enabled() ? QDir(m_directory).filePath(kAutosave) : QString();
}

bool SessionFiles::autosaveOffered() const
{
    if (!enabled())
        return false;
    const QFileInfo autosave(autosavePath());
    if (!autosave.isFile())
        return false;
    const QFileInfo session(sessionPath());
    return !session.isFile() || autosave.lastModified() >= session.lastModified();
}

QDateTime SessionFiles::autosaveTime() const
{
    return QFileInfo(autosavePath()).lastModified();
}

QString SessionFiles::writeSession(const QByteArray& bytes) const
{
    return enabled() ? writeAtomically(sessionPath(), bytes) : QString();
}

QString SessionFiles::writeAutosave(const QByteArray& bytes) const
{
    return enabled() ? writeAtomically(autosavePath(), bytes) : QString();
}

void SessionFiles::removeAutosave() const
{
    if (enabled())
        QFile::remove(autosavePath());
}

SessionFiles::Read SessionFiles::read(const QString& path)
{
    Read out;
    QFile file(path);
    out.exists = file.exists();
    if (!out.exists)
        return out;
    if (!file.open(QIODevice::ReadOnly)) {
        out.error = QStringLiteral("%1: could not be read (%2).").arg(QFileInfo(path).fileName(), file.errorString());
        return out;
    }
    out.bytes = file.readAll();
    return out;
}

QString SessionFiles::writeAtomically(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return QStringLiteral("%1: could not be written (%2).").arg(QFileInfo(path).fileName(), file.errorString());
    return {};
}

} // namespace levlab::model
