// Live markets on the real window, against a local stand-in for Binance USDⓈ-M (a
// websocket and a REST server on 127.0.0.1, reached through LEVLAB_LIVE_STREAM_URL and
// LEVLAB_LIVE_REST_URL): chosen from the market bar with clicks, confirmed, candles
// backfilled, the mark on the chart and the plan following it; silence, a dead server
// and its return, as the market bar and the risk panel say them; back to the simulation.
// The product's own timings (stale after 5 s, back-off from 1 s), on the real clock.
#include "tests/core/model/live/local_servers.h"
#include "tests/ui/dashboard_fixture.h"

#include "core/model/live/live_source.h"
#include "ui/chart/level_line.h"
#include "ui/chart/price_chart_view.h"
#include "ui/market/live_control.h"
#include "ui/market/market_bar.h"
#include "ui/risk/risk_panel.h"
#include "ui/risk/warning_text.h"

#include <gtest/gtest.h>

#include <QDateTime>
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QTimer>
#include <QToolButton>

#include <cmath>
#include <memory>

namespace levlab {
namespace {

constexpr qint64 kMinute = 60000;

/// The stand-in's close of the minute opening at `t`: a made-up wave about 60,000, to 0.1.
double closeAt(qint64 t)
{
    const double m = static_cast<double>(t / kMinute);
    return std::round((60000.0 + 250.0 * std::sin(m / 23.0) + 90.0 * std::sin(m / 4.0)) * 10.0) / 10.0;
}
double openAt(qint64 t) { return closeAt(t - kMinute); }
double highAt(qint64 t) { return std::max(openAt(t), closeAt(t)) + 15.0; }
double lowAt(qint64 t) { return std::min(openAt(t), closeAt(t)) - 20.0; }

test::HttpResponse klines(const test::HttpRequest& r)
{
    const qint64 from = r.queryNumber(QStringLiteral("startTime"));
    const qint64 to = r.queryNumber(QStringLiteral("endTime"));
    QJsonArray rows;
    for (qint64 t = from - from % kMinute; t <= to; t += kMinute) {
        const auto text = [](double v) { return QString::number(v, 'f', 1); };
        rows.append(QJsonArray{t, text(openAt(t)), text(highAt(t)), text(lowAt(t)), text(closeAt(t)), QStringLiteral("12.5")});
    }
    return {200, QJsonDocument(rows).toJson(QJsonDocument::Compact)};
}

QString markFrame(qint64 nowMs, const QString& mark)
{
    return QStringLiteral(R"({"stream":"btcusdt@markPrice","data":{"e":"markPriceUpdate","E":%1,"s":"BTCUSDT","p":"%2","P":"60010.0","i":"60005.5","r":"0.00010000","T":%3}})")
        .arg(nowMs)
        .arg(mark)
        .arg(nowMs - nowMs % (8 * 3600000) + 8 * 3600000);
}

/// The venue, stood in for on 127.0.0.1 (the same ports when brought back).
struct Venue {
    std::unique_ptr<test::FakeStreamServer> stream;
    std::unique_ptr<test::FakeRestServer> rest;
    quint16 streamPort = 0;
    quint16 restPort = 0;
    void up()
    {
        stream = std::make_unique<test::FakeStreamServer>(streamPort);
        rest = std::make_unique<test::FakeRestServer>(restPort);
        rest->handler = klines;
        streamPort = static_cast<quint16>(stream->url().port());
        restPort = static_cast<quint16>(rest->url().port());
    }
    void down()
    {
        stream->dropAll();
        stream.reset();
        rest.reset();
    }
};

class LiveWindow : public ::testing::Test {
protected:
    void SetUp() override
    {
        venue.up();
        qputenv("LEVLAB_LIVE_STREAM_URL", venue.stream->url().toString().toUtf8());
        qputenv("LEVLAB_LIVE_REST_URL", venue.rest->url().toString().toUtf8());
        dash = test::openDashboard(dir, QSize(1366, 768));
        control = dash->window->liveControl();
        ASSERT_NE(control, nullptr);
    }
    void TearDown() override
    {
        dash.reset();
        qunsetenv("LEVLAB_LIVE_STREAM_URL");
        qunsetenv("LEVLAB_LIVE_REST_URL");
    }

    /// Opens the Live menu with a click, picks `text`, and answers the question with `answer`.
    void chooseLive(const QString& text, const QString& answer)
    {
        QString asked;
        bool clickedMenu = false;
        QTimer poll;
        poll.setInterval(20);
        QObject::connect(&poll, &QTimer::timeout, [&] {
            // Clicks are queued: a click that opens a modal loop must not run inside this
            // timer's own slot, or the timer never fires again.
            if (auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) {
                for (QAction* a : menu->actions())
                    if (a->text() == text && !clickedMenu) {
                        clickedMenu = true;
                        const QPoint at = menu->actionGeometry(a).center();
                        QMetaObject::invokeMethod(menu, [menu, at] { QTest::mouseClick(menu, Qt::LeftButton, {}, at); }, Qt::QueuedConnection);
                    }
                return;
            }
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                if (asked.isEmpty()) {
                    const QString shots = QDir(QStringLiteral(LEVLAB_SCREENSHOT_DIR)).absolutePath();
                    QDir().mkpath(shots);
                    box->grab().save(shots + QStringLiteral("/live-question.png"));
                }
                asked = box->text() + QLatin1Char('\n') + box->informativeText();
                for (QAbstractButton* b : box->buttons())
                    if (b->text().remove(QLatin1Char('&')) == answer) {
                        poll.stop();
                        QMetaObject::invokeMethod(b, [b] { QTest::mouseClick(b, Qt::LeftButton); }, Qt::QueuedConnection);
                        return;
                    }
            }
        });
        poll.start();
        QTest::mouseClick(control->liveButton(), Qt::LeftButton);
        EXPECT_TRUE(QTest::qWaitFor([&] { return !poll.isActive(); }, 3000)) << "the menu or the question did not come";
        poll.stop();
        question = asked;
    }

    QString status() const { return control->statusLabel()->text(); }
    ui::WarningText* staleNote() const { return dash->window->risk()->staleNote(); }

    QTemporaryDir dir;
    Venue venue;
    std::unique_ptr<app::Dashboard> dash;
    ui::LiveControl* control = nullptr;
    QString question;
};

TEST_F(LiveWindow, DecliningTheQuestionConnectsToNothing)
{
    chooseLive(QStringLiteral("Binance USDⓈ-M · BTCUSDT"), QStringLiteral("Cancel"));
    EXPECT_TRUE(question.contains(QStringLiteral("public market-data servers")));
    EXPECT_TRUE(question.contains(QStringLiteral("No account, no keys, no orders: this app never trades.")));
    QTest::qWait(300);
    EXPECT_TRUE(dash->market.isSimulated());
    EXPECT_EQ(venue.stream->connections, 0);
    EXPECT_TRUE(venue.rest->requests.isEmpty());
    EXPECT_FALSE(control->simulationButton()->isVisible());
}

TEST_F(LiveWindow, FollowsTheVenueMarksStalenessSurvivesTheServerAndGoesBack)
{
    chooseLive(QStringLiteral("Binance USDⓈ-M · BTCUSDT"), QStringLiteral("Connect"));
    ASSERT_FALSE(dash->market.isSimulated());
    model::LiveSource* source = control->source();
    ASSERT_NE(source, nullptr);
    EXPECT_EQ(dash->market.name(), QStringLiteral("Live · Binance USDⓈ-M BTCUSDT"));
    EXPECT_TRUE(control->simulationButton()->isVisible());
    // The odds need a replayed history of months, not a live venue's few hours.
    auto* oddsDock = dash->window->findChild<QDockWidget*>(QStringLiteral("oddsDock"));
    ASSERT_NE(oddsDock, nullptr);
    EXPECT_FALSE(oddsDock->toggleViewAction()->isChecked()) << "no Odds tab";

    // Backfill: the 240 minutes before the current one, then the current one, unfinished.
    ASSERT_TRUE(QTest::qWaitFor([&] { return venue.stream->connections == 1 && !venue.rest->requests.isEmpty(); }, 5000));
    const auto& m1 = dash->market.candles().series(model::Timeframe::M1);
    ASSERT_TRUE(QTest::qWaitFor([&] { return m1.size() >= 241; }, 5000)) << m1.size();
    const qint64 first = m1.at(0).openMs;
    EXPECT_EQ(m1.at(0).close, closeAt(first));
    EXPECT_EQ(m1.at(0).open, openAt(first));
    EXPECT_EQ(m1.at(0).high, highAt(first));
    EXPECT_EQ(m1.at(0).low, lowAt(first));
    for (std::size_t i = 1; i < m1.size(); ++i)
        ASSERT_EQ(m1.at(i).openMs - m1.at(i - 1).openMs, kMinute) << i;
    EXPECT_EQ(venue.stream->received.value(0),
              QStringLiteral(R"({"method":"SUBSCRIBE","params":["btcusdt@markPrice@1s","btcusdt@aggTrade","btcusdt@kline_1m"],"id":1})"));
    EXPECT_EQ(venue.rest->requests.at(0).url.path(), QStringLiteral("/fapi/v1/klines"));

    // The mark arrives: the market bar, the chart and the plan's entry follow it.
    const qint64 sent = QDateTime::currentMSecsSinceEpoch();
    venue.stream->send(markFrame(sent, QStringLiteral("60012.5")));
    ASSERT_TRUE(QTest::qWaitFor([&] { return dash->market.state().mark == 60012.5; }, 3000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return status() == QStringLiteral("Live"); }, 3000)) << status().toStdString();
    EXPECT_FALSE(staleNote()->isVisible());
    EXPECT_EQ(dash->market.state().index, 60005.5);
    EXPECT_EQ(dash->market.state().fundingRate, 0.0001);  // Binance's 8 h interval
    ASSERT_TRUE(QTest::qWaitFor([&] { return dash->model.snapshot().entry == 60012.5; }, 3000));
    ui::PriceChartView* chart = dash->window->chart();
    chart->flushFrame();
    EXPECT_EQ(chart->line(ui::LevelLine::Kind::Entry).level(), std::optional<double>(60012.5));
    EXPECT_GE(chart->candles().drawnCount(), 10);
    ASSERT_TRUE(QTest::qWaitFor([&] {
        for (const QLabel* l : dash->window->marketBar()->findChildren<QLabel*>())
            if (l->text().startsWith(QStringLiteral("Mark 60,012.50   Last 60,012.50   Funding 0.0100%")))
                return true;
        return false;
    }, 2000));

    // Silence: after 5 s the bar says so and the risk panel marks its figures.
    ASSERT_TRUE(QTest::qWaitFor([&] { return status().startsWith(QStringLiteral("No data for ")); }, 8000)) << status().toStdString();
    EXPECT_EQ(status(), QStringLiteral("No data for 5 s"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return staleNote()->isVisible(); }, 2000));
    const QRegularExpression since(QStringLiteral(R"(^Prices stale since (\d\d):(\d\d):(\d\d) UTC: these figures use the last prices received\.$)"));
    const auto match = since.match(staleNote()->text());
    ASSERT_TRUE(match.hasMatch()) << staleNote()->text().toStdString();
    const QTime shown(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    const QTime sentAt = QDateTime::fromMSecsSinceEpoch(sent, Qt::UTC).time();
    EXPECT_LE(std::abs(sentAt.secsTo(shown)), 1) << staleNote()->text().toStdString();

    // The server dies: the bar counts down to the next attempt; the figures stay marked.
    const int requestsBefore = static_cast<int>(venue.rest->requests.size());
    ASSERT_GE(requestsBefore, 1);
    venue.down();
    ASSERT_TRUE(QTest::qWaitFor([&] { return status().startsWith(QStringLiteral("Reconnecting in ")); }, 3000)) << status().toStdString();
    EXPECT_TRUE(staleNote()->isVisible());
    EXPECT_EQ(dash->market.state().mark, 60012.5);  // the last price received, never made up
    QTest::qWait(2500);  // an attempt or two fails against the dead port

    // It comes back: reconnected, re-subscribed, the gap backfilled, fresh again.
    venue.up();
    ASSERT_TRUE(QTest::qWaitFor([&] { return venue.stream->connections >= 1 && !venue.rest->requests.isEmpty(); }, 15000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !venue.stream->received.isEmpty(); }, 3000));
    EXPECT_TRUE(venue.stream->received.at(0).contains(QStringLiteral("btcusdt@markPrice@1s")));
    const qint64 again = QDateTime::currentMSecsSinceEpoch();
    venue.stream->send(markFrame(again, QStringLiteral("60020.0")));
    ASSERT_TRUE(QTest::qWaitFor([&] { return status() == QStringLiteral("Live") && dash->market.state().mark == 60020.0; }, 3000))
        << status().toStdString();
    EXPECT_FALSE(staleNote()->isVisible());
    // The backfill after the reconnect starts after the candles already held, and the
    // series has no hole up to the current minute.
    EXPECT_GT(venue.rest->requests.at(0).queryNumber(QStringLiteral("startTime")), first);
    ASSERT_TRUE(QTest::qWaitFor([&] { return m1.back().openMs == again - again % kMinute; }, 3000));
    for (std::size_t i = 1; i < m1.size(); ++i)
        ASSERT_EQ(m1.at(i).openMs - m1.at(i - 1).openMs, kMinute) << i;

    // One click back to the simulation: disconnected, nothing marked.
    QTest::mouseClick(control->simulationButton(), Qt::LeftButton);
    EXPECT_TRUE(dash->market.isSimulated());
    EXPECT_FALSE(control->simulationButton()->isVisible());
    EXPECT_FALSE(control->statusLabel()->isVisible());
    EXPECT_FALSE(staleNote()->isVisible());
    EXPECT_EQ(control->source(), nullptr);
}

TEST_F(LiveWindow, Screenshots)
{
    const QString shots = QDir(QStringLiteral(LEVLAB_SCREENSHOT_DIR)).absolutePath();
    QDir().mkpath(shots);
    chooseLive(QStringLiteral("Binance USDⓈ-M · BTCUSDT"), QStringLiteral("Connect"));
    const auto& m1 = dash->market.candles().series(model::Timeframe::M1);
    ASSERT_TRUE(QTest::qWaitFor([&] { return m1.size() >= 241 && venue.stream->connections == 1; }, 5000));
    const auto save = [&](const char* name) {
        for (auto [choice, theme] : {std::pair{model::ThemeChoice::Dark, "dark"}, std::pair{model::ThemeChoice::Light, "light"}}) {
            dash->window->setThemeChoice(choice);
            for (QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
                dash->window->resize(size);
                QApplication::processEvents();
                dash->window->chart()->flushFrame();
                const QString file = QStringLiteral("%1/live-%2-%3-%4.png").arg(shots, QLatin1String(name), QLatin1String(theme)).arg(size.width());
                ASSERT_TRUE(dash->window->grab().save(file)) << file.toStdString();
            }
        }
    };
    for (double step : {0.5, 6.0, -2.5, 9.0, 4.5}) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        venue.stream->send(markFrame(now, QString::number(closeAt(now - now % kMinute - kMinute) + step, 'f', 1)));
        QTest::qWait(150);
    }
    ASSERT_TRUE(QTest::qWaitFor([&] { return status() == QStringLiteral("Live"); }, 3000));
    save("fresh");
    ASSERT_TRUE(QTest::qWaitFor([&] { return status().startsWith(QStringLiteral("No data for")) && staleNote()->isVisible(); }, 8000));
    save("stale");
    venue.down();
    ASSERT_TRUE(QTest::qWaitFor([&] { return status().startsWith(QStringLiteral("Reconnecting in ")); }, 3000));
    QTest::qWait(1200);
    ASSERT_TRUE(QTest::qWaitFor([&] { return status().startsWith(QStringLiteral("Reconnecting in ")); }, 3000));
    save("reconnecting");
}

TEST(LiveWindowRestart, AlwaysStartsOnTheSimulatedMarket)
{
    QTemporaryDir dir;
    auto dash = test::openDashboard(dir, QSize(1366, 768));
    EXPECT_TRUE(dash->market.isSimulated());
    EXPECT_FALSE(dash->window->liveControl()->statusLabel()->isVisible());
    EXPECT_EQ(dash->window->liveControl()->liveButton()->text(), QStringLiteral("Live"));
}

}  // namespace
}  // namespace levlab
