// Every number a lesson's example or a question's prompt states is a number the
// dashboard shows once its scenario is loaded (or a declared given of a hypothetical).

#include "core/model/feeds/market_feed.h"
#include "core/model/lessons/lesson.h"
#include "core/model/lessons/lesson_driver.h"
#include "core/model/lessons/quiz.h"
#include "core/model/plan/risk_model.h"
#include "core/model/portfolio/portfolio_model.h"
#include "core/model/tiers/tier_library.h"

#include <gtest/gtest.h>

#include <QLocale>
#include <QRegularExpression>

#include <cmath>
#include <vector>

namespace levlab::model {
namespace {

const LessonLibrary& lessons()
{
    static const LessonLibrary lib = LessonLibrary::loadShipped();
    return lib;
}

const TierLibrary& tiers()
{
    static const TierLibrary lib = TierLibrary::loadShipped();
    return lib;
}

/// A number as the text writes it.
struct Written final {
    QString text;      ///< "9,600", "1.25%", "3 : 1"
    double value = 0;  ///< the magnitude
    double tolerance = 0;
    bool percent = false;
};

std::vector<Written> numbersIn(const QString& text)
{
    std::vector<Written> out;
    static const QRegularExpression re(QStringLiteral(R"(((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(\s*%|\s*:\s*1\b)?)"));
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        Written w;
        w.text = m.captured(0).trimmed();
        const QString digits = m.captured(1);
        w.value = QLocale::c().toDouble(QString(digits).remove(QLatin1Char(',')));
        const qsizetype dot = digits.indexOf(QLatin1Char('.'));
        const int decimals = dot < 0 ? 0 : static_cast<int>(digits.size() - dot - 1);
        w.tolerance = 0.5 * std::pow(10.0, -decimals) + 1e-9;
        w.percent = m.captured(2).contains(QLatin1Char('%'));
        out.push_back(w);
    }
    return out;
}

/// What the dashboard shows: every figure of the loaded plan and portfolio.
struct Shown final {
    std::vector<double> plain;
    std::vector<double> percents;  ///< already × 100
    void add(double v) { plain.push_back(std::abs(v)); }
    void add(const std::optional<double>& v)
    {
        if (v)
            add(*v);
    }
    void pct(double share) { percents.push_back(std::abs(share) * 100.0); }
    void pct(const std::optional<double>& share)
    {
        if (share)
            pct(*share);
    }
};

Shown shown(const RiskModel& plan, const PortfolioModel& portfolio, bool hasPlan, bool hasPortfolio)
{
    Shown out;
    if (hasPlan) {
        const RiskSnapshot& s = plan.snapshot();
        const PlanInputs& in = plan.inputs();
        const auto& p = s.position;
        for (double v : {s.entry, s.quantity, s.notional, p.initialMargin, p.margin, p.maintenanceMargin, p.margin - p.maintenanceMargin,
                         in.leverage, in.wallet, s.maxLoss, s.fees, s.fundingPerInterval, s.fundingOverHorizon, in.horizonHours})
            out.add(v);
        for (const auto& v : {p.liquidationPrice, p.bankruptcyPrice, in.stopLoss, in.takeProfit, s.riskAtStop, s.rewardRisk,
                              s.liquidationAfterHorizon, s.liquidationDrift})
            out.add(v);
        if (in.stopLoss)
            out.add(*in.stopLoss - s.entry);
        if (in.takeProfit) {
            out.add(*in.takeProfit - s.entry);
            out.add(s.quantity * (*in.takeProfit - s.entry));
        }
        out.pct(p.mmRate);
        out.pct(in.feeRate);
        out.pct(p.liquidationDistance);
        if (p.bankruptcyPrice)
            out.pct((*p.bankruptcyPrice - s.entry) / s.entry);
        out.pct(s.stopDistance);
        out.pct(s.takeProfitDistance);
        out.pct(s.riskAtStopOfWallet);
    }
    if (hasPortfolio) {
        out.add(portfolio.wallet());
        out.pct(portfolio.shock());
        for (const Holding& h : portfolio.holdings()) {
            out.add(h.quantity * h.entry);
            out.add(h.leverage);
            out.add(h.quantity * h.entry / h.leverage);
            out.pct(h.mmRate);
        }
        const auto& s = portfolio.snapshot();
        for (const auto& o : s.atShock)
            out.add(o.equity);
        out.pct(s.account.shockToLiquidation);
    }
    return out;
}

/// Each number of `text` is shown (within its written precision) or declared a given.
void expectAgree(const QString& where, const QString& text, const QStringList& givens, const Shown& s)
{
    for (const QString& g : givens)
        EXPECT_TRUE(text.contains(g)) << where.toStdString() << ": the given " << g.toStdString() << " is not in the text";
    for (const Written& w : numbersIn(text)) {
        if (givens.contains(w.text) || givens.contains(QString(w.text).remove(QLatin1Char('%')).trimmed()))
            continue;
        bool found = false;
        for (double v : w.percent ? s.percents : s.plain)
            found = found || std::abs(v - w.value) <= w.tolerance;
        EXPECT_TRUE(found) << where.toStdString() << ": \"" << w.text.toStdString() << "\" is not on the dashboard\n  in: "
                           << text.toStdString();
    }
}

class LessonNumbers : public ::testing::Test {
protected:
    MarketFeed feed{7, 42000, 1704067200000};
    RiskModel plan{tiers()};
    PortfolioModel portfolio{tiers()};
    LessonDriver driver{plan, portfolio, feed};

    void SetUp() override
    {
        ASSERT_TRUE(lessons().errors().isEmpty()) << lessons().errors().join(QLatin1Char('\n')).toStdString();
        feed.generateHistory(100);
        plan.setMarket(feed.state());
    }
};

TEST(LessonNumberReader, ReadsNumbersAsWritten)
{
    const auto n = numbersIn(QStringLiteral("1 BTC at 10,000, 20× — liquidated at 9,600 (1.25%); 3 : 1."));
    ASSERT_EQ(n.size(), 6u);
    EXPECT_EQ(n[1].text, QStringLiteral("10,000"));
    EXPECT_DOUBLE_EQ(n[1].value, 10000.0);
    EXPECT_TRUE(n[4].percent);
    EXPECT_DOUBLE_EQ(n[4].value, 1.25);
    EXPECT_DOUBLE_EQ(n[4].tolerance, 0.005 + 1e-9);
    EXPECT_EQ(n[5].text, QStringLiteral("3 : 1"));
    EXPECT_DOUBLE_EQ(n[5].value, 3.0);
}

TEST_F(LessonNumbers, EveryExampleShowsWhatItSays)
{
    for (const Lesson& l : lessons().lessons()) {
        for (const auto& section : l.sections) {
            for (const auto& example : section.examples) {
                const QString where = l.id + QStringLiteral(": ") + example.label;
                const auto r = driver.tryExample(example);
                ASSERT_FALSE(r.has_value()) << where.toStdString() << ": " << r->message().toStdString();
                ASSERT_TRUE(plan.snapshot().valid) << where.toStdString();
                EXPECT_EQ(plan.tradeState(), TradeState::Planning);
                EXPECT_DOUBLE_EQ(feed.speed(), 0.0) << "an example waits";
                EXPECT_NEAR(plan.snapshot().entry, LessonDriver::startOf(QJsonObject{{QStringLiteral("market"), example.market}}), 1e-6);
                expectAgree(where, example.label + QStringLiteral(". ") + example.explain, example.givens,
                            shown(plan, portfolio, true, false));
            }
        }
    }
}

TEST_F(LessonNumbers, EveryQuestionsScenarioShowsWhatItsPromptSays)
{
    for (const Lesson& l : lessons().lessons()) {
        for (const Question& q : l.questions) {
            const int draws = q.kind == Question::Kind::Numeric ? 12 : 1;
            for (int seed = 1; seed <= draws; ++seed) {
                auto a = ask(l, q, static_cast<std::uint64_t>(seed));
                ASSERT_TRUE(a.ok()) << a.error().message();
                const QString where = q.id + QStringLiteral(" (draw %1)").arg(seed);
                const auto r = driver.load(a.value());
                ASSERT_FALSE(r.has_value()) << where.toStdString() << ": " << r->message().toStdString();
                const bool hasPlan = a->scenario.contains(QStringLiteral("plan"));
                const bool hasPortfolio = a->scenario.contains(QStringLiteral("portfolio"));
                EXPECT_DOUBLE_EQ(feed.speed(), 0.0);
                EXPECT_NEAR(feed.state().mark, LessonDriver::startOf(a->scenario), 1e-6) << where.toStdString();
                expectAgree(where + QStringLiteral(" loaded"), a->prompt, a->givens, shown(plan, portfolio, hasPlan, hasPortfolio));
                if (q.kind == Question::Kind::Action)
                    continue;  // the learner changes the plan before it opens
                // Played: the trade opens exactly at the stated price and the numbers still hold.
                ASSERT_FALSE(driver.play().has_value());
                driver.pause();
                if (hasPlan) {
                    EXPECT_EQ(plan.tradeState(), TradeState::Open) << where.toStdString();
                    EXPECT_DOUBLE_EQ(plan.inputs().entryPrice, LessonDriver::startOf(a->scenario)) << where.toStdString();
                }
                expectAgree(where + QStringLiteral(" opened"), a->prompt, a->givens, shown(plan, portfolio, hasPlan, hasPortfolio));
            }
        }
    }
}

}  // namespace
}  // namespace levlab::model

