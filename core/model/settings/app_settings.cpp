#include "core/model/settings/app_settings.h"

#include <QStringList>

#include <array>
#include <cmath>

namespace levlab::model {

namespace {

const QString kTheme = QStringLiteral("view/theme");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kSplitter = QStringLiteral("window/splitter");
const QString kSpeed = QStringLiteral("market/speed");
const QString kRecent = QStringLiteral("files/recent");
const QString kLastDirectory = QStringLiteral("files/last_directory");
const QString kSessionFile = QStringLiteral("session/file");
const QString kSessionModified = QStringLiteral("session/modified");

constexpr std::array kSpeeds{0.0, 1.0, 10.0, 60.0, 600.0};
constexpr qsizetype kMaxBlobBytes = 64 * 1024;  ///< a window's saved geometry or layout is a few hundred bytes

bool isTheme(const QVariant& v)
{
    bool ok = false;
    const int t = v.toInt(&ok);
    return ok && t >= 0 && t <= 2 && v.toString() == QString::number(t);
}

bool isSpeedValue(const QVariant& v)
{
    bool ok = false;
    const double s = v.toDouble(&ok);
    return ok && AppSettings::isMarketSpeed(s);
}

bool isBlob(const QVariant& v)
{
    return v.canConvert<QByteArray>() && v.toByteArray().size() <= kMaxBlobBytes;
}

/// A list of paths (an INI file reads a one-element list back as a string).
bool isPathList(const QVariant& v)
{
    if (v.typeId() == QMetaType::QString)
        return v.toString().size() < 4096;
    if (v.typeId() != QMetaType::QStringList && v.typeId() != QMetaType::QVariantList)
        return false;
    const QVariantList items = v.toList();
    if (items.size() > AppSettings::kRecentFiles)
        return false;
    for (const QVariant& item : items) {
        if (item.typeId() != QMetaType::QString || item.toString().size() >= 4096)
            return false;
    }
    return true;
}

bool isPath(const QVariant& v) { return v.typeId() == QMetaType::QString && v.toString().size() < 4096; }

bool isFlag(const QVariant& v)
{
    const QString t = v.toString();
    return t == QLatin1String("true") || t == QLatin1String("false");
}

}  // namespace

AppSettings::AppSettings() { sanitize(); }

AppSettings::AppSettings(const QString& path) : m_settings(path, QSettings::IniFormat) { sanitize(); }

void AppSettings::sanitize()
{
    int dropped = 0;
    QStringList reset;
    QHash<QString, QVariant> kept;
    const QStringList keys = m_settings.allKeys();
    for (const QString& key : keys) {
        const QVariant v = m_settings.value(key);
        bool valid = true;
        if (key == kTheme)
            valid = isTheme(v);
        else if (key == kSpeed)
            valid = isSpeedValue(v);
        else if (key == kGeometry || key == kState || key == kSplitter)
            valid = isBlob(v);
        else if (key == kRecent)
            valid = isPathList(v);
        else if (key == kLastDirectory || key == kSessionFile)
            valid = isPath(v);
        else if (key == kSessionModified)
            valid = isFlag(v);
        else {
            ++dropped;
            continue;
        }
        if (valid)
            kept.insert(key, v);
        else
            reset << (key == kTheme                               ? QStringLiteral("theme")
                      : key == kSpeed                             ? QStringLiteral("market speed")
                      : key == kRecent || key == kLastDirectory ? QStringLiteral("recent files")
                      : key == kSessionFile || key == kSessionModified ? QStringLiteral("session")
                                                                  : QStringLiteral("window layout"));
    }
    if (dropped == 0 && reset.isEmpty())
        return;
    // Rewritten from what was kept: a key the file's syntax mangled cannot always be removed by name.
    m_settings.clear();
    for (auto it = kept.constBegin(); it != kept.constEnd(); ++it)
        m_settings.setValue(it.key(), it.value());
    m_settings.sync();
    QStringList parts;
    if (dropped > 0)
        parts << QStringLiteral("%1 unknown setting%2 dropped").arg(dropped).arg(dropped == 1 ? QString() : QStringLiteral("s"));
    if (!reset.isEmpty())
        parts << QStringLiteral("%1 reset to the default").arg(reset.join(QStringLiteral(", ")));
    m_notice = QStringLiteral("The settings file had errors: %1.").arg(parts.join(QStringLiteral("; ")));
}

QVariant AppSettings::value(const QString& key, const QVariant& fallback) const
{
    const auto it = m_session.constFind(key);
    if (it != m_session.constEnd())
        return it.value();
    return m_settings.value(key, fallback);
}

void AppSettings::setValue(const QString& key, const QVariant& v)
{
    if (m_persistent)
        m_settings.setValue(key, v);
    else
        m_session.insert(key, v);
}

void AppSettings::setPersistent(bool persistent) { m_persistent = persistent; }

void AppSettings::sync()
{
    if (m_persistent)
        m_settings.sync();
}

ThemeChoice AppSettings::theme() const
{
    const QVariant v = value(kTheme, static_cast<int>(ThemeChoice::System));
    return isTheme(v) ? static_cast<ThemeChoice>(v.toInt()) : ThemeChoice::System;
}

void AppSettings::setTheme(ThemeChoice theme)
{
    if (theme != this->theme())
        setValue(kTheme, static_cast<int>(theme));
}

QByteArray AppSettings::windowGeometry() const { return value(kGeometry).toByteArray(); }
void AppSettings::setWindowGeometry(const QByteArray& geometry) { setValue(kGeometry, geometry); }
QByteArray AppSettings::windowState() const { return value(kState).toByteArray(); }
void AppSettings::setWindowState(const QByteArray& state) { setValue(kState, state); }
QByteArray AppSettings::splitterState() const { return value(kSplitter).toByteArray(); }
void AppSettings::setSplitterState(const QByteArray& state) { setValue(kSplitter, state); }

QStringList AppSettings::recentFiles() const
{
    const QVariant v = value(kRecent);
    if (!v.isValid() || !isPathList(v))
        return {};
    QStringList paths = v.toStringList();
    paths.removeAll(QString());
    return paths.mid(0, kRecentFiles);
}

void AppSettings::setRecentFiles(const QStringList& paths)
{
    const QStringList kept = paths.mid(0, kRecentFiles);
    if (kept != recentFiles())
        setValue(kRecent, kept);
}

QString AppSettings::lastDirectory() const
{
    const QVariant v = value(kLastDirectory);
    return isPath(v) ? v.toString() : QString();
}

void AppSettings::setLastDirectory(const QString& directory)
{
    if (directory != lastDirectory())
        setValue(kLastDirectory, directory);
}

QString AppSettings::sessionFile() const
{
    const QVariant v = value(kSessionFile);
    return isPath(v) ? v.toString() : QString();
}

bool AppSettings::sessionModified() const
{
    const QVariant v = value(kSessionModified, false);
    return isFlag(v) && v.toString() == QLatin1String("true");
}

void AppSettings::setSession(const QString& file, bool modified)
{
    if (file != sessionFile())
        setValue(kSessionFile, file);
    if (modified != sessionModified())
        setValue(kSessionModified, modified);
}

bool AppSettings::isMarketSpeed(double speed)
{
    for (double s : kSpeeds) {
        if (speed == s)
            return true;
    }
    return false;
}

double AppSettings::marketSpeed() const
{
    const QVariant v = value(kSpeed, 1.0);
    return isSpeedValue(v) ? v.toDouble() : 1.0;
}

void AppSettings::setMarketSpeed(double speed)
{
    if (isMarketSpeed(speed) && speed != marketSpeed())
        setValue(kSpeed, speed);
}

}  // namespace levlab::model
