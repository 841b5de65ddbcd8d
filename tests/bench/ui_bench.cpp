// levlab-ui-bench: the dashboard's latency, CPU and memory, measured offscreen.
// Prints one JSON object: slider_step_ms_median, slider_step_ms_p99, tick_cpu_percent,
// first_frame_ms, rss_mb (and the figures behind them).
//
// With --live SECONDS, the live market instead: frames from a local stand-in venue
// (levlab-live-feed, a process of its own so its work is not counted) over a real
// websocket → the live source → the plan's model → the window's repaint. Prints
// live_cpu_percent (of one core), the frames taken per second, and the resident memory
// at the start, every --rss-every seconds and at the end (also on stderr as it goes):
// with --drop-every 60 and 1800 seconds, the soak.
//
// Under valgrind --tool=callgrind --collect-atstart=no, only the feed phase is
// counted (or the slider phase, with --count slider): instructions spent per tick
// or per step, steady from run to run, where CPU time is not.

#include "app/gui/dashboard.h"
#include "ui/chart/price_chart_view.h"
#include "ui/controls/leverage_control.h"
#include "ui/market/live_control.h"
#include "core/model/live/live_source.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSlider>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define LEVLAB_TOGGLE_COLLECT() CALLGRIND_TOGGLE_COLLECT
#else
#define LEVLAB_TOGGLE_COLLECT() \
    do {                        \
    } while (false)
#endif

#include <algorithm>
#include <chrono>
#include <ctime>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double residentMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0.0;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').front().toDouble() / 1024.0;
    }
    return 0.0;
}

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::clamp(p * static_cast<double>(v.size() - 1), 0.0, static_cast<double>(v.size() - 1)));
    return v[i];
}

/// Counts paint events reaching a widget.
class PaintCounter final : public QObject {
public:
    int paints = 0;
    bool eventFilter(QObject*, QEvent* e) override
    {
        if (e->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

struct LiveOptions {
    double seconds = 0.0;
    double rate = 1000.0;
    double dropEvery = 0.0;
    double rssEvery = 300.0;
};

/// Runs the event loop for `ms`.
void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

/// The live phase (see the top of the file). Returns false with a reason in `o` when the stand-in did not run.
bool measureLive(levlab::app::Dashboard& dash, const PaintCounter& counter, const LiveOptions& opt, QJsonObject& o)
{
    QProcess feed;
    feed.setProgram(QCoreApplication::applicationDirPath() + QStringLiteral("/levlab-live-feed"));
    feed.setArguments({QStringLiteral("--rate"), QString::number(opt.rate), QStringLiteral("--drop-every"), QString::number(opt.dropEvery),
                       QStringLiteral("--seconds"), QString::number(opt.seconds + 120.0)});
    feed.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    feed.start();
    if (!feed.waitForStarted(5000) || !feed.waitForReadyRead(5000)) {
        o[QStringLiteral("error")] = QStringLiteral("levlab-live-feed did not start: ") + feed.errorString();
        return false;
    }
    const QList<QByteArray> urls = feed.readLine().trimmed().split(' ');
    qputenv("LEVLAB_LIVE_STREAM_URL", urls.value(0));
    qputenv("LEVLAB_LIVE_REST_URL", urls.value(1));
    levlab::ui::LiveControl* control = dash.window->liveControl();
    control->follow({levlab::model::LiveVenue::BinanceUsdm, QStringLiteral("BTCUSDT")});
    levlab::model::LiveSource* source = control->source();
    QElapsedTimer wait;
    wait.start();
    while (source->snapshot().counts.data == 0 && wait.elapsed() < 10000)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    runFor(2000);  // past the backfill and the first repaints

    auto err = QTextStream(stderr);
    QJsonArray rss;
    QElapsedTimer wall;
    auto sample = [&] {
        const double t = static_cast<double>(wall.elapsed()) / 1000.0;
        rss.append(QJsonObject{{QStringLiteral("s"), std::round(t)}, {QStringLiteral("rss_mb"), residentMb()}});
        err << "live " << std::round(t) << " s: rss " << residentMb() << " MB, frames " << source->snapshot().counts.data
            << ", reconnects " << source->snapshot().reconnects << Qt::endl;
    };
    const double cpu0 = cpuSeconds();
    const quint64 frames0 = source->snapshot().counts.data;
    const int reconnects0 = source->snapshot().reconnects;
    const int paints0 = counter.paints;
    wall.start();
    sample();
    {
        QEventLoop loop;
        QTimer every;
        QObject::connect(&every, &QTimer::timeout, &loop, sample);
        every.start(static_cast<int>(opt.rssEvery * 1000.0));
        QTimer::singleShot(static_cast<int>(opt.seconds * 1000.0), &loop, &QEventLoop::quit);
        loop.exec();
    }
    const double cpu = cpuSeconds() - cpu0;
    const double wallSeconds = static_cast<double>(wall.elapsed()) / 1000.0;
    sample();
    o[QStringLiteral("live_cpu_percent")] = 100.0 * cpu / wallSeconds;
    o[QStringLiteral("live_frames_per_second")] = static_cast<double>(source->snapshot().counts.data - frames0) / wallSeconds;
    o[QStringLiteral("live_frames_skipped")] = static_cast<double>(source->snapshot().counts.skipped());
    o[QStringLiteral("live_reconnects")] = source->snapshot().reconnects - reconnects0;
    o[QStringLiteral("live_seconds")] = wallSeconds;
    o[QStringLiteral("frames_per_second")] = (counter.paints - paints0) / wallSeconds;
    o[QStringLiteral("rss_mb_samples")] = rss;
    control->backToSimulation();
    feed.closeWriteChannel();
    if (!feed.waitForFinished(5000))
        feed.kill();
    return true;
}

}  // namespace

int main(int argc, char** argv)
{
    const auto processStart = Clock::now();
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption steps(QStringLiteral("steps"), QStringLiteral("Slider steps to time."), QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption tickSeconds(QStringLiteral("tick-seconds"), QStringLiteral("Seconds to run the 1,000 ticks/s feed."),
                                         QStringLiteral("S"), QStringLiteral("20"));
    const QCommandLineOption skipPortfolio(QStringLiteral("skip-portfolio"), QStringLiteral("Leave out the 200-position portfolio figures."));
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("The phase callgrind counts: feed, slider or frames."),
                                   QStringLiteral("PHASE"), QStringLiteral("feed"));
    const QCommandLineOption frames(QStringLiteral("frames"),
                                    QStringLiteral("Frames of 17 ticks (1,000 ticks/s at 60 frames/s) to run one by one after the feed."),
                                    QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption live(QStringLiteral("live"), QStringLiteral("Seconds to follow the local stand-in venue (the live mode)."),
                                  QStringLiteral("S"));
    const QCommandLineOption liveRate(QStringLiteral("live-rate"), QStringLiteral("Its frames per second."), QStringLiteral("N"),
                                      QStringLiteral("1000"));
    const QCommandLineOption dropEvery(QStringLiteral("drop-every"), QStringLiteral("Seconds between dropped connections (0: never)."),
                                       QStringLiteral("S"), QStringLiteral("0"));
    const QCommandLineOption rssEvery(QStringLiteral("rss-every"), QStringLiteral("Seconds between memory samples in the live mode."),
                                      QStringLiteral("S"), QStringLiteral("300"));
    parser.addOptions({steps, tickSeconds, skipPortfolio, count, frames, live, liveRate, dropEvery, rssEvery});
    parser.process(app);
    const bool countSlider = parser.value(count) == QLatin1String("slider");
    const bool countFrames = parser.value(count) == QLatin1String("frames");

    // Start-up to the first painted frame, with 100,000 one-minute candles of history.
    levlab::app::DashboardOptions options;
    options.historyMinutes = 100'000;
    options.settingsPath = QStringLiteral("/dev/null");
    QTemporaryDir scratch;
    options.progressPath = scratch.filePath(QStringLiteral("progress.json"));
    options.tiersPath = scratch.filePath(QStringLiteral("tiers"));
    levlab::app::Dashboard dash(options);
    auto& window = *dash.window;
    PaintCounter counter;
    window.chart()->viewport()->installEventFilter(&counter);
    window.resize(1500, 900);
    window.show();
    while (counter.paints == 0)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    const double firstFrameMs = std::chrono::duration<double, std::milli>(Clock::now() - processStart).count();
    const double rssAfterStart = residentMb();
    if (parser.isSet(live)) {
        dash.feed.setSpeed(0);  // the simulation stands still: only the live market moves
        QJsonObject o{{QStringLiteral("first_frame_ms"), firstFrameMs}, {QStringLiteral("rss_mb_after_start"), rssAfterStart}};
        const LiveOptions opt{std::clamp(parser.value(live).toDouble(), 1.0, 7200.0), parser.value(liveRate).toDouble(),
                              parser.value(dropEvery).toDouble(), std::max(1.0, parser.value(rssEvery).toDouble())};
        const bool ran = measureLive(dash, counter, opt, o);
        QTextStream(stdout) << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        return ran ? 0 : 1;
    }

    // One slider step → model recompute → lines and panel → painted.
    QSlider* slider = window.leverage()->slider();
    const int n = parser.value(steps).toInt();
    std::vector<double> stepMs;
    stepMs.reserve(static_cast<std::size_t>(n));
    const int maxLev = slider->maximum();
    int value = 10;
    int direction = 1;
    const int paintsBefore = counter.paints;
    if (countSlider)
        LEVLAB_TOGGLE_COLLECT();
    for (int i = 0; i < n; ++i) {
        value += direction;
        if (value >= std::min(maxLev, 100) || value <= 2)
            direction = -direction;
        const auto t0 = Clock::now();
        slider->setValue(value);
        QApplication::processEvents();
        stepMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    if (countSlider)
        LEVLAB_TOGGLE_COLLECT();
    const int stepPaints = counter.paints - paintsBefore;

    // The simulated feed at 1,000 ticks/s (4 ticks per simulated second × 250), repaints capped by the frame timer.
    const double seconds = parser.value(tickSeconds).toDouble();
    dash.feed.setSpeed(1000.0 / levlab::model::MarketFeed::kTicksPerSecond);
    const qint64 tick0 = dash.feed.lastTick().timeMs;
    const double cpu0 = cpuSeconds();
    const int paints0 = counter.paints;
    double rssPeak = residentMb();
    const double rssTickStart = rssPeak;
    QElapsedTimer wall;
    wall.start();
    if (!countSlider && !countFrames)
        LEVLAB_TOGGLE_COLLECT();  // callgrind counts from here…
    {
        // A real event loop, idle between the feed's frames; memory sampled once a second.
        QEventLoop loop;
        QTimer sample;
        QObject::connect(&sample, &QTimer::timeout, &loop, [&] { rssPeak = std::max(rssPeak, residentMb()); });
        sample.start(1000);
        QTimer::singleShot(static_cast<int>(seconds * 1000.0), &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!countSlider && !countFrames)
        LEVLAB_TOGGLE_COLLECT();  // …to here
    const double wallSeconds = static_cast<double>(wall.elapsed()) / 1000.0;
    const double cpu = cpuSeconds() - cpu0;
    const double ticks = static_cast<double>(dash.feed.lastTick().timeMs - tick0) / 250.0;
    dash.feed.setSpeed(0);

    // The same load as a fixed number of frames, each 17 ticks then its paint: the work
    // per frame without the timer's say in how many ticks a frame folds in.
    const int frameCount = parser.value(frames).toInt();
    std::vector<double> frameMs;
    if (countFrames)
        LEVLAB_TOGGLE_COLLECT();
    for (int i = 0; i < frameCount; ++i) {
        const auto t0 = Clock::now();
        dash.feed.advance(17);
        QApplication::processEvents();
        frameMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    if (countFrames)
        LEVLAB_TOGGLE_COLLECT();

    // 200 positions in one wallet: one price change → every row, the account and the compare view
    // recomputed, and the table repainted.
    QJsonObject o;
    o[QStringLiteral("slider_step_ms_median")] = percentile(stepMs, 0.5);
    o[QStringLiteral("slider_step_ms_p99")] = percentile(stepMs, 0.99);
    o[QStringLiteral("slider_steps")] = n;
    o[QStringLiteral("slider_step_paints")] = stepPaints;
    o[QStringLiteral("tick_cpu_percent")] = 100.0 * cpu / wallSeconds;
    o[QStringLiteral("ticks_per_second")] = ticks / wallSeconds;
    o[QStringLiteral("ticks")] = ticks;
    if (frameCount > 0) {
        o[QStringLiteral("frames_timed")] = frameCount;
        o[QStringLiteral("frame_ms_median")] = percentile(frameMs, 0.5);
    }
    o[QStringLiteral("frames_per_second")] = (counter.paints - paints0) / wallSeconds;
    o[QStringLiteral("first_frame_ms")] = firstFrameMs;
    o[QStringLiteral("rss_mb")] = std::max(rssAfterStart, rssPeak);
    o[QStringLiteral("rss_mb_tick_start")] = rssTickStart;
    o[QStringLiteral("rss_mb_tick_end")] = residentMb();
    o[QStringLiteral("history_candles_1m")] = static_cast<double>(dash.feed.candles().series(levlab::model::Timeframe::M1).size());
    if (parser.isSet(skipPortfolio)) {
        QTextStream(stdout) << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        return 0;
    }

    auto& portfolio = dash.portfolio;
    portfolio.setWallet(1e6);
    const char* symbols[] = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};
    for (int i = 0; i < 200; ++i) {
        levlab::model::Holding h;
        h.symbol = QString::fromLatin1(symbols[i % 3]);
        h.side = i % 4 == 0 ? levlab::engine::Side::Short : levlab::engine::Side::Long;
        h.mode = i % 2 == 0 ? levlab::engine::MarginMode::Cross : levlab::engine::MarginMode::Isolated;
        h.quantity = 1000.0 / dash.feed.markOf(h.symbol);
        h.leverage = 5 + i % 10;
        portfolio.add(h);
    }
    QHash<QString, double> marks{{QStringLiteral("BTC"), dash.feed.markOf(QStringLiteral("BTC"))},
                                 {QStringLiteral("ETH"), dash.feed.markOf(QStringLiteral("ETH"))},
                                 {QStringLiteral("SOL"), dash.feed.markOf(QStringLiteral("SOL"))}};
    QApplication::processEvents();
    // A price change recomputes every row, the account, the funding drift and all three layouts
    // (at the shock and along the stepped path); the table and panel then repaint, at most 10 times a second.
    std::vector<double> portfolioMs;
    for (int i = 0; i < 300; ++i) {
        marks[QStringLiteral("BTC")] *= i % 2 == 0 ? 1.0005 : 1.0 / 1.0005;
        const auto t0 = Clock::now();
        portfolio.setMarks(marks, 0.0001, i);
        QApplication::processEvents();
        portfolioMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    // The same recomputation with the table and panel repainted at once (a trader's change: the shock).
    std::vector<double> portfolioRepaintMs;
    for (int i = 0; i < 100; ++i) {
        const auto t0 = Clock::now();
        portfolio.setShock(i % 2 == 0 ? -0.13 : -0.12);
        QApplication::processEvents();
        portfolioRepaintMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }

    o[QStringLiteral("portfolio_200_update_ms_median")] = percentile(portfolioMs, 0.5);
    o[QStringLiteral("portfolio_200_update_ms_p99")] = percentile(portfolioMs, 0.99);
    o[QStringLiteral("portfolio_200_repaint_ms_median")] = percentile(portfolioRepaintMs, 0.5);
    o[QStringLiteral("portfolio_positions")] = static_cast<double>(portfolio.holdings().size());
    QTextStream(stdout) << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
