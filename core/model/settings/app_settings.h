#pragma once

#include <QByteArray>
#include <QSettings>

namespace levlab::model {

enum class ThemeChoice { System, Dark, Light };

/// The application's persisted settings, typed. Every key lives in this class.
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

    [[nodiscard]] double marketSpeed() const;
    void setMarketSpeed(double speed);

    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};

}  // namespace levlab::model
