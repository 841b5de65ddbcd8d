#include "core/model/settings/app_settings.h"

namespace levlab::model {

namespace {

const QString kTheme = QStringLiteral("view/theme");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kSplitter = QStringLiteral("window/splitter");
const QString kSpeed = QStringLiteral("market/speed");

}  // namespace

AppSettings::AppSettings() = default;

AppSettings::AppSettings(const QString& path) : m_settings(path, QSettings::IniFormat) {}

ThemeChoice AppSettings::theme() const
{
    const int v = m_settings.value(kTheme, static_cast<int>(ThemeChoice::System)).toInt();
    return v >= 0 && v <= 2 ? static_cast<ThemeChoice>(v) : ThemeChoice::System;
}

void AppSettings::setTheme(ThemeChoice theme) { m_settings.setValue(kTheme, static_cast<int>(theme)); }

QByteArray AppSettings::windowGeometry() const { return m_settings.value(kGeometry).toByteArray(); }
void AppSettings::setWindowGeometry(const QByteArray& geometry) { m_settings.setValue(kGeometry, geometry); }
QByteArray AppSettings::windowState() const { return m_settings.value(kState).toByteArray(); }
void AppSettings::setWindowState(const QByteArray& state) { m_settings.setValue(kState, state); }
QByteArray AppSettings::splitterState() const { return m_settings.value(kSplitter).toByteArray(); }
void AppSettings::setSplitterState(const QByteArray& state) { m_settings.setValue(kSplitter, state); }

double AppSettings::marketSpeed() const
{
    bool ok = false;
    const double v = m_settings.value(kSpeed, 1.0).toDouble(&ok);
    return ok && v >= 0.0 && v <= 600.0 ? v : 1.0;
}

void AppSettings::setMarketSpeed(double speed) { m_settings.setValue(kSpeed, speed); }

}  // namespace levlab::model
