#pragma once

// A plan, a portfolio and a simulated market wired as the window wires them, for the
// file tests: the models follow the market on every advance.
#include "core/model/feeds/market_feed.h"
#include "core/model/plan/risk_model.h"
#include "core/model/portfolio/portfolio_model.h"
#include "core/model/tiers/tier_library.h"

#include <QHash>
#include <QObject>

namespace levlab::model::testing {

struct Session final {
    explicit Session(const TierLibrary& tiers, std::uint64_t seed = 20240101, double price = 42000.0)
        : feed(seed, price, 1704067200000), risk(tiers), portfolio(tiers)
    {
        feed.setSpeed(0.0);
        feed.generateHistory(240);
        risk.setMarketSource([this](const QString& symbol) { return feed.state(symbol); });
        QObject::connect(&feed, &MarketFeed::advanced, &risk, [this] { risk.setMarket(feed.state(risk.inputs().symbol)); });
        QObject::connect(&feed, &MarketFeed::advanced, &portfolio,
                         [this] { portfolio.setMarks(marks(), feed.lastTick().fundingRate, feed.lastTick().timeMs); });
        risk.setMarket(feed.state());
        portfolio.setMarks(marks(), feed.lastTick().fundingRate, feed.lastTick().timeMs);
    }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    [[nodiscard]] QHash<QString, double> marks() const
    {
        QHash<QString, double> m{{QStringLiteral("BTC"), feed.markOf(QStringLiteral("BTC"))}};
        for (const auto& f : feed.followers())
            m.insert(f.symbol(), f.price());
        return m;
    }

    MarketFeed feed;
    RiskModel risk;
    PortfolioModel portfolio;
};

}  // namespace levlab::model::testing
