#include "core/model/portfolio/portfolio_model.h"
#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

#include <QSignalSpy>

namespace levlab::model {
namespace {

class PortfolioTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        // The portfolio case on the textbook rule: MMR 1% each, wallet 2,000.
        ASSERT_FALSE(model.setVenue(engine::Venue::Textbook).has_value());
        model.setMarks({{QStringLiteral("BTC"), 10000.0}, {QStringLiteral("ETH"), 100.0}}, 0.0);
        ASSERT_FALSE(model.setWallet(2000).has_value());
        Holding a{QStringLiteral("a"), QStringLiteral("BTCUSDT"), engine::Side::Long, 1, 10000, 10, engine::MarginMode::Cross, std::nullopt, 0.01};
        Holding b{QStringLiteral("b"), QStringLiteral("ETHUSDT"), engine::Side::Long, 10, 100, 2, engine::MarginMode::Cross, std::nullopt, 0.01};
        ASSERT_FALSE(model.add(a).has_value());
        ASSERT_FALSE(model.add(b).has_value());
    }

    const engine::Outcome& at(engine::Layout l) { return model.snapshot().atShock[static_cast<std::size_t>(l)]; }

    TierLibrary tiers = TierLibrary::loadShipped();
    PortfolioModel model{tiers};
};

TEST_F(PortfolioTest, CompareViewOfTheWorkedCase)
{
    ASSERT_FALSE(model.setShock(-0.12).has_value());
    EXPECT_NEAR(at(engine::Layout::AllCross).equity, 680.0, 1e-9);
    EXPECT_TRUE(at(engine::Layout::AllCross).liquidated.empty());
    EXPECT_NEAR(at(engine::Layout::AllIsolated).equity, 880.0, 1e-9);
    EXPECT_EQ(at(engine::Layout::AllIsolated).liquidated, std::vector<std::string>{"a"});

    ASSERT_FALSE(model.setShock(-0.45).has_value());
    EXPECT_NEAR(at(engine::Layout::AllCross).equity, 0.0, 1e-9);
    EXPECT_EQ(at(engine::Layout::AllCross).liquidated, (std::vector<std::string>{"a", "b"}));
    EXPECT_NEAR(at(engine::Layout::AllIsolated).equity, 550.0, 1e-9);
    EXPECT_NEAR(*model.snapshot().account.shockToLiquidation, -1890.0 / 11000.0, 1e-12);
    // The stepped crash: isolated a goes at step 9 (−9%); all cross, both at step 18 (past −17.18%).
    const auto& iso = model.snapshot().steppedPath[static_cast<std::size_t>(engine::Layout::AllIsolated)];
    ASSERT_EQ(iso.events.size(), 1u);
    EXPECT_EQ(iso.events[0].timeMs, 9);
    const auto& cross = model.snapshot().steppedPath[static_cast<std::size_t>(engine::Layout::AllCross)];
    ASSERT_EQ(cross.events.size(), 1u);
    EXPECT_EQ(cross.events[0].timeMs, 18);
}

TEST_F(PortfolioTest, CrossLiquidationLinesMoveWithTheOtherPositions)
{
    // a's cross liquidation holds b at its mark: 2,000 − 10 (b's maintenance) + b's PnL + (P − 10,000) = 100.
    EXPECT_NEAR(*model.snapshot().account.positions[0].liquidationPrice, 8110.0, 1e-9);
    QSignalSpy spy(&model, &PortfolioModel::marksChanged);
    model.setMarks({{QStringLiteral("BTC"), 10000.0}, {QStringLiteral("ETH"), 60.0}}, 0.0);  // b loses 400
    EXPECT_EQ(spy.count(), 1);
    EXPECT_NEAR(*model.snapshot().account.positions[0].liquidationPrice, 8510.0, 1e-9) << "a's line jumps by b's loss";
    // Made isolated, b's losses no longer reach a.
    Holding b = model.holdings()[1];
    b.mode = engine::MarginMode::Isolated;
    ASSERT_FALSE(model.update(1, b).has_value());
    // Cross wallet 2,000 − 500: 1,500 + (P − 10,000) = 100.
    EXPECT_NEAR(*model.snapshot().account.positions[0].liquidationPrice, 8600.0, 1e-9);
    model.setMarks({{QStringLiteral("BTC"), 10000.0}, {QStringLiteral("ETH"), 40.0}}, 0.0);
    EXPECT_NEAR(*model.snapshot().account.positions[0].liquidationPrice, 8600.0, 1e-9) << "an isolated loss stays isolated";
}

TEST_F(PortfolioTest, ACrashClosesWhatItLiquidatesAndTheRestGoOn)
{
    // a isolated (liquidation 9,100), b cross. As BTC falls through 9,100 a is closed and its 1,000
    // margin leaves the wallet; b carries on with the 1,000 left, its cross liquidation unchanged.
    Holding a = model.holdings()[0];
    a.mode = engine::MarginMode::Isolated;
    ASSERT_FALSE(model.update(0, a).has_value());
    const double bLiq = *model.snapshot().account.positions[1].liquidationPrice;
    QSignalSpy spy(&model, &PortfolioModel::liquidated);
    model.setMarks({{QStringLiteral("BTC"), 9500.0}, {QStringLiteral("ETH"), 100.0}}, 0.0, 1);
    EXPECT_EQ(spy.count(), 0);
    model.setMarks({{QStringLiteral("BTC"), 9050.0}, {QStringLiteral("ETH"), 100.0}}, 0.0, 2);
    ASSERT_EQ(spy.count(), 1);
    ASSERT_EQ(model.events().size(), 1u);
    EXPECT_EQ(model.events()[0].ids, QStringList{QStringLiteral("a")});
    EXPECT_DOUBLE_EQ(model.events()[0].loss, 1000.0);
    EXPECT_DOUBLE_EQ(model.wallet(), 1000.0);
    ASSERT_EQ(model.holdings().size(), 1u);
    EXPECT_NEAR(*model.snapshot().account.positions[0].liquidationPrice, bLiq, 1e-9);
    // ETH then falls through b's cross liquidation: b is closed at the mark, its loss from the wallet.
    model.setMarks({{QStringLiteral("BTC"), 9050.0}, {QStringLiteral("ETH"), 0.5}}, 0.0, 3);  // b's line sits at 1.0
    ASSERT_EQ(model.events().size(), 2u);
    EXPECT_TRUE(model.events()[1].cross);
    EXPECT_DOUBLE_EQ(model.events()[1].loss, 995.0);
    EXPECT_TRUE(model.holdings().empty());
    EXPECT_DOUBLE_EQ(model.wallet(), 5.0);
}

TEST_F(PortfolioTest, OneCrossLiquidationMovesTheOtherCrossLine)
{
    // Wallet 2,000, a (BTC) and b (ETH) both cross. BTC at 9,100 (a −900) and ETH at 0.5 (b −995)
    // leave 105 against a maintenance of 110: the account is at maintenance. b, the worse, is closed
    // at the mark, realising −995; a stands alone on 1,005 (105 of equity, above its 100), and its
    // line jumps from 8,110 to 10,000 − (1,005 − 100) = 9,095.
    const double before = *model.snapshot().account.positions[0].liquidationPrice;
    model.setMarks({{QStringLiteral("BTC"), 9100.0}, {QStringLiteral("ETH"), 0.5}}, 0.0, 5);
    ASSERT_EQ(model.events().size(), 1u);
    EXPECT_EQ(model.events()[0].ids, QStringList{QStringLiteral("b")});
    EXPECT_DOUBLE_EQ(model.events()[0].loss, 995.0);
    ASSERT_EQ(model.holdings().size(), 1u);
    EXPECT_DOUBLE_EQ(model.wallet(), 1005.0);
    EXPECT_NEAR(before, 8110.0, 1e-9);
    EXPECT_NEAR(*model.snapshot().account.positions[0].liquidationPrice, 9095.0, 1e-9);
}

TEST_F(PortfolioTest, TransfersAreLimitedAndStrictIsolatedRefusesRemoval)
{
    Holding a = model.holdings()[0];
    a.mode = engine::MarginMode::Isolated;
    a.isolatedMargin = 1200;
    ASSERT_FALSE(model.update(0, a).has_value());
    // Textbook: remaining must cover the initial margin at mark (1,000): at most 200 comes out.
    auto preview = model.previewTransfer(0, -150);
    ASSERT_TRUE(preview.ok()) << preview.error().message();
    EXPECT_DOUBLE_EQ(preview->maxRemovable, 200.0);
    EXPECT_NEAR(*preview->liquidationPrice, 8900.0, 1e-9);
    EXPECT_NEAR(*preview->newLiquidationPrice, 9050.0, 1e-9);
    auto refused = model.transferMargin(0, -250);
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->field, QStringLiteral("amount"));
    EXPECT_TRUE(refused->reason.startsWith(QStringLiteral("at most 200.00 can be removed")));
    EXPECT_DOUBLE_EQ(*model.holdings()[0].isolatedMargin, 1200.0);

    a.mode = engine::MarginMode::StrictIsolated;
    ASSERT_FALSE(model.update(0, a).has_value());
    auto strict = model.transferMargin(0, -50);
    ASSERT_TRUE(strict.has_value());
    EXPECT_TRUE(strict->reason.startsWith(QStringLiteral("strict isolated margin cannot be removed")));
    ASSERT_FALSE(model.transferMargin(0, 300).has_value());
    EXPECT_DOUBLE_EQ(*model.holdings()[0].isolatedMargin, 1500.0);
}

TEST_F(PortfolioTest, FundingDriftOverTheHoldingPeriod)
{
    model.setMarks({{QStringLiteral("BTC"), 10000.0}, {QStringLiteral("ETH"), 100.0}}, 0.0001);
    ASSERT_FALSE(model.setHorizonHours(240).has_value());  // 30 intervals
    const auto& f = model.snapshot().funding;
    EXPECT_EQ(f.intervals, 30);
    EXPECT_NEAR(f.paid[0], 30.0, 1e-9);  // 10,000 × 0.01% × 30
    EXPECT_NEAR(f.paid[1], 3.0, 1e-9);   // 1,000 × 0.01% × 30
    EXPECT_NEAR(f.totalPaid, 33.0, 1e-9);
    // Cross: the wallet pays; a's liquidation moves up by what was paid.
    EXPECT_NEAR(*f.after.positions[0].liquidationPrice - *f.before.positions[0].liquidationPrice, 33.0, 1e-9);
}

TEST_F(PortfolioTest, BadEditsAreRefusedAndRemovalCanBeUndone)
{
    Holding a = model.holdings()[0];
    a.quantity = -1;
    auto r = model.update(0, a);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->message(), QStringLiteral("Position 1, size: must be a finite number greater than 0."));
    EXPECT_DOUBLE_EQ(model.holdings()[0].quantity, 1.0);

    const Holding removed = model.holdings()[0];
    ASSERT_FALSE(model.remove(0).has_value());
    EXPECT_EQ(model.holdings().size(), 1u);
    ASSERT_FALSE(model.insert(0, removed).has_value());  // what an undo does
    EXPECT_EQ(model.holdings()[0], removed);

    ASSERT_FALSE(model.duplicate(1).has_value());
    EXPECT_EQ(model.holdings().size(), 3u);
    EXPECT_EQ(model.holdings()[2].id, QStringLiteral("eth"));
}

}  // namespace
}  // namespace levlab::model
