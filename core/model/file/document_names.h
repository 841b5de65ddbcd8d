#pragma once

#include "core/engine/margin/position.h"
#include "core/model/plan/plan_inputs.h"
#include "core/model/plan/trade.h"

#include <iterator>
#include <utility>

/// The names a .levlab file gives the models' choices, shared by its reader and writer.
namespace levlab::model::document_names {

inline constexpr std::pair<const char*, engine::Side> kSides[]{{"long", engine::Side::Long}, {"short", engine::Side::Short}};
inline constexpr std::pair<const char*, engine::MarginMode> kModes[]{{"isolated", engine::MarginMode::Isolated},
                                                              {"cross", engine::MarginMode::Cross},
                                                              {"strict_isolated", engine::MarginMode::StrictIsolated}};
inline constexpr std::pair<const char*, TriggerPrice> kTriggers[]{{"mark", TriggerPrice::Mark}, {"last", TriggerPrice::Last}};
inline constexpr std::pair<const char*, TradeState> kStates[]{
    {"planning", TradeState::Planning}, {"open", TradeState::Open}, {"closed", TradeState::Closed}};
inline constexpr std::pair<const char*, PositionEvent::Kind> kExits[]{{"stopped_out", PositionEvent::Kind::StoppedOut},
                                                               {"liquidated", PositionEvent::Kind::Liquidated},
                                                               {"took_profit", PositionEvent::Kind::TookProfit},
                                                               {"closed_by_hand", PositionEvent::Kind::ClosedByHand}};

/// The name of `value` in `names`, a range of (name, value) pairs.
template <typename Names, typename T>
const char* nameOf(const Names& names, T value)
{
    for (const auto& [name, v] : names) {
        if (v == value)
            return name;
    }
    return std::begin(names)->first;
}

}  // namespace levlab::model::document_names
