// File › Export ▸ and Edit › Copy risk summary, used through the real window's menus
// by keyboard, answering the file dialog by typing the name.
#include "app/gui/dashboard.h"
#include "core/model/export/csv_export.h"
#include "tests/ui/dashboard_fixture.h"
#include "tests/ui/dialogs.h"
#include "ui/chart/price_chart_view.h"
#include "ui/risk/risk_panel.h"

#include <gtest/gtest.h>

#include <QClipboard>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QStatusBar>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

namespace levlab {
namespace {

class Export : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        dash = test::openDashboard(dir, QSize(1356, 728));
        // A plan worked by hand (textbook rule, maintenance 0.5% of the entry value):
        // 1 BTC long at 10,000, 10×, isolated: notional 10,000, initial margin 1,000,
        // maintenance 50, liquidation 10,000 − (1,000 − 50) = 9,050 (−9.5%), bankruptcy
        // 9,000 (−10%); stop 9,500 loses 500 = 5% of the 10,000 wallet; target 11,000:
        // reward 1,000 : risk 500 = 2; fees 2 × 0.05% × 10,000 = 10; funding at 0.
        model::MarketState market;
        market.timeMs = 1704067200000;
        market.mark = market.last = market.index = 10500.0;
        market.recentLow = market.recentHigh = 10500.0;
        dash->model.setMarket(market);
        model::PlanInputs in;
        in.venue = engine::Venue::Textbook;
        in.symbol = QStringLiteral("BTCUSDT");
        in.entryAtMarket = false;
        in.entryPrice = 10000.0;
        in.size = 1.0;
        in.leverage = 10.0;
        in.wallet = 10000.0;
        in.stopLoss = 9500.0;
        in.takeProfit = 11000.0;
        in.horizonHours = 24.0;
        in.feeRate = 0.0005;
        ASSERT_FALSE(dash->model.setInputs(in).has_value());
        ASSERT_TRUE(dash->model.snapshot().valid) << dash->model.snapshot().problem.toStdString();
        QApplication::processEvents();
    }

    /// Opens File › Export ▸ with Alt+F, E and picks the item by its letter, answering
    /// the file dialog with `name` in the temporary directory.
    QString exportByKeyboard(char letter, const QString& name)
    {
        const QString path = dir.filePath(name);
        test::answerFileDialog(path);
        QWidget* w = dash->window.get();
        QTest::keyClick(w, Qt::Key_F, Qt::AltModifier);
        QMenu* file = dash->window->fileMenu();
        EXPECT_TRUE(QTest::qWaitFor([&] { return file->isVisible(); }));
        QTest::keyClick(file, Qt::Key_E);
        QMenu* exports = nullptr;
        for (const QAction* a : file->actions()) {
            if (a->menu() != nullptr && a->text() == QStringLiteral("&Export"))
                exports = a->menu();
        }
        EXPECT_TRUE(exports != nullptr && QTest::qWaitFor([&] { return exports->isVisible(); }));
        if (exports != nullptr)
            QTest::keyClick(exports, letter);
        EXPECT_TRUE(QTest::qWaitFor([&] { return QFile::exists(path); }, 10000)) << name.toStdString();
        return path;
    }

    static QByteArray read(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    void TearDown() override { test::stopAnswering(); }

    QTemporaryDir dir;
    std::unique_ptr<app::Dashboard> dash;
    test::ModalWatchdog watchdog;
};

TEST_F(Export, RiskCsvIsTheHandWorkedPlanOneFigureARow)
{
    const QString path = exportByKeyboard('c', QStringLiteral("plan.csv"));
    const QByteArray expected = "figure,value,unit\r\n"
                                "venue,textbook,text\r\n"
                                "symbol,BTCUSDT,text\r\n"
                                "side,long,text\r\n"
                                "margin_mode,isolated,text\r\n"
                                "trade_state,planning,text\r\n"
                                "entry,10000,price\r\n"
                                "quantity,1,contracts\r\n"
                                "leverage,10,x\r\n"
                                "wallet,10000,money\r\n"
                                "added_margin,0,money\r\n"
                                "stop_loss,9500,price\r\n"
                                "take_profit,11000,price\r\n"
                                "notional,10000,money\r\n"
                                "initial_margin,1000,money\r\n"
                                "maintenance_margin,50,money\r\n"
                                "maintenance_rate,0.005,fraction\r\n"
                                "liquidation_price,9050,price\r\n"
                                "liquidation_distance,-0.095,fraction\r\n"
                                "bankruptcy_price,9000,price\r\n"
                                "bankruptcy_distance,-0.1,fraction\r\n"
                                "max_leverage,100,x\r\n"
                                "risk_at_stop,500,money\r\n"
                                "risk_at_stop_of_wallet,0.05,fraction\r\n"
                                "reward_risk,2,ratio\r\n"
                                "fees,10,money\r\n"
                                "fee_rate,0.0005,fraction\r\n"
                                "funding_rate,0,fraction\r\n"
                                "funding_per_interval,0,money\r\n"
                                "holding_hours,24,hours\r\n"
                                "funding_payments,3,count\r\n"
                                "funding_over_holding,0,money\r\n"
                                "liquidation_after_holding,9050,price\r\n"
                                "liquidation_drift,0,price\r\n";
    EXPECT_EQ(read(path).toStdString(), expected.toStdString());
    EXPECT_TRUE(dash->window->statusBar()->currentMessage().startsWith(QStringLiteral("Exported ")))
        << dash->window->statusBar()->currentMessage().toStdString();
}

TEST_F(Export, PortfolioCsvIsOnePositionARow)
{
    auto& p = dash->portfolio;
    while (!p.holdings().empty())
        ASSERT_FALSE(p.remove(0).has_value());
    ASSERT_FALSE(p.setVenue(engine::Venue::Textbook).has_value());
    ASSERT_FALSE(p.setWallet(5000.0).has_value());
    p.setMarks({ { QStringLiteral("BTC"), 10000.0 } }, 0.0);
    model::Holding h;
    h.symbol = QStringLiteral("BTCUSDT");
    h.quantity = 1.0;
    h.entry = 10000.0;
    h.leverage = 10.0;
    h.mode = engine::MarginMode::Isolated;
    ASSERT_FALSE(p.add(h).has_value());
    const QString path = exportByKeyboard('o', QStringLiteral("portfolio.csv"));
    // Isolated 1 BTC at 10,000, 10×: margin 1,000, maintenance 50, liquidation 9,050,
    // 9.5% below the mark of 10,000; no profit or loss at the entry.
    const QByteArray expected
        = "id,symbol,side,margin_mode,quantity,entry,leverage,mark,margin,initial_margin,maintenance_margin,"
          "unrealized_pnl,liquidation_price,liquidation_distance\r\n"
        + p.holdings().front().id.toUtf8() + ",BTCUSDT,long,isolated,1,10000,10,10000,1000,1000,50,0,9050,-0.095\r\n";
    EXPECT_EQ(read(path).toStdString(), expected.toStdString());
}

TEST_F(Export, CsvNumbersAreUnformattedWithEveryDigit)
{
    EXPECT_EQ(model::csvNumber(1234567.5), QByteArray("1234567.5"));
    EXPECT_EQ(model::csvNumber(0.1 + 0.2), QByteArray("0.30000000000000004"));
    EXPECT_EQ(model::csvNumber(1e-7), QByteArray("0.0000001"));
    EXPECT_EQ(model::csvNumber(-0.0), QByteArray("0"));
    EXPECT_EQ(model::csvNumber(std::nan("")), QByteArray());
}

TEST_F(Export, ChartPngHasTheSizeShown)
{
    const QString path = exportByKeyboard('p', QStringLiteral("chart.png"));
    const QImage image(path);
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.size(), dash->window->chart()->size());
}

TEST_F(Export, ChartSvgParsesAtTheSizeShown)
{
    const QString path = exportByKeyboard('s', QStringLiteral("chart.svg"));
    QSvgRenderer svg(path);
    ASSERT_TRUE(svg.isValid());
    EXPECT_EQ(svg.viewBox(), QRect(QPoint(0, 0), dash->window->chart()->size()));
    EXPECT_TRUE(read(path).contains("<svg"));
}

TEST_F(Export, ReportPdfIsOnePage)
{
    const QString path = exportByKeyboard('r', QStringLiteral("report.pdf"));
    const QByteArray pdf = read(path);
    EXPECT_TRUE(pdf.startsWith("%PDF-"));
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?!s)"));
    EXPECT_EQ(QString::fromLatin1(pdf).count(page), 1);
    static const QRegularExpression count(QStringLiteral("/Count\\s+1\\b"));
    EXPECT_TRUE(QString::fromLatin1(pdf).contains(count));
}

TEST_F(Export, ClipboardSummaryShowsTheLiquidationAsThePanelDoes)
{
    QApplication::clipboard()->clear();
    QTest::keyClick(dash->window.get(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    const QString text = QApplication::clipboard()->text();
    const QString shown = dash->window->risk()->text(ui::RiskPanel::Row::Liquidation);
    // 9,050 is 9.5% below the entry of 10,000 (a 0.1 tick: one decimal).
    EXPECT_TRUE(shown.contains(QStringLiteral("9050.0")) || shown.contains(QStringLiteral("9,050.0")))
        << shown.toStdString();
    EXPECT_TRUE(shown.endsWith(QStringLiteral("(-9.50%)"))) << shown.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Liquidation: ") + shown + QLatin1Char('\n'))) << text.toStdString();
    EXPECT_TRUE(
        text.contains(QStringLiteral("Risk at stop: ") + dash->window->risk()->text(ui::RiskPanel::Row::RiskAtStop)));
    EXPECT_TRUE(text.contains(QStringLiteral("Risk-limit table as of 2024-01-01"))) << text.toStdString();
}

} // namespace
} // namespace levlab
