// levlab-live-feed: a local stand-in for Binance USDⓈ-M on 127.0.0.1, for the live
// benchmark and soak (levlab-ui-bench --live). A websocket server sends mark-price and
// trade frames at --rate frames/s (one mark a second, the rest trades, times and ids
// rising so every frame is accepted), and a small HTTP server answers the one-minute
// candle backfill. Every --drop-every seconds it drops the connections, as a network
// fault does. Prints "STREAM_URL REST_URL" on its first line; stops by itself after
// --seconds, or when its standard input closes (the parent is gone).
#include "tests/core/model/live/local_servers.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace {

constexpr qint64 kMinute = 60000;

double closeAt(qint64 t)
{
    const double m = static_cast<double>(t / kMinute);
    return std::round((60000.0 + 250.0 * std::sin(m / 23.0) + 90.0 * std::sin(m / 4.0)) * 10.0) / 10.0;
}

levlab::test::HttpResponse klines(const levlab::test::HttpRequest& r)
{
    const qint64 from = r.queryNumber(QStringLiteral("startTime"));
    const qint64 to = r.queryNumber(QStringLiteral("endTime"));
    QJsonArray rows;
    for (qint64 t = from - from % kMinute; t <= to && rows.size() < 1500; t += kMinute) {
        const auto text = [](double v) { return QString::number(v, 'f', 1); };
        const double open = closeAt(t - kMinute);
        const double close = closeAt(t);
        rows.append(QJsonArray{t, text(open), text(std::max(open, close) + 15.0), text(std::min(open, close) - 20.0),
                               text(close), QStringLiteral("12.5")});
    }
    return {200, QJsonDocument(rows).toJson(QJsonDocument::Compact)};
}

}  // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Frames per second."), QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption dropEvery(QStringLiteral("drop-every"), QStringLiteral("Seconds between dropped connections (0: never)."),
                                       QStringLiteral("S"), QStringLiteral("0"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("Seconds to run before stopping."), QStringLiteral("S"),
                                     QStringLiteral("60"));
    parser.addOptions({rate, dropEvery, seconds});
    parser.process(app);
    const double perSecond = std::clamp(parser.value(rate).toDouble(), 1.0, 100000.0);
    const int dropMs = static_cast<int>(parser.value(dropEvery).toDouble() * 1000.0);
    const int runMs = static_cast<int>(std::clamp(parser.value(seconds).toDouble(), 1.0, 7200.0) * 1000.0);

    levlab::test::FakeStreamServer stream;
    levlab::test::FakeRestServer rest;
    rest.handler = klines;
    QTextStream(stdout) << stream.url().toString() << ' ' << rest.url().toString() << Qt::endl;

    // Frames go out in batches every 10 ms, as many as the rate owes since the start.
    QElapsedTimer clock;
    clock.start();
    qint64 sent = 0;
    qint64 tradeId = 400000000;
    qint64 lastMarkSecond = -1;
    QTimer pump;
    pump.setTimerType(Qt::PreciseTimer);
    QObject::connect(&pump, &QTimer::timeout, [&] {
        const qint64 owed = static_cast<qint64>(static_cast<double>(clock.elapsed()) * perSecond / 1000.0) - sent;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const double base = closeAt(now);
        for (qint64 i = 0; i < owed; ++i, ++sent) {
            const qint64 second = now / 1000;
            QByteArray frame;
            if (second != lastMarkSecond) {
                lastMarkSecond = second;
                frame = R"({"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":)" + QByteArray::number(now)
                        + R"(,"s":"BTCUSDT","p":")" + QByteArray::number(base + 0.5, 'f', 1) + R"(","P":")"
                        + QByteArray::number(base, 'f', 1) + R"(","i":")" + QByteArray::number(base - 0.5, 'f', 1)
                        + R"(","r":"0.00010000","T":)" + QByteArray::number(now - now % (8 * 3600000) + 8 * 3600000) + "}}";
            } else {
                ++tradeId;
                const double price = base + static_cast<double>(tradeId % 21 - 10) * 0.1;
                frame = R"({"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":)" + QByteArray::number(now) + R"(,"a":)"
                        + QByteArray::number(tradeId) + R"(,"s":"BTCUSDT","p":")" + QByteArray::number(price, 'f', 1)
                        + R"(","q":"0.010","f":1,"l":1,"T":)" + QByteArray::number(now) + R"(,"m":false}})";
            }
            stream.send(frame);
        }
    });
    pump.start(10);

    QTimer drop;
    QObject::connect(&drop, &QTimer::timeout, [&] { stream.dropAll(); });
    if (dropMs > 0)
        drop.start(dropMs);
    QTimer::singleShot(runMs, &app, &QCoreApplication::quit);
    // The parent closes our standard input when it is done (or gone): stop then too.
    QSocketNotifier parentGone(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&parentGone, &QSocketNotifier::activated, [&] {
        char c = 0;
        if (::read(STDIN_FILENO, &c, 1) <= 0)
            app.quit();
    });
    return app.exec();
}
