#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace levlab::model {

/// The work kept across restarts, in the application's data directory: the session
/// written on a clean quit, and the autosave written every 30 s while there are
/// unsaved changes. A clean quit removes the autosave, so an autosave newer than the
/// session means the last run did not end cleanly: the next start offers it.
class SessionFiles final {
public:
    /// Files in `directory` (created when first written); an empty directory keeps nothing.
    explicit SessionFiles(QString directory);

    [[nodiscard]] bool enabled() const { return !m_directory.isEmpty(); }
    [[nodiscard]] QString sessionPath() const;
    [[nodiscard]] QString autosavePath() const;

    /// An autosave is there and newer than the session (or there is no session).
    [[nodiscard]] bool autosaveOffered() const;
    [[nodiscard]] QDateTime autosaveTime() const;

    /// Writes atomically (QSaveFile). Returns the error in words, or an empty string.
    [[nodiscard]] QString writeSession(const QByteArray& bytes) const;
    [[nodiscard]] QString writeAutosave(const QByteArray& bytes) const;
    void removeAutosave() const;

    /// The file's bytes, or the reason it could not be read ("" and no error when absent).
    struct Read final {
        QByteArray bytes;
        bool exists = false;
        QString error;
    };
    [[nodiscard]] static Read read(const QString& path);
    /// Writes `bytes` to `path` atomically; the error in words, or "".
    [[nodiscard]] static QString writeAtomically(const QString& path, const QByteArray& bytes);

private:
    QString m_directory;
};

} // namespace levlab::model
