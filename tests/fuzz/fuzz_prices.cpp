// Price and funding files (levlab-cli prices / odds) → import → the odds grid.
#include "core/engine/history/odds.h"
#include "core/model/history/funding_import.h"
#include "core/model/history/price_import.h"
#include "tests/fuzz/invariants.h"

#include <QByteArray>

namespace {

void checkRefusals(const std::vector<levlab::engine::Refusal>& refused)
{
    for (const auto& r : refused) {
        levlab::fuzz::check(r.line >= 1 && r.column >= 1, "refusal without a line and column: " + r.reason);
        levlab::fuzz::check(!r.reason.empty(), "refusal without a reason");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace levlab;
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const engine::PriceHistory h = model::importPrices(bytes);
    checkRefusals(h.report.refused);
    (void)model::reportJson(h.report);
    if (!h.report.refused.empty()) {
        fuzz::check(h.bars.empty(), "a refused file kept bars");
    } else {
        fuzz::check(!h.bars.empty() && h.report.rows == h.bars.size(), "rows and bars disagree");
        for (std::size_t i = 0; i < h.bars.size(); ++i) {
            const engine::Bar& b = h.bars[i];
            fuzz::check(i == 0 || h.bars[i - 1].time < b.time, "bars not strictly ascending");
            for (double v : {b.open, b.high, b.low, b.close})
                fuzz::check(std::isfinite(v) && v > 0.0, "a price is not a finite number above 0");
            fuzz::check(b.low <= b.close && b.close <= b.high, "close outside low–high");
        }
        engine::OddsPosition plan;
        plan.position.quantity = 1.0;
        plan.position.entryPrice = h.bars.front().open;
        plan.position.leverage = 10.0;
        plan.position.mmRate = 0.005;
        plan.stopDistance = 0.02;
        std::vector<engine::Bar> bars(h.bars.begin(), h.bars.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(h.bars.size(), 4096)));
        auto grid = engine::liquidationOdds(bars, h.report.intervalSeconds, plan, {1, 10, 100}, {0.5, 24});
        fuzz::check(grid.ok(), "the odds refused a valid plan");
        for (const auto& c : grid->cells) {
            fuzz::check(c.liquidated <= c.entries && c.stoppedFirst <= c.entries, "more outcomes than entries");
            fuzz::check(c.share >= 0.0 && c.share <= 1.0, "share outside 0…1");
        }
    }
    const engine::FundingHistory f = model::importFunding(bytes);
    checkRefusals(f.report.refused);
    for (std::size_t i = 1; i < f.settlements.size(); ++i)
        fuzz::check(f.settlements[i - 1].time < f.settlements[i].time, "settlements not strictly ascending");
    for (const auto& s : f.settlements)
        fuzz::finite(s.rate, "funding rate");
    return 0;
}
