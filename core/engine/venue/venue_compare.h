#pragma once

#include "core/engine/account/account.h"
#include "core/engine/result.h"
#include "core/engine/venue/venue.h"

#include <optional>
#include <string>
#include <vector>

namespace levlab::engine {

/// One plan as one venue computes it.
struct VenueFigures final {
    Venue venue = Venue::Textbook;
    std::optional<PositionResult> position;  ///< the engine's figures; none when the venue refuses the plan
    std::optional<Error> refusal;            ///< why it refuses (a leverage above its row's maximum, …)
    double openFee = 0.0;                    ///< fee rate × value at entry
    double closeFee = 0.0;                   ///< fee rate × value at mark
    std::vector<std::string> reasons;        ///< one line per way this venue's rule differs from the textbook rule
};

/// Evaluates each account (the same one-position plan, built for each venue with its
/// own table) exactly as `evaluate` does, and says why its figures differ.
[[nodiscard]] std::vector<VenueFigures> compareVenues(const std::vector<AccountInput>& perVenue);

/// The reasons, read from the venue's rules (rulesFor) and the row the engine used:
/// what the maintenance is a rate of, which row and why, what else enters the
/// liquidation condition and the bankruptcy price.
[[nodiscard]] std::vector<std::string> venueReasons(Venue venue, const PositionInput& position, const PositionResult& result);

}  // namespace levlab::engine
