#include "app/gui/dashboard.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Leverage Lab"));
    QApplication::setOrganizationName(QStringLiteral("LeverageLab"));
    QApplication::setApplicationVersion(QStringLiteral(LEVLAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("leverage-lab"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Leverage Lab: leverage and liquidation risk on a live chart."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of the simulated market."), QStringLiteral("N"));
    const QCommandLineOption speed(QStringLiteral("speed"), QStringLiteral("Market speed: 0, 1, 10, 60 or 600."), QStringLiteral("X"));
    const QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("system, dark or light."), QStringLiteral("NAME"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window to a PNG after start-up and quit."), QStringLiteral("FILE"));
    parser.addOptions({seed, speed, theme, screenshot});
    parser.process(app);

    levlab::app::DashboardOptions options;
    if (parser.isSet(seed))
        options.seed = parser.value(seed).toULongLong();
    levlab::app::Dashboard dashboard(options);
    auto& window = *dashboard.window;
    if (parser.isSet(theme)) {
        const QString t = parser.value(theme);
        window.setThemeChoice(t == QLatin1String("dark") ? levlab::model::ThemeChoice::Dark
                              : t == QLatin1String("light") ? levlab::model::ThemeChoice::Light
                                                            : levlab::model::ThemeChoice::System);
    }
    window.show();
    const double speedValue = parser.isSet(speed) ? parser.value(speed).toDouble() : dashboard.settings->marketSpeed();
    dashboard.feed.setSpeed(speedValue);
    QObject::connect(&app, &QApplication::aboutToQuit, &app, [&] { dashboard.settings->setMarketSpeed(dashboard.feed.speed()); });
    if (parser.isSet(screenshot)) {
        QTimer::singleShot(500, &app, [&] {
            const bool ok = window.grab().save(parser.value(screenshot));
            QApplication::exit(ok ? 0 : 1);
        });
    }
    return QApplication::exec();
}
