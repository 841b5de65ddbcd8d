#include "app/gui/dashboard.h"
#include "app/gui/quit_on_signal.h"
#include "core/model/lessons/quiz_progress.h"
#include "core/model/settings/app_settings.h"

#include <QApplication>
#include <QDir>
#include <QStandardPaths>
#include <QCommandLineParser>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTextStream>
#include <QTimer>

#include <QFileInfo>

#include <cmath>
#include <cstdio>
#include <optional>

namespace {

/// A seed as typed: decimal digits only, at most 2^64 − 1.
std::optional<std::uint64_t> parseSeed(const QString& text)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,20}$"));
    if (!digits.match(text).hasMatch())
        return std::nullopt;
    bool ok = false;
    const qulonglong v = text.toULongLong(&ok, 10);
    return ok ? std::optional<std::uint64_t>(v) : std::nullopt;
}

std::optional<double> parseSpeed(const QString& text)
{
    static const QRegularExpression number(QStringLiteral("^[0-9]{1,3}$"));
    if (!number.match(text).hasMatch())
        return std::nullopt;
    const double v = text.toDouble();
    return levlab::model::AppSettings::isMarketSpeed(v) ? std::optional(v) : std::nullopt;
}

std::optional<levlab::model::ThemeChoice> parseTheme(const QString& text)
{
    if (text == QLatin1String("system"))
        return levlab::model::ThemeChoice::System;
    if (text == QLatin1String("dark"))
        return levlab::model::ThemeChoice::Dark;
    if (text == QLatin1String("light"))
        return levlab::model::ThemeChoice::Light;
    return std::nullopt;
}

/// Prints "levlab: <message>" and the usage on stderr; the exit code for bad arguments.
int usageError(const QCommandLineParser& parser, const QString& message)
{
    QTextStream err(stderr);
    err << "levlab: " << message << "\n\n" << parser.helpText();
    return 2;
}

}  // namespace

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
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of the simulated market, 0 to 2^64 - 1."), QStringLiteral("N"));
    const QCommandLineOption speed(QStringLiteral("speed"), QStringLiteral("Market speed: 0, 1, 10, 60 or 600."), QStringLiteral("X"));
    const QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("system, dark or light."), QStringLiteral("NAME"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window to a PNG after start-up and quit; settings are left as they were."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption restoreAutosave(QStringLiteral("restore-autosave"),
                                             QStringLiteral("After a run that did not end cleanly, restore its autosave without asking."));
    const QCommandLineOption discardAutosave(QStringLiteral("discard-autosave"),
                                             QStringLiteral("After a run that did not end cleanly, discard its autosave without asking."));
    const QCommandLineOption autosaveSeconds(QStringLiteral("autosave-seconds"),
                                             QStringLiteral("Autosave unsaved changes every N seconds, 1 to 3600 (default 30)."), QStringLiteral("N"));
    const QCommandLineOption leverage(QStringLiteral("leverage"),
                                      QStringLiteral("Set the plan's leverage to X once started, as if typed (an unsaved change)."), QStringLiteral("X"));
    parser.addOptions({seed, speed, theme, screenshot, restoreAutosave, discardAutosave, autosaveSeconds, leverage});
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A Leverage Lab file (.levlab) to open."), QStringLiteral("[FILE]"));
    if (!parser.parse(QApplication::arguments()))
        return usageError(parser, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << "levlab " << LEVLAB_VERSION << '\n';
        return 0;
    }
    if (parser.positionalArguments().size() > 1)
        return usageError(parser, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().at(1)));
    if (parser.isSet(restoreAutosave) && parser.isSet(discardAutosave))
        return usageError(parser, QStringLiteral("--restore-autosave and --discard-autosave: choose one"));

    levlab::app::DashboardOptions options;
    if (parser.isSet(seed)) {
        const auto s = parseSeed(parser.value(seed));
        if (!s)
            return usageError(parser, QStringLiteral("--seed: '%1' is not a whole number from 0 to 18446744073709551615").arg(parser.value(seed)));
        options.seed = *s;
    }
    std::optional<double> speedValue;
    if (parser.isSet(speed)) {
        speedValue = parseSpeed(parser.value(speed));
        if (!speedValue)
            return usageError(parser, QStringLiteral("--speed: '%1' is not one of 0, 1, 10, 60, 600").arg(parser.value(speed)));
    }
    std::optional<levlab::model::ThemeChoice> themeValue;
    if (parser.isSet(theme)) {
        themeValue = parseTheme(parser.value(theme));
        if (!themeValue)
            return usageError(parser, QStringLiteral("--theme: '%1' is not one of system, dark, light").arg(parser.value(theme)));
    }
    if (parser.isSet(autosaveSeconds)) {
        static const QRegularExpression digits(QStringLiteral("^[0-9]{1,4}$"));
        const int n = digits.match(parser.value(autosaveSeconds)).hasMatch() ? parser.value(autosaveSeconds).toInt() : 0;
        if (n < 1 || n > 3600)
            return usageError(parser, QStringLiteral("--autosave-seconds: '%1' is not a whole number from 1 to 3600").arg(parser.value(autosaveSeconds)));
        options.autosaveMs = n * 1000;
    }
    std::optional<double> leverageValue;
    if (parser.isSet(leverage)) {
        bool ok = false;
        const double v = parser.value(leverage).toDouble(&ok);
        if (!ok || !std::isfinite(v) || v <= 0.0)
            return usageError(parser, QStringLiteral("--leverage: '%1' is not a positive number").arg(parser.value(leverage)));
        leverageValue = v;
    }
    const bool screenshotRun = parser.isSet(screenshot);
    // The session and its autosave; a screenshot run keeps none (it writes nothing).
    if (!screenshotRun)
        options.dataPath = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);

    // Progress that cannot be read is moved aside before the lessons open it, and
    // the learner is told once the window is up.
    options.progressPath = levlab::model::QuizProgress::defaultPath();
    QString progressWarning;
    if (!screenshotRun)
        progressWarning = levlab::model::QuizProgress::open(options.progressPath).warning;

    levlab::app::Dashboard dashboard(options);
    if (screenshotRun)
        dashboard.settings->setPersistent(false);  // a screenshot leaves the user's settings alone
    auto& window = *dashboard.window;
    if (themeValue)
        window.setThemeChoice(*themeValue);
    window.show();
    dashboard.feed.setSpeed(speedValue.value_or(dashboard.settings->marketSpeed()));
    QObject::connect(&app, &QApplication::aboutToQuit, &app, [&] { dashboard.settings->setMarketSpeed(dashboard.feed.speed()); });

    QStringList notices;
    if (!dashboard.settings->notice().isEmpty())
        notices << dashboard.settings->notice();
    if (!progressWarning.isEmpty())
        notices << progressWarning;
    if (!notices.isEmpty() && !screenshotRun)
        QTimer::singleShot(0, &window, [&window, text = notices.join(QLatin1Char(' '))] { window.statusBar()->showMessage(text, 15000); });

    if (!screenshotRun) {
        // Once the window is up: the last session (or a crash's autosave), then the file asked for.
        const auto answer = parser.isSet(restoreAutosave)   ? levlab::ui::DocumentController::AutosaveAnswer::Restore
                            : parser.isSet(discardAutosave) ? levlab::ui::DocumentController::AutosaveAnswer::Discard
                                                            : levlab::ui::DocumentController::AutosaveAnswer::Ask;
        const QString file = parser.positionalArguments().value(0);
        QTimer::singleShot(0, &window, [&dashboard, answer, file, leverageValue] {
            auto* documents = dashboard.documents;
            documents->restoreSession(answer);
            if (!file.isEmpty() && documents->maySave(QStringLiteral("opening %1").arg(QFileInfo(file).fileName())))
                documents->openFile(file);
            if (leverageValue) {
                if (const auto refused = dashboard.model.setLeverage(*leverageValue))
                    dashboard.window->statusBar()->showMessage(refused->message(), 15000);
            }
        });
        levlab::app::quitOnTerminationSignals([&dashboard] { dashboard.documents->keepSession(); });
    }

    if (screenshotRun) {
        QTimer::singleShot(500, &app, [&] {
            const bool ok = window.grab().save(parser.value(screenshot));
            QApplication::exit(ok ? 0 : 1);
        });
    }
    return QApplication::exec();
}
