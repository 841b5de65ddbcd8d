#pragma once

#include <QByteArray>
#include <QHash>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace levlab::model {

enum class ThemeChoice { System, Dark, Light };

/// The application's persisted settings, typed. Every key lives in this class.
/// On opening, keys it does not know are dropped and values out of range are
/// reset; notice() then says so, once.
class AppSettings final {
public:
    /// Settings in the platform's usual place for this organisation and application.
    AppSettings();
    /// Settings in an INI file at `path` (tests, portable use).
    explicit AppSettings(const QString& path);

    [[nodiscard]] ThemeChoice theme() const;
    void setTheme(ThemeChoice theme);

    [[nodiscard]] QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    [[nodiscard]] QByteArray windowState() const;
    void setWindowState(const QByteArray& state);
    [[nodiscard]] QByteArray splitterState() const;
    void setSplitterState(const QByteArray& state);

    /// 0 (paused), 1, 10, 60 or 600.
    [[nodiscard]] double marketSpeed() const;
    void setMarketSpeed(double speed);
    static bool isMarketSpeed(double speed);

    /// The files opened or saved last, newest first, at most kRecentFiles.
    [[nodiscard]] QStringList recentFiles() const;
    void setRecentFiles(const QStringList& paths);
    static constexpr int kRecentFiles = 10;
    /// Where the last file was opened, saved or exported; empty at first.
    [[nodiscard]] QString lastDirectory() const;
    void setLastDirectory(const QString& directory);

    /// The file the kept session (or its autosave) belongs to, "" for an untitled one,
    /// and whether it had changes not saved to that file.
    [[nodiscard]] QString sessionFile() const;
    [[nodiscard]] bool sessionModified() const;
    void setSession(const QString& file, bool modified);

    /// Off: changes are kept for this run only and nothing is written (a
    /// screenshot run must not change the user's settings).
    void setPersistent(bool persistent);
    [[nodiscard]] bool persistent() const { return m_persistent; }

    /// One sentence saying what was dropped or reset on opening; empty when the
    /// file was clean. Show it to the user once.
    [[nodiscard]] const QString& notice() const { return m_notice; }

    void sync();

private:
    void sanitize();
    [[nodiscard]] QVariant value(const QString& key, const QVariant& fallback = {}) const;
    void setValue(const QString& key, const QVariant& v);

    QSettings m_settings;
    bool m_persistent = true;
    QHash<QString, QVariant> m_session;  ///< values set while not persistent
    QString m_notice;
};

}  // namespace levlab::model
