#pragma once

#include <vector>

namespace levlab::ui {

/// A tag that wants to sit on the price axis: centred at `y` (pixels, down),
/// for a level at `price`, with a `rank` that decides merges (lower wins).
struct TagRequest final {
    double y = 0.0;
    double price = 0.0;
    int rank = 0;
};

/// Where a tag ends up. A shown tag has its centre at `y`; a tag merged into
/// another is not shown and names the tag that speaks for it in `mergedInto`.
/// A shown tag lists the tags merged into it, in price order (highest first).
struct TagPlacement final {
    double y = 0.0;
    bool shown = true;
    int mergedInto = -1;
    std::vector<int> merged;
    friend bool operator==(const TagPlacement&, const TagPlacement&) = default;
};

/// Stacks tags of one `height` in a column between `top` and `bottom` (the
/// tags' edges stay inside) so that none overlaps another (`gap` pixels apart)
/// and they keep price order: a higher price is never below a lower one.
/// Tags that crowd together move apart as a block around where they want to
/// be, so the sum of squared moves is as small as order and room allow.
///
/// When the column cannot hold them all, the two tags whose wishes lie closest
/// merge, again and again, until the rest fit: the lower rank speaks for both
/// (on equal ranks, the higher price). Returns one placement per request, in
/// the requests' order. Pure: no Qt, no state.
[[nodiscard]] std::vector<TagPlacement> layoutTags(const std::vector<TagRequest>& tags, double top, double bottom,
                                                   double height, double gap);

}  // namespace levlab::ui
