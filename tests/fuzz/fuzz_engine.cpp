// Positions built straight from bytes (no parser in the way): the engine's
// contract over any numbers, including the extreme ones no JSON seed holds.
#include "tests/fuzz/invariants.h"

#include <fuzzer/FuzzedDataProvider.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace levlab::engine;
    FuzzedDataProvider in(data, size);
    AccountInput a;
    a.venue = kAllVenues[in.ConsumeIntegralInRange<std::size_t>(0, kAllVenues.size() - 1)];
    if (in.ConsumeBool())
        a.walletBalance = in.ConsumeFloatingPoint<double>();
    const auto count = in.ConsumeIntegralInRange<int>(1, 3);
    const auto kind = in.ConsumeBool() ? ContractKind::Linear : ContractKind::Inverse;
    for (int i = 0; i < count; ++i) {
        PositionInput p;
        p.id = "p" + std::to_string(i);
        p.contract.kind = kind;
        p.side = in.ConsumeBool() ? Side::Long : Side::Short;
        p.quantity = in.ConsumeFloatingPoint<double>();
        p.entryPrice = in.ConsumeFloatingPoint<double>();
        if (in.ConsumeBool())
            p.markPrice = in.ConsumeFloatingPoint<double>();
        p.mode = static_cast<MarginMode>(in.ConsumeIntegralInRange<int>(0, 2));
        if (in.ConsumeBool())
            p.leverage = in.ConsumeFloatingPoint<double>();
        if (in.ConsumeBool())
            p.isolatedMargin = in.ConsumeFloatingPoint<double>();
        if (in.ConsumeBool())
            p.mmRate = in.ConsumeProbability<double>() * 0.2;
        if (in.ConsumeBool())
            p.maxLeverage = in.ConsumeFloatingPoint<double>();
        const auto rows = in.ConsumeIntegralInRange<int>(0, 5);
        p.brackets.style = in.ConsumeBool() ? BracketStyle::Step : BracketStyle::Cumulative;
        double floor = 0.0;
        double rate = 0.0;
        double amount = 0.0;
        for (int k = 0; k < rows; ++k) {
            const double cap = floor + in.ConsumeFloatingPointInRange<double>(1e-6, 1e9);
            const double next = in.ConsumeFloatingPointInRange<double>(1e-4, 0.5);
            if (k > 0 && p.brackets.style == BracketStyle::Cumulative)
                amount += floor * (next - rate);
            rate = next;
            p.brackets.brackets.push_back({floor, cap, rate, p.brackets.style == BracketStyle::Cumulative ? amount : 0.0,
                                           in.ConsumeBool() ? 0.0 : in.ConsumeFloatingPointInRange<double>(1.0, 200.0)});
            floor = cap;
        }
        p.feeRate = in.ConsumeProbability<double>() * 0.002;
        p.fundingRate = in.ConsumeFloatingPointInRange<double>(-0.01, 0.01);
        a.positions.push_back(std::move(p));
    }
    a.openingChecks = in.ConsumeBool();
    auto r = evaluateAccount(a);
    if (!r) {
        levlab::fuzz::namesAField(r.error());
        return 0;
    }
    levlab::fuzz::checkAccount(a, r.value());
    return 0;
}
