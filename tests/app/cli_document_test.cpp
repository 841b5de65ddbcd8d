// `levlab-cli evaluate FILE.levlab` prints exactly the numbers the window shows for the
// file: for a plan and a portfolio on every venue, its output equals the snapshots of
// the models the file was saved from, and of the models it opens into.
#include "core/model/file/document.h"
#include "core/model/file/document_binding.h"
#include "core/model/scenario/scenario.h"
#include "tests/core/model/file/document_session.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

using testing::Session;

struct Venue final {
    engine::Venue venue;
    const char* symbol;  ///< of the plan and the portfolio's first position
    bool inverse;
};

QByteArray runEvaluate(const QString& file, int* exitCode)
{
    QProcess p;
    p.start(QStringLiteral(LEVLAB_CLI_PATH), {QStringLiteral("evaluate"), file});
    p.waitForFinished(30000);
    *exitCode = p.exitCode();
    return p.readAllStandardOutput() + p.readAllStandardError();
}

QJsonObject accountOf(const engine::AccountResult& r)
{
    return accountResultToJson(r);
}

TEST(CliDocument, EvaluateGivesTheWindowsNumbersForAPlanAndAPortfolioOnEveryVenue)
{
    const TierLibrary tiers = TierLibrary::loadShipped();
    const Venue venues[]{
        {engine::Venue::Binance, "BTCUSDT", false}, {engine::Venue::Bybit, "BTCUSDT", false},
        {engine::Venue::Bybit, "BTCUSD", true},     {engine::Venue::Okx, "BTC-USDT-SWAP", false},
        {engine::Venue::Gate, "BTC_USDT", false},   {engine::Venue::Hyperliquid, "BTC", false},
        {engine::Venue::Bitmex, "XBTUSD", true},
    };
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    for (const Venue& v : venues) {
        const std::string name = std::string(engine::venueName(v.venue)) + " " + v.symbol;
        SCOPED_TRACE(name);
        Session saved(tiers);
        PlanInputs in;
        in.venue = v.venue;
        in.symbol = QLatin1String(v.symbol);
        in.wallet = v.inverse ? 0.8 : 8000.0;
        in.size = v.inverse ? 30000.0 : 0.6;
        in.leverage = 20.0;
        in.marginMode = engine::MarginMode::Isolated;
        in.extraMargin = v.inverse ? 0.005 : 40.0;
        in.feeRate = 0.0006;
        const auto refusedPlan = saved.risk.setInputs(in);
        ASSERT_FALSE(refusedPlan) << refusedPlan->message().toStdString();
        ASSERT_FALSE(saved.portfolio.setVenue(v.venue));
        ASSERT_FALSE(saved.portfolio.setWallet(v.inverse ? 2.0 : 20000.0));
        Holding cross;
        cross.symbol = QLatin1String(v.symbol);
        cross.quantity = v.inverse ? 20000.0 : 0.4;
        cross.leverage = 10.0;
        Holding isolated = cross;
        isolated.side = engine::Side::Short;
        isolated.mode = engine::MarginMode::Isolated;
        isolated.leverage = 5.0;
        Holding eth;  // a follower with the venue's own table, or the 1% rate where it ships none
        eth.symbol = QStringLiteral("ETHUSDT");
        eth.quantity = 4.0;
        eth.leverage = 8.0;
        for (const Holding& h : v.inverse ? std::vector{cross, isolated} : std::vector{cross, isolated, eth}) {
            const auto refused = saved.portfolio.add(h);
            ASSERT_FALSE(refused) << refused->message().toStdString();
        }
        saved.feed.advance(25);

        const QString file = dir.filePath(QString::fromStdString(name).replace(QLatin1Char(' '), QLatin1Char('_')) + QStringLiteral(".levlab"));
        const QByteArray bytes = writeDocument(captureDocument(saved.risk, saved.portfolio, saved.feed, {}));
        QSaveFile out(file);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        ASSERT_TRUE(out.commit());

        int code = -1;
        const QByteArray printed = runEvaluate(file, &code);
        ASSERT_EQ(code, 0) << printed.toStdString();
        const QJsonObject figures = QJsonDocument::fromJson(printed).object();
        EXPECT_EQ(figures.value(QStringLiteral("plan")).toObject(), accountOf(saved.risk.snapshot().account));
        EXPECT_EQ(figures.value(QStringLiteral("portfolio")).toObject(), accountOf(saved.portfolio.snapshot().account));

        // The window, opening the file.
        Session window(tiers, 3, 25000.0);
        auto doc = readDocument(bytes);
        ASSERT_TRUE(doc) << doc.error().message();
        ASSERT_TRUE(applyDocument(doc.value(), window.risk, window.portfolio, window.feed));
        EXPECT_EQ(figures.value(QStringLiteral("plan")).toObject(), accountOf(window.risk.snapshot().account));
        EXPECT_EQ(figures.value(QStringLiteral("portfolio")).toObject(), accountOf(window.portfolio.snapshot().account));

        // Liquidation, bankruptcy and margins are there to compare, not nulls.
        const QJsonObject plan = figures.value(QStringLiteral("plan")).toObject().value(QStringLiteral("positions")).toArray().at(0).toObject();
        EXPECT_TRUE(plan.value(QStringLiteral("liquidation_price")).isDouble());
        EXPECT_TRUE(plan.value(QStringLiteral("bankruptcy_price")).isDouble());
        EXPECT_TRUE(plan.value(QStringLiteral("maintenance_margin")).isDouble());
        EXPECT_TRUE(plan.value(QStringLiteral("initial_margin")).isDouble());
    }
}

TEST(CliDocument, AMalformedFileIsRefusedWithItsNameLineAndColumn)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("plan.levlab"));
    QSaveFile out(file);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write("{\n    \"format\": \"levlab/1\",\n"
              "    \"market\": {\"marks\": {\"BTC\": \"high\", \"ETH\": 1, \"SOL\": 1}, \"seed\": 1, \"time_ms\": 0}\n}\n");
    ASSERT_TRUE(out.commit());
    int code = -1;
    const QByteArray printed = runEvaluate(file, &code);
    EXPECT_EQ(code, 2);
    EXPECT_EQ(printed.trimmed().toStdString(),
              "levlab-cli: " + file.toStdString() + ":3:33: \"BTC\" must be a number");
}

}  // namespace
}  // namespace levlab::model
