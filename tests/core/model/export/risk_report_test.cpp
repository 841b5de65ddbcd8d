// The risk report's text and the CSV files, from the models alone (no widgets).
#include "core/model/export/csv_export.h"
#include "core/model/export/risk_figures.h"
#include "core/model/export/risk_report.h"
#include "core/model/plan/risk_model.h"
#include "core/model/portfolio/portfolio_model.h"
#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

class Report : public ::testing::Test {
protected:
    void SetUp() override
    {
        MarketState m;
        m.timeMs = 1704067200000; // 2024-01-01 00:00 UTC
        m.mark = m.last = m.index = 41000.0;
        m.recentLow = m.recentHigh = 41000.0;
        m.fundingRate = 0.0001;
        model.setMarket(m);
        PlanInputs in; // Binance BTCUSDT long, 10×, isolated
        in.entryAtMarket = false;
        in.entryPrice = 40000.0;
        in.size = 0.5;
        in.leverage = 10.0;
        in.stopLoss = 39000.0;
        in.takeProfit = 42000.0;
        ASSERT_FALSE(model.setInputs(in).has_value());
        ASSERT_TRUE(model.snapshot().valid);
    }

    TierLibrary tiers = TierLibrary::loadShipped();
    RiskModel model { tiers };
};

TEST_F(Report, CarriesTheTableInForceWithItsDateAndSource)
{
    const RiskReport r = riskReport(model, tiers);
    EXPECT_EQ(r.title, QStringLiteral("Binance BTCUSDT — long, isolated"));
    EXPECT_EQ(r.marketTime, QStringLiteral("2024-01-01 00:00 UTC"));
    // resources/tiers/binance_btcusdt.json: read 2021-03-26, first row 0–50,000 at 0.4%, 125×.
    EXPECT_EQ(r.tierAsOf, QStringLiteral("2021-03-26"));
    EXPECT_TRUE(r.tierSource.startsWith(QStringLiteral("Binance Futures, Trading Rules")))
        << r.tierSource.toStdString();
    ASSERT_FALSE(r.tierRows.empty());
    EXPECT_EQ(r.tierRows.front().at(2), QStringLiteral("0.4%"));
    EXPECT_EQ(r.tierRows.front().at(4), QStringLiteral("125×"));
    EXPECT_EQ(r.tierRowInForce, 0) << "a 20,000 position is in the first row";
    EXPECT_TRUE(r.rule.contains(QStringLiteral("value at the mark"))) << r.rule.toStdString();
    EXPECT_TRUE(r.rule.contains(QStringLiteral("less the row's maintenance amount"))) << r.rule.toStdString();
}

TEST_F(Report, ListsEveryFigureAsThePanelShowsIt)
{
    const RiskReport r = riskReport(model, tiers);
    ASSERT_EQ(r.figures.size(), kRiskFigureCount);
    const RiskFigureTexts texts = riskFigureTexts(model);
    for (std::size_t i = 0; i < kRiskFigureCount; ++i) {
        EXPECT_EQ(r.figures[i].label, riskFigureLabel(kRiskFiguresShown[i]));
        EXPECT_EQ(r.figures[i].value, texts[static_cast<std::size_t>(kRiskFiguresShown[i])]);
    }
    // 0.5 BTC at 40,000, 10×: initial margin 20,000 ÷ 10 = 2,000.
    EXPECT_TRUE(texts[static_cast<std::size_t>(RiskFigure::InitialMargin)].contains(QStringLiteral("at 10×")));
    const QString summary = riskSummaryText(r);
    EXPECT_TRUE(summary.startsWith(
        QStringLiteral("Binance BTCUSDT — long, isolated\nMarket at 2024-01-01 00:00 UTC\n\nVenue: Binance\n")))
        << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("Leverage: 10×\n")));
    EXPECT_TRUE(summary.contains(QStringLiteral("Stop-loss: ")));
    EXPECT_TRUE(summary.endsWith(QStringLiteral("Educational estimates, not advice.\n")));
}

TEST_F(Report, CsvLeavesAbsentFiguresEmpty)
{
    PlanInputs in = model.inputs();
    in.stopLoss.reset();
    in.takeProfit.reset();
    ASSERT_FALSE(model.setInputs(in).has_value());
    const QByteArray csv = riskFiguresCsv(model);
    EXPECT_TRUE(csv.startsWith("figure,value,unit\r\n"));
    EXPECT_TRUE(csv.contains("\r\nstop_loss,,price\r\n"));
    EXPECT_TRUE(csv.contains("\r\nrisk_at_stop,,money\r\n"));
    EXPECT_TRUE(csv.contains("\r\nreward_risk,,ratio\r\n"));
    EXPECT_TRUE(csv.contains("\r\nnotional,20000,money\r\n"));
    EXPECT_FALSE(csv.contains(",nan,") || csv.contains(",inf,") || csv.contains(",-inf,")) << csv.toStdString();
}

TEST(PortfolioCsv, AnEmptyPortfolioIsTheHeaderAlone)
{
    const TierLibrary tiers = TierLibrary::loadShipped();
    PortfolioModel portfolio(tiers);
    EXPECT_EQ(portfolioCsv(portfolio),
        QByteArray("id,symbol,side,margin_mode,quantity,entry,leverage,mark,margin,initial_margin,"
                   "maintenance_margin,unrealized_pnl,liquidation_price,liquidation_distance\r\n"));
}

} // namespace
} // namespace levlab::model
