#include "tests/ui/dashboard_fixture.h"

#include "core/model/replay/replay_journal.h"
#include "core/model/replay/replay_source.h"
#include "ui/chart/event_layer.h"
#include "ui/chart/price_chart_view.h"
#include "ui/controls/trade_bar.h"
#include "ui/market/market_bar.h"

#include <gtest/gtest.h>

#include <QButtonGroup>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDateTimeEdit>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>

namespace levlab {
namespace {

qint64 utc(const char* iso) { return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toSecsSinceEpoch(); }

class ReplayWindow : public ::testing::Test {
protected:
    void SetUp() override
    {
        dash = test::openDashboard(dir, QSize(1366, 768));
        panel = dash->replayPanel;
        ASSERT_NE(panel, nullptr);
        if (auto* dock = qobject_cast<QDockWidget*>(panel->parentWidget()))
            dock->raise();
        QApplication::processEvents();
    }

    void click(QPushButton* b)
    {
        ASSERT_NE(b, nullptr);
        ASSERT_TRUE(b->isVisible() && b->isEnabled()) << b->text().toStdString();
        QTest::mouseClick(b, Qt::LeftButton);
    }

    QTemporaryDir dir;
    std::unique_ptr<app::Dashboard> dash;
    ui::ReplayPanel* panel = nullptr;
};

TEST(CrashLabResources, ShipTheDataFilesByteForByte)
{
    // sha256 of each file as the data README lists it.
    const std::pair<const char*, const char*> files[] = {
        {"bitmex_XBTUSD_1m_2020-03.csv", "f40a4b3ef208d691aac4322f07c7996de0cb9f5eb3f67f03517cedc26df1e3da"},
        {"bitmex_XBTUSD_1m_2021-05-16_2021-05-23.csv", "fe3dbe348a79bab30e4de5d06df614aba8948a3620074374a4ddd22fbd42084f"},
        {"bitmex_XBTUSD_1m_2020-07-14_2020-07-20_calm.csv", "2a496c2b9d50d6e67b32bf85f43de1918c8ec586dcf260a189d230f8e1c5e38e"},
    };
    for (const auto& [name, sha] : files) {
        QFile f(QStringLiteral(":/replays/") + QLatin1String(name));
        ASSERT_TRUE(f.open(QIODevice::ReadOnly)) << name;
        EXPECT_EQ(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex(), QByteArray(sha)) << name;
    }
    QFile credit(QStringLiteral(":/replays/ATTRIBUTION.md"));
    ASSERT_TRUE(credit.open(QIODevice::ReadOnly));
    EXPECT_TRUE(credit.readAll().contains("BitMEX XBTUSD data via github.com/codler/bitmex-data (ISC)"));
}

TEST_F(ReplayWindow, BlackThursdayLiquidatesATenTimesLongAt1020AsTheCliSays)
{
    EXPECT_TRUE(dash->market.isSimulated());
    click(panel->crashButton(0));
    // The replay is the market: the chart shows March up to the opening of 12 March, no later.
    ASSERT_FALSE(dash->market.isSimulated());
    EXPECT_EQ(dash->market.nowMs(), utc("2020-03-11T23:59:00Z") * 1000);
    const auto& m1 = dash->market.candles().series(model::Timeframe::M1);
    EXPECT_EQ(m1.back().openMs, utc("2020-03-11T23:58:00Z") * 1000);
    EXPECT_EQ(dash->model.market().mark, 7931.5);
    EXPECT_EQ(dash->model.inputs().venue, engine::Venue::Bitmex);
    EXPECT_TRUE(panel->factsLabel()->text().contains(
        QStringLiteral("Low 3,596.0 in the bar ending 13 March 2020, 02:16 UTC: -54.7% from the opening.")))
        << panel->factsLabel()->text().toStdString();
    EXPECT_FALSE(dash->window->marketBar()->scenarioBox()->isEnabled());  // scenarios are the simulation's

    // The plan of the CLI test: 10,000 contracts, 10× isolated, no stop or target.
    model::PlanInputs in = dash->model.inputs();
    in.symbol = QStringLiteral("XBTUSD");
    in.size = 10000;
    in.sizeMode = model::SizeMode::Quantity;
    in.leverage = 10;
    in.marginMode = engine::MarginMode::Isolated;
    in.wallet = 10;
    in.extraMargin = 0;
    in.feeRate = 0.00075;
    in.stopLoss.reset();
    in.takeProfit.reset();
    in.entryAtMarket = true;
    ASSERT_FALSE(dash->model.setInputs(in));
    ui::TradeBar* bar = dash->window->tradeBar();
    click(bar->actionButton());  // Open at market
    ASSERT_EQ(dash->model.tradeState(), model::TradeState::Open);
    EXPECT_EQ(dash->model.inputs().entryPrice, 7931.5);

    panel->jumpEdit()->setDateTime(QDateTime::fromSecsSinceEpoch(utc("2020-03-12T11:00:00Z"), Qt::UTC));
    click(panel->jumpButton());
    ASSERT_EQ(dash->model.tradeState(), model::TradeState::Closed);
    EXPECT_EQ(bar->stateLabel()->text(), QStringLiteral("Closed at 10:20: liquidated at 7,248.3. Result −0.13 (the margin behind it)."))
        << bar->stateLabel()->text().toStdString();
    // The chart moved with the replay and marks the liquidation.
    ui::PriceChartView* chart = dash->window->chart();
    chart->flushFrame();
    EXPECT_EQ(dash->market.nowMs(), utc("2020-03-12T11:00:00Z") * 1000);
    EXPECT_EQ(chart->events().visibleCount(), 1);
    EXPECT_LT(chart->yMin(), 7248.34);

    // The window lists the events as `levlab-cli replay` prints them.
    QStringList shown;
    for (int i = 0; i < panel->eventList()->count(); ++i)
        shown << panel->eventList()->item(i)->text();
    QTemporaryDir tmp;
    QFile plan(tmp.filePath(QStringLiteral("plan.json")));
    ASSERT_TRUE(plan.open(QIODevice::WriteOnly));
    plan.write(R"({"venue": "bitmex", "wallet_balance": 10, "positions": [{"symbol": "XBTUSD", "contract": "inverse",
        "side": "long", "mode": "isolated", "quantity": 10000, "leverage": 10, "fee_rate": 0.00075}]})");
    plan.close();
    QProcess cli;
    cli.start(QStringLiteral(LEVLAB_CLI_PATH), {QStringLiteral("replay"), plan.fileName(), QStringLiteral("--prices"),
                                                QStringLiteral(LEVLAB_REPLAYS_DIR "/bitmex_XBTUSD_1m_2020-03.csv"),
                                                QStringLiteral("--from"), QStringLiteral("2020-03-11T23:59Z")});
    ASSERT_TRUE(cli.waitForFinished(60000));
    ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
    const QStringList printed = QString::fromUtf8(cli.readAllStandardOutput()).trimmed().split(QLatin1Char('\n'));
    EXPECT_EQ(shown, printed);
    EXPECT_EQ(shown.size(), 2);
    EXPECT_EQ(shown.value(1), QStringLiteral("2020-03-12 10:20 UTC  Liquidated at 7,248.34, result −0.12607956 XBT"));
}

TEST_F(ReplayWindow, StepPlaySpeedAndStartOverWithClicks)
{
    click(panel->crashButton(1));  // May 2021
    model::ReplaySource* source = panel->source();
    ASSERT_NE(source, nullptr);
    const std::size_t at = source->position();
    EXPECT_EQ(dash->model.market().mark, 42856.0);
    click(panel->stepButton());
    EXPECT_EQ(source->position(), at + 1);
    EXPECT_EQ(dash->market.nowMs(), utc("2021-05-19T00:00:00Z") * 1000);
    // awk: the bin ending 2021-05-19T00:00 closes at 42,854.5.
    EXPECT_EQ(dash->model.market().mark, 42854.5);
    EXPECT_TRUE(panel->positionLabel()->text().endsWith(QStringLiteral("2021-05-19 00:00 UTC")))
        << panel->positionLabel()->text().toStdString();

    // Play at 10 bars a second: 600× real time for one-minute bars; the market bar shows it too.
    panel->speedBox()->setCurrentIndex(1);
    click(panel->playButton());
    EXPECT_EQ(dash->market.speed(), 600.0);
    EXPECT_EQ(panel->playButton()->text(), QStringLiteral("Pause"));
    EXPECT_TRUE(dash->window->marketBar()->speedGroup()->button(600)->isChecked()) << dash->window->marketBar()->speedGroup()->checkedId();
    QTRY_VERIFY_WITH_TIMEOUT(source->position() > at + 1, 5000);
    click(panel->playButton());
    EXPECT_EQ(dash->market.speed(), 0.0);
    EXPECT_EQ(panel->playButton()->text(), QStringLiteral("Play"));

    // Start over two days earlier: later bars are hidden again.
    panel->startEdit()->setDateTime(QDateTime::fromSecsSinceEpoch(utc("2021-05-17T12:00:00Z"), Qt::UTC));
    click(panel->startButton());
    EXPECT_EQ(dash->market.nowMs(), utc("2021-05-17T12:00:00Z") * 1000);
    EXPECT_EQ(dash->market.candles().series(model::Timeframe::M1).back().openMs, utc("2021-05-17T11:59:00Z") * 1000);

    // Back to the simulation: its own clock and prices again.
    QPushButton* back = nullptr;
    for (auto* b : panel->findChildren<QPushButton*>())
        if (b->text() == QStringLiteral("Simulated market"))
            back = b;
    click(back);
    EXPECT_TRUE(dash->market.isSimulated());
    EXPECT_EQ(dash->market.nowMs(), dash->feed.nowMs());
    EXPECT_EQ(panel->source(), nullptr);
}

}  // namespace
}  // namespace levlab
