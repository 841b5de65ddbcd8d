// A plan's exit ladder and margin rules in a .levlab file: saved, it comes back the same;
// a bad value is refused at its line and column by the engine's own exit-plan checks.
#include "core/model/file/document.h"
#include "core/model/file/document_binding.h"
#include "tests/core/model/file/document_session.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

namespace levlab::model {
namespace {

using testing::Session;

const TierLibrary& tiers()
{
    static const TierLibrary lib = TierLibrary::loadShipped();
    return lib;
}

// A long of 0.5 BTC at 42,000 with a 3-rung ladder (+3%, +5%, +8%), break-even after
// take-profit 1, a 2% trailing stop from 44,000, one top-up and one deleverage rule.
// Line numbers below count from this text's first line, "{".
const QByteArray kLadder = R"({
    "format": "levlab/1",
    "market": {
        "marks": {"BTC": 42000, "ETH": 2300, "SOL": 100},
        "seed": 7,
        "time_ms": 1704067200000
    },
    "plan": {
        "exit_ladder": {
            "margin_rules": {
                "deleverage": [{"at_margin_ratio": 0.8, "close": 0.5}],
                "top_up": [{"add": 500, "at_margin_ratio": 0.5, "max_times": 2, "max_total": 800}]
            },
            "stop_moves": [{"after_target": 1, "break_even": true}],
            "targets": [
                {"price": 43260, "share": 0.5},
                {"price": 44100, "share": 0.3},
                {"price": 45360, "share": 0.2}
            ],
            "trailing_stop": {"activation_price": 44000, "distance": 0.02}
        },
        "positions": [
            {
                "entry_price": 42000,
                "leverage": 10,
                "quantity": 0.5,
                "side": "long",
                "stop_loss": 41160,
                "symbol": "BTCUSDT"
            }
        ],
        "venue": "binance",
        "wallet_balance": 10000
    }
}
)";

QByteArray with(QByteArray text, const char* from, const char* to)
{
    EXPECT_TRUE(text.contains(from)) << from;
    return text.replace(from, to);
}

std::string refusal(const QByteArray& text)
{
    auto doc = readDocument(text);
    return doc ? std::string("(read)") : doc.error().message();
}

/// The ladder written out by hand, as the text above gives it.
ExitLadder handLadder()
{
    ExitLadder l;
    l.targets = {{43260.0, 0.5}, {44100.0, 0.3}, {45360.0, 0.2}};
    l.stopMoves = {engine::StopMove{1, true, 0.0}};
    l.trailing = engine::TrailingStop{0.02, false, 44000.0};
    l.topUps = {engine::TopUpRule{0.5, 500.0, 2, 800.0}};
    l.deleverages = {engine::DeleverageRule{0.8, 0.5, 1}};
    return l;
}

TEST(DocumentLadder, ReadsAsWritten)
{
    auto doc = readDocument(kLadder);
    ASSERT_TRUE(doc) << doc.error().message();
    EXPECT_EQ(doc.value().plan->inputs.ladder, handLadder());
    EXPECT_EQ(doc.value().plan->life.planned.ladder, handLadder());
}

TEST(DocumentLadder, WrittenWithSortedKeysAndShortestNumbers)
{
    auto doc = readDocument(kLadder);
    ASSERT_TRUE(doc) << doc.error().message();
    const QByteArray expected = R"(        "exit_ladder": {
            "margin_rules": {
                "deleverage": [
                    {
                        "at_margin_ratio": 0.8,
                        "close": 0.5,
                        "max_times": 1
                    }
                ],
                "top_up": [
                    {
                        "add": 500,
                        "at_margin_ratio": 0.5,
                        "max_times": 2,
                        "max_total": 800
                    }
                ]
            },
            "stop_moves": [
                {
                    "after_target": 1,
                    "break_even": true
                }
            ],
            "targets": [
                {
                    "price": 43260,
                    "share": 0.5
                },
                {
                    "price": 44100,
                    "share": 0.3
                },
                {
                    "price": 45360,
                    "share": 0.2
                }
            ],
            "trailing_stop": {
                "activation_price": 44000,
                "distance": 0.02
            }
        },
        "positions": [
)";
    EXPECT_TRUE(writeDocument(doc.value()).contains(expected)) << writeDocument(doc.value()).constData();
}

TEST(DocumentLadder, SaveOpenSaveGivesTheSameBytesAndInputs)
{
    Session s(tiers());
    auto doc = readDocument(kLadder);
    ASSERT_TRUE(doc) << doc.error().message();
    auto applied = applyDocument(doc.value(), s.risk, s.portfolio, s.feed);
    ASSERT_TRUE(applied) << applied.error().message();
    EXPECT_EQ(s.risk.inputs().ladder, handLadder());

    const QByteArray saved = writeDocument(captureDocument(s.risk, s.portfolio, s.feed, {}));
    EXPECT_TRUE(saved.contains("\"exit_ladder\": {")) << saved.constData();
    auto reopened = readDocument(saved);
    ASSERT_TRUE(reopened) << reopened.error().message();
    Session t(tiers(), 99);
    auto again = applyDocument(reopened.value(), t.risk, t.portfolio, t.feed);
    ASSERT_TRUE(again) << again.error().message();
    EXPECT_EQ(t.risk.inputs(), s.risk.inputs());
    EXPECT_EQ(t.risk.tradeLife(), s.risk.tradeLife());
    EXPECT_EQ(writeDocument(captureDocument(t.risk, t.portfolio, t.feed, {})), saved);
}

TEST(DocumentLadder, AnOpenLadderTradeKeepsItsPlanAndItsLadder)
{
    // Opened at market (42,000 here): the trade's life (state, when it opened, the
    // inputs as planned) and both ladders come back; the rungs filled so far are not
    // kept by the file (TradeLife holds no ladder progress).
    Session s(tiers());
    auto doc = readDocument(with(kLadder, "\"entry_price\": 42000,\n", ""));
    ASSERT_TRUE(doc) << doc.error().message();
    ASSERT_TRUE(applyDocument(doc.value(), s.risk, s.portfolio, s.feed));
    ASSERT_FALSE(s.risk.openAtMarket());
    ASSERT_EQ(s.risk.tradeLife().state, TradeState::Open);
    EXPECT_EQ(s.risk.inputs().ladder, handLadder());
    // …and is watched by its ladder again: the whole position is still open under it.
    ASSERT_TRUE(s.risk.snapshot().quantityLeft.has_value());
    EXPECT_EQ(*s.risk.snapshot().quantityLeft, s.risk.snapshot().quantity);
    // …and is watched by its ladder again: the whole position is still open under it.
    ASSERT_TRUE(s.risk.snapshot().quantityLeft.has_value());
    EXPECT_EQ(*s.risk.snapshot().quantityLeft, s.risk.snapshot().quantity);

    const QByteArray saved = writeDocument(captureDocument(s.risk, s.portfolio, s.feed, {}));
    auto reopened = readDocument(saved);
    ASSERT_TRUE(reopened) << reopened.error().message();
    EXPECT_EQ(reopened.value().plan->life.planned.ladder, handLadder());
    Session t(tiers(), 99);
    auto again = applyDocument(reopened.value(), t.risk, t.portfolio, t.feed);
    ASSERT_TRUE(again) << again.error().message();
    EXPECT_EQ(t.risk.tradeLife(), s.risk.tradeLife());
    EXPECT_EQ(t.risk.inputs(), s.risk.inputs());
    EXPECT_EQ(writeDocument(captureDocument(t.risk, t.portfolio, t.feed, {})), saved);
}

TEST(DocumentLadder, AnAtMarketLadderIsCheckedAtTheFilesMarketNotTheOneOnScreen)
{
    // On screen the market stands at 50,000, where the file's first target (43,260) would
    // lie below a long's entry; the file's market is at 42,000, where the ladder holds.
    Session s(tiers(), 20240101, 50000.0);
    auto doc = readDocument(with(kLadder, "\"entry_price\": 42000,\n", ""));
    ASSERT_TRUE(doc) << doc.error().message();
    auto applied = applyDocument(doc.value(), s.risk, s.portfolio, s.feed);
    ASSERT_TRUE(applied) << applied.error().message();
    EXPECT_EQ(s.risk.snapshot().entry, 42000.0);
    EXPECT_EQ(s.risk.inputs().ladder, handLadder());
}

TEST(DocumentLadder, AFileWithoutALadderReadsWithAnEmptyOne)
{
    QByteArray text = kLadder;
    const qsizetype from = text.indexOf("        \"exit_ladder\"");
    const qsizetype to = text.indexOf("        \"positions\"");
    text.remove(from, to - from);
    auto doc = readDocument(text);
    ASSERT_TRUE(doc) << doc.error().message();
    EXPECT_TRUE(doc.value().plan->inputs.ladder.empty());
    EXPECT_FALSE(writeDocument(doc.value()).contains("exit_ladder"));
}

TEST(DocumentLadder, BadValuesAreRefusedAtTheirLineAndColumn)
{
    EXPECT_EQ(refusal(with(kLadder, "\"share\": 0.3", "\"share\": \"30%\"")), "17:43: \"share\" must be a number");
    EXPECT_EQ(refusal(with(kLadder, "\"share\": 0.2}", "\"share\": 0.2, \"colour\": 1}")), "18:48: unknown field \"colour\"");
    EXPECT_EQ(refusal(with(kLadder, "\"after_target\": 1,", "\"after_target\": 1.5,")),
              "14:45: \"after_target\" must be a whole number from 1 to 1000000");
    EXPECT_EQ(refusal(with(kLadder, "\"close\": 0.5", "\"close\": 1.5")),
              "11:66: Deleverage 1, share: must lie in (0, 1] (a fraction of the open position: 0.5 is 50%).");
    // The shares 50% + 30% + 45% close more than the whole position.
    EXPECT_EQ(refusal(with(kLadder, "\"share\": 0.2", "\"share\": 0.45")),
              "18:43: Take-profit 3, share: brings the shares to 125%: together they may close at most 100%.");
    EXPECT_EQ(refusal(with(kLadder, "\"after_target\": 1,", "\"after_target\": 4,")),
              "14:45: Break-even after: names take-profit 4, but the ladder has 3.");
}

TEST(DocumentLadder, ARefusedLadderChangesNothing)
{
    Session s(tiers());
    const QByteArray before = writeDocument(captureDocument(s.risk, s.portfolio, s.feed, {}));
    QSignalSpy plan(&s.risk, &RiskModel::changed);
    // At market the exit plan is checked when the file meets the market, by the plan's
    // own rules (a share is at most 100%), and placed at its line and column.
    auto doc = readDocument(with(with(kLadder, "\"entry_price\": 42000,\n", ""), "\"close\": 0.5", "\"close\": 1.5"));
    ASSERT_TRUE(doc) << doc.error().message();
    auto applied = applyDocument(doc.value(), s.risk, s.portfolio, s.feed);
    ASSERT_FALSE(applied);
    EXPECT_EQ(applied.error().message(), "11:66: Deleverage 1, share: must be more than 0% and at most 100%.");
    EXPECT_EQ(plan.count(), 0);
    EXPECT_EQ(writeDocument(captureDocument(s.risk, s.portfolio, s.feed, {})), before);
}

TEST(DocumentLadder, SeveralRulesOfEachKindAndATrailingDistanceInPriceRoundTrip)
{
    Session s(tiers());
    auto doc = readDocument(kLadder);
    ASSERT_TRUE(doc) << doc.error().message();
    ASSERT_TRUE(applyDocument(doc.value(), s.risk, s.portfolio, s.feed));
    ExitLadder l = handLadder();
    l.trailing = engine::TrailingStop{350.0, true, 44000.0};
    l.topUps = {engine::TopUpRule{0.5, 500.0, 2, 800.0}, engine::TopUpRule{0.6, 250.0, 1, std::nullopt},
                engine::TopUpRule{0.7, 100.0, 3, 200.0}};
    l.deleverages = {engine::DeleverageRule{0.8, 0.5, 1}, engine::DeleverageRule{0.9, 0.25, 2}};
    ASSERT_FALSE(s.risk.setExitLadder(l).has_value());
    const QByteArray saved = writeDocument(captureDocument(s.risk, s.portfolio, s.feed, {}));
    EXPECT_TRUE(saved.contains("\"distance_price\": 350")) << saved.constData();
    auto reopened = readDocument(saved);
    ASSERT_TRUE(reopened) << reopened.error().message();
    EXPECT_EQ(reopened.value().plan->inputs.ladder, l);
    Session t(tiers(), 99);
    ASSERT_TRUE(applyDocument(reopened.value(), t.risk, t.portfolio, t.feed));
    EXPECT_EQ(t.risk.inputs().ladder, l);
    EXPECT_EQ(writeDocument(captureDocument(t.risk, t.portfolio, t.feed, {})), saved);
}

TEST(DocumentLadder, AFourthRuleOfAKindIsRefusedAndChangesNothing)
{
    Session s(tiers());
    auto doc = readDocument(kLadder);
    ASSERT_TRUE(doc) << doc.error().message();
    ASSERT_TRUE(applyDocument(doc.value(), s.risk, s.portfolio, s.feed));
    ExitLadder l = handLadder();
    l.topUps.assign(4, engine::TopUpRule{0.5, 100.0, 1, std::nullopt});
    const auto refused = s.risk.setExitLadder(l);
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->message(), QStringLiteral("Top-up rules: holds at most 3 top-up rules."));
    EXPECT_EQ(s.risk.inputs().ladder, handLadder());
    l = handLadder();
    l.deleverages.assign(4, engine::DeleverageRule{0.8, 0.1, 1});
    EXPECT_EQ(s.risk.setExitLadder(l)->message(), QStringLiteral("Deleveraging rules: holds at most 3 deleveraging rules."));
    // A trailing distance in price at or beyond the entry leaves no stop: the engine's words.
    l = handLadder();
    l.trailing = engine::TrailingStop{42000.0, true, std::nullopt};
    const auto far = s.risk.setExitLadder(l);
    ASSERT_TRUE(far.has_value());
    EXPECT_EQ(far->message(), QStringLiteral("Trailing stop: must be a price distance greater than 0 and below the entry."));
    EXPECT_EQ(s.risk.inputs().ladder, handLadder());
}

}  // namespace
}  // namespace levlab::model
