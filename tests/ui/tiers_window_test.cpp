// Today's risk-limit table on the real window: the risk panel says which table the
// figures use, its date and source, and warns when it is old; Risk limits › Refresh
// fetches the venue's table from a local stand-in (LEVLAB_TIERS_URL) and the figures
// follow it; a refusal (HTTP 429) and a malformed saved response change nothing.
#include "tests/core/model/live/local_servers.h"
#include "tests/ui/dashboard_fixture.h"
#include "tests/ui/dialogs.h"

#include "core/model/tiers/tier_updates.h"
#include "ui/controls/position_form.h"
#include "ui/market/tier_actions.h"
#include "ui/risk/risk_panel.h"
#include "ui/risk/warning_text.h"

#include <gtest/gtest.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

namespace levlab {
namespace {

/// Bybit's answer with twice the shipped rates: 1% maintenance (50x) up to 2,000,000 USDT.
const QByteArray kDoubledBybit = R"({"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[
 {"id":1,"symbol":"BTCUSDT","riskLimitValue":"2000000","maintenanceMargin":"0.01","initialMargin":"0.02","isLowestRisk":1,"maxLeverage":"50.00","mmDeduction":""},
 {"id":2,"symbol":"BTCUSDT","riskLimitValue":"4000000","maintenanceMargin":"0.015","initialMargin":"0.03","isLowestRisk":0,"maxLeverage":"33.33","mmDeduction":"10000"}]},
 "retExtInfo":{},"time":1672054488010})";

class TiersWindow : public ::testing::Test {
protected:
    void SetUp() override
    {
        qputenv("LEVLAB_TIERS_URL", server.url().toString().toUtf8());
        dash = test::openDashboard(dir, QSize(1366, 768));
    }
    void TearDown() override
    {
        test::stopAnswering();
        dash.reset();
        qunsetenv("LEVLAB_TIERS_URL");
    }

    [[nodiscard]] QString note() const { return dash->window->risk()->tierNote()->text(); }
    [[nodiscard]] QString figure(model::RiskFigure f) const { return dash->window->risk()->text(f); }

    void pickVenue(const QString& name)
    {
        QComboBox* box = dash->window->form()->venueBox();
        box->setFocus();
        const int to = box->findText(name);
        ASSERT_GE(to, 0);
        while (box->currentIndex() != to)
            QTest::keyClick(box, box->currentIndex() < to ? Qt::Key_Down : Qt::Key_Up);
    }

    /// Opens Risk limits in the menu bar with a click, then clicks `action` in it.
    void chooseFromMenu(QAction* action)
    {
        QMenuBar* bar = dash->window->menuBar();
        QAction* limits = nullptr;
        for (QAction* a : bar->actions())
            if (a->text() == QStringLiteral("Ris&k limits"))
                limits = a;
        ASSERT_NE(limits, nullptr);
        QTest::mouseClick(bar, Qt::LeftButton, {}, bar->actionGeometry(limits).center());
        QMenu* menu = limits->menu();
        ASSERT_TRUE(QTest::qWaitFor([&] { return menu->isVisible(); }, 3000));
        ASSERT_TRUE(action->isEnabled()) << action->text().toStdString();
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
    }

    QTemporaryDir dir;
    test::FakeRestServer server;
    std::unique_ptr<app::Dashboard> dash;
    test::ModalWatchdog watchdog;
};

TEST_F(TiersWindow, RefreshFromTheMenuShowsTodaysTableAndTheFiguresUseIt)
{
    // The shipped Binance table of 2021: years old, and Binance's can only be imported.
    EXPECT_TRUE(note().startsWith(QStringLiteral("Binance BTCUSDT tiers · 2021-03-26 · Binance docs — "))) << note().toStdString();
    EXPECT_TRUE(note().endsWith(QStringLiteral(" years old: import today's"))) << note().toStdString();
    EXPECT_FALSE(dash->tierActions->refreshAction()->isEnabled());

    pickVenue(QStringLiteral("Bybit"));
    ASSERT_EQ(dash->model.inputs().symbol, QStringLiteral("BTCUSDT"));
    EXPECT_TRUE(note().startsWith(QStringLiteral("Bybit BTCUSDT tiers · 2023-03-01 · Bybit docs — "))) << note().toStdString();
    EXPECT_TRUE(note().endsWith(QStringLiteral(" years old: refresh or import today's"))) << note().toStdString();
    EXPECT_TRUE(dash->window->risk()->tierNote()->toolTip().startsWith(QStringLiteral("Source: Bybit Help Center")));
    EXPECT_TRUE(figure(model::RiskFigure::MaintenanceMargin).endsWith(QStringLiteral("(0.50%)")))
        << figure(model::RiskFigure::MaintenanceMargin).toStdString();
    const double maintenance = dash->model.snapshot().position.maintenanceMargin;
    const QString liquidation = figure(model::RiskFigure::Liquidation);

    // A refusal first: said in a message box, nothing changed.
    server.handler = [](const test::HttpRequest&) { return test::HttpResponse{429, "{}"}; };
    auto said = std::make_shared<QString>();
    test::answerMessageBox(QMessageBox::Ok, said);
    QAction* refresh = dash->tierActions->refreshAction();
    EXPECT_EQ(refresh->text(), QStringLiteral("&Refresh risk-limit table from Bybit"));
    chooseFromMenu(refresh);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !said->isEmpty(); }, 5000));
    EXPECT_EQ(*said, QStringLiteral("Risk-limit table not refreshed: Bybit is limiting requests (HTTP 429, too many requests): try again in a minute"));
    EXPECT_TRUE(note().startsWith(QStringLiteral("Bybit BTCUSDT tiers · 2023-03-01 · Bybit docs")));
    EXPECT_TRUE(QDir(dir.filePath(QStringLiteral("tiers"))).isEmpty());

    // Then today's table.
    server.handler = [](const test::HttpRequest&) { return test::HttpResponse{200, kDoubledBybit}; };
    chooseFromMenu(refresh);
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    ASSERT_TRUE(QTest::qWaitFor([&] { return note().contains(today); }, 5000)) << note().toStdString();
    EXPECT_EQ(server.requests.back().url.query(), QStringLiteral("category=linear&symbol=BTCUSDT"));
    EXPECT_EQ(note(), QStringLiteral("Bybit BTCUSDT tiers · %1 · fetched from Bybit").arg(today));
    EXPECT_TRUE(dash->window->risk()->tierNote()->toolTip().contains(
        QStringLiteral("Fetched from %1/v5/market/risk-limit?category=linear&symbol=BTCUSDT").arg(server.url().toString())));
    EXPECT_EQ(dash->window->statusBar()->currentMessage(),
              QStringLiteral("Bybit BTCUSDT: 2 risk-limit rows as of %1, in use from now on.").arg(today));
    // The same notional at 1% instead of 0.5%, no deduction in either first row: twice the maintenance.
    ASSERT_TRUE(QTest::qWaitFor([&] { return figure(model::RiskFigure::MaintenanceMargin).endsWith(QStringLiteral("(1.00%)")); }, 2000))
        << figure(model::RiskFigure::MaintenanceMargin).toStdString();
    EXPECT_DOUBLE_EQ(dash->model.snapshot().position.maintenanceMargin, 2.0 * maintenance);
    EXPECT_NE(figure(model::RiskFigure::Liquidation), liquidation);
    EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("tiers/bybit_btcusdt.json"))));

    // Back on Binance the shipped table is in use again, and Bybit's stays refreshed.
    pickVenue(QStringLiteral("Binance"));
    EXPECT_TRUE(note().startsWith(QStringLiteral("Binance BTCUSDT tiers · 2021-03-26")));
    pickVenue(QStringLiteral("Bybit"));
    EXPECT_EQ(note(), QStringLiteral("Bybit BTCUSDT tiers · %1 · fetched from Bybit").arg(today));
}

TEST_F(TiersWindow, ASavedResponseIsImportedAMalformedOneRefusedWithItsReason)
{
    const QString bad = dir.filePath(QStringLiteral("bracket-bad.json"));
    QFile f(bad);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(R"([{"symbol":"BTCUSDT","brackets":[{"notionalFloor":0,"notionalCap":50000,"maintMarginRatio":0.004,"cum":0}]}])");
    f.close();
    const QString before = note();
    EXPECT_TRUE(figure(model::RiskFigure::MaintenanceMargin).endsWith(QStringLiteral("(0.40%)")));
    QAction* import = dash->tierActions->importAction();
    EXPECT_EQ(import->text(), QStringLiteral("&Import saved Binance response…"));
    auto said = std::make_shared<QString>();
    test::answerFileDialog(bad);
    test::answerMessageBox(QMessageBox::Ok, said);
    chooseFromMenu(import);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !said->isEmpty(); }, 8000));
    EXPECT_EQ(*said, QStringLiteral("bracket-bad.json was not imported (tiers[0].initialLeverage: is missing or not a number); "
                                    "nothing was changed"));
    EXPECT_EQ(note(), before);

    // A good one, saved just now: today's table, from the saved response.
    const QString good = dir.filePath(QStringLiteral("bracket.json"));
    QFile g(good);
    ASSERT_TRUE(g.open(QIODevice::WriteOnly));
    // 250,000 × (0.01 − 0.008) = 500: the second row's maintenance amount.
    g.write(R"([{"symbol":"BTCUSDT","brackets":[
        {"bracket":1,"initialLeverage":50,"notionalCap":250000,"notionalFloor":0,"maintMarginRatio":0.008,"cum":0},
        {"bracket":2,"initialLeverage":20,"notionalCap":1000000,"notionalFloor":250000,"maintMarginRatio":0.01,"cum":500}]}])");
    g.close();
    test::answerFileDialog(good);
    chooseFromMenu(import);
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    ASSERT_TRUE(QTest::qWaitFor([&] { return note().contains(today); }, 8000)) << note().toStdString();
    EXPECT_EQ(note(), QStringLiteral("Binance BTCUSDT tiers · %1 · imported response").arg(today));
    EXPECT_TRUE(dash->window->risk()->tierNote()->toolTip().contains(QStringLiteral("Imported from bracket.json")));
    // The saved brackets' first row: 0.8% maintenance up to 250,000 USDT (0.5 BTC at about 42,000 is in it),
    // where the shipped table has 0.4%.
    ASSERT_TRUE(QTest::qWaitFor([&] { return figure(model::RiskFigure::MaintenanceMargin).endsWith(QStringLiteral("(0.80%)")); }, 2000))
        << figure(model::RiskFigure::MaintenanceMargin).toStdString();
}

}  // namespace
}  // namespace levlab
