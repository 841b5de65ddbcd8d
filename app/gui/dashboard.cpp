#include "app/gui/dashboard.h"

namespace levlab::app {

namespace {

std::unique_ptr<model::AppSettings> makeSettings(const QString& path)
{
    return path.isEmpty() ? std::make_unique<model::AppSettings>() : std::make_unique<model::AppSettings>(path);
}

}  // namespace

Dashboard::Dashboard(const DashboardOptions& options)
    : tiers(model::TierLibrary::loadShipped()),
      settings(makeSettings(options.settingsPath)),
      feed(options.seed, options.startPrice, options.startMs),
      model(tiers)
{
    feed.generateHistory(options.historyMinutes);
    QObject::connect(&feed, &model::MarketFeed::advanced, &model, [this] { model.setMarket(feed.state()); });
    model.setMarket(feed.state());
    {
        // A first plan a beginner can read: half a bitcoin, 10x isolated, stop 2% away, target 4%.
        model::RiskModel::Batch batch(model);
        const double mark = feed.state().mark;
        model::PlanInputs in;
        in.size = 0.5;
        in.leverage = 10.0;
        in.wallet = 10000.0;
        in.stopLoss = model.snapToTick(mark * 0.98);
        in.takeProfit = model.snapToTick(mark * 1.04);
        model.setInputs(in);
    }
    window = std::make_unique<ui::MainWindow>(model, feed, *settings);
}

}  // namespace levlab::app
