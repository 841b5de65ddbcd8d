#include "core/model/lessons/lesson_sandbox.h"

#include "core/model/feeds/market_feed.h"
#include "core/model/plan/risk_model.h"

namespace levlab::model {

QHash<QString, double> portfolioMarks(const MarketFeed& feed)
{
    QHash<QString, double> marks{{QStringLiteral("BTC"), feed.markOf(QStringLiteral("BTC"))}};
    for (const auto& f : feed.followers())
        marks.insert(f.symbol(), f.price());
    return marks;
}

struct LessonSandbox::Saved final {
    std::shared_ptr<const RiskModel::Memento> plan;
    PortfolioModel::Memento portfolio;
    std::shared_ptr<const MarketFeed::Memento> market;
};

LessonSandbox::LessonSandbox(RiskModel& plan, PortfolioModel& portfolio, MarketFeed& feed)
    : m_plan(plan), m_portfolio(portfolio), m_feed(feed)
{
}

void LessonSandbox::enter()
{
    if (m_saved)
        return;
    m_saved = std::make_shared<const Saved>(Saved{m_plan.save(), m_portfolio.save(), m_feed.save()});
}

void LessonSandbox::leave()
{
    if (!m_saved)
        return;
    const std::shared_ptr<const Saved> saved = *m_saved;
    m_saved.reset();
    // The market goes back last: by then the plan and the portfolio are the learner's
    // again, so its return reaches them as the prices they were saved at, and
    // nothing of the lesson's can trigger on the way.
    m_feed.setSpeed(0.0);
    m_plan.restore(*saved->plan);
    m_portfolio.restore(saved->portfolio);
    m_feed.restore(*saved->market);
    syncMarket();
}

void LessonSandbox::syncMarket()
{
    m_plan.setMarket(m_feed.state(m_plan.inputs().symbol));
    m_portfolio.setMarks(portfolioMarks(m_feed), m_feed.lastTick().fundingRate, m_feed.lastTick().timeMs);
}

}  // namespace levlab::model
