#pragma once

// The dashboard with the plan of the Exits tests: 1 BTC long at 10,000 on Binance.
#include "app/gui/dashboard.h"
#include "tests/ui/dashboard_fixture.h"
#include "ui/chart/price_chart_view.h"
#include "ui/controls/exits_form.h"

#include <gtest/gtest.h>

#include <QTemporaryDir>
#include <QTest>

namespace levlab {

class Exits : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(settingsDir.isValid());
        dash = test::openDashboard(settingsDir, QSize(1366, 768), 600);
        ASSERT_TRUE(dash->window->isVisible());
    }

    model::RiskModel& model() { return dash->model; }
    ui::ExitsForm& exits() { return *dash->window->exits(); }
    ui::PriceChartView& chart() { return *dash->window->chart(); }

    /// The plan on a fixed entry: 1 BTC long at 10,000, 10×, stop 9,500, fee 0.05%.
    void planAtTenThousand()
    {
        model::PlanInputs in = model().inputs();
        in.venue = engine::Venue::Binance;
        in.symbol = QStringLiteral("BTCUSDT");
        in.entryAtMarket = false;
        in.entryPrice = 10000.0;
        in.size = 1.0;
        in.leverage = 10.0;
        in.wallet = 10000.0;
        in.marginMode = engine::MarginMode::Isolated;
        in.extraMargin = 0.0;
        in.stopLoss = 9500.0;
        in.takeProfit.reset();
        in.feeRate = 0.0005;
        in.mmRate.reset();
        ASSERT_FALSE(model().setInputs(in).has_value());
    }

    void press(QWidget* w, Qt::Key key)
    {
        w->setFocus(Qt::TabFocusReason);
        QTest::keyClick(w, key);
    }

    QTemporaryDir settingsDir;
    std::unique_ptr<app::Dashboard> dash;
};

}  // namespace levlab
