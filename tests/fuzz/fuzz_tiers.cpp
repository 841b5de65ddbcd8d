// A tier table file → parse → the table put to work on its venue.
#include "core/model/tiers/tier_library.h"
#include "tests/fuzz/invariants.h"

#include <QByteArray>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    auto t = levlab::model::parseTierTable(bytes);
    if (!t) {
        levlab::fuzz::namesAField(t.error(), true);
        return 0;
    }
    levlab::fuzz::check(!levlab::engine::validateTable(t->table, "brackets"), "a parsed table fails validation");
    // A position across the table's rows, both sides, isolated and cross.
    const auto& rows = t->table.brackets;
    for (std::size_t i = 0; i < rows.size() && i < 6; ++i) {
        for (auto side : {levlab::engine::Side::Long, levlab::engine::Side::Short}) {
            levlab::engine::PositionInput p;
            p.contract.kind = t->contract;
            p.side = side;
            p.entryPrice = t->contract == levlab::engine::ContractKind::Linear ? 100.0 : 0.01;
            const double value = std::min(rows[i].notionalFloor + 1.0, rows[i].notionalCap * 0.999);
            p.quantity = t->contract == levlab::engine::ContractKind::Linear ? value / p.entryPrice : value * p.entryPrice;
            if (!levlab::engine::within(p.quantity, levlab::engine::kMinQuantity, levlab::engine::kMaxQuantity))
                continue;
            p.leverage = rows[i].maxLeverage > 0.0 ? std::max(1.0, rows[i].maxLeverage / 2.0) : 5.0;
            p.brackets = t->table;
            p.mode = i % 2 == 0 ? levlab::engine::MarginMode::Isolated : levlab::engine::MarginMode::Cross;
            levlab::engine::AccountInput a;
            a.venue = t->venue;
            a.walletBalance = value;
            a.positions = {p};
            auto r = levlab::engine::evaluateAccount(a);
            if (!r) {
                levlab::fuzz::namesAField(r.error());
                continue;
            }
            levlab::fuzz::checkAccount(a, r.value());
        }
    }
    return 0;
}
