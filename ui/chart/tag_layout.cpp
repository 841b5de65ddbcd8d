#include "ui/chart/tag_layout.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>

namespace levlab::ui {

namespace {

/// A run of touching tags, placed as one block.
struct Block {
    std::size_t first = 0;  ///< position in the shown order of its first tag
    std::size_t count = 0;
    double sum = 0.0;       ///< sum over its tags of (wished top − offset in the block)
    double top = 0.0;
};

}  // namespace

std::vector<TagPlacement> layoutTags(const std::vector<TagRequest>& tags, double top, double bottom, double height,
                                     double gap)
{
    std::vector<TagPlacement> out(tags.size());
    if (tags.empty())
        return out;

    // Price order, top of the column first.
    std::vector<int> order(tags.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const TagRequest& ta = tags[static_cast<std::size_t>(a)];
        const TagRequest& tb = tags[static_cast<std::size_t>(b)];
        if (ta.price != tb.price)
            return ta.price > tb.price;
        return ta.rank < tb.rank;
    });

    // Merge the closest neighbours until the rest fit.
    const double pitch = height + gap;
    const auto capacity = static_cast<std::size_t>(std::max(1.0, std::floor((bottom - top + gap) / pitch)));
    auto at = [&](int i) -> TagPlacement& { return out[static_cast<std::size_t>(i)]; };
    auto wish = [&](int i) { return tags[static_cast<std::size_t>(i)].y; };
    while (order.size() > capacity) {
        std::size_t pair = 0;
        double closest = INFINITY;
        for (std::size_t k = 0; k + 1 < order.size(); ++k) {
            const double d = std::abs(wish(order[k]) - wish(order[k + 1]));
            if (d < closest) {
                closest = d;
                pair = k;
            }
        }
        const int upper = order[pair];
        const int lower = order[pair + 1];
        const bool upperWins = tags[static_cast<std::size_t>(upper)].rank <= tags[static_cast<std::size_t>(lower)].rank;
        const int winner = upperWins ? upper : lower;
        const int loser = upperWins ? lower : upper;
        // The winner speaks for the loser and for everything the loser spoke for, in price order.
        std::vector<int> joined = at(winner).merged;
        joined.push_back(loser);
        joined.insert(joined.end(), at(loser).merged.begin(), at(loser).merged.end());
        std::stable_sort(joined.begin(), joined.end(), [&](int a, int b) {
            return tags[static_cast<std::size_t>(a)].price > tags[static_cast<std::size_t>(b)].price;
        });
        for (int i : joined)
            at(i).mergedInto = winner;
        at(loser).shown = false;
        at(loser).merged.clear();
        at(winner).merged = std::move(joined);
        order.erase(order.begin() + static_cast<std::ptrdiff_t>(upperWins ? pair + 1 : pair));
    }

    // Stack: each tag starts as its own block; touching blocks join and sit where
    // their tags' wishes average out, kept inside the column.
    auto place = [&](Block& b) {
        const double blockHeight = static_cast<double>(b.count) * pitch - gap;
        const double lowest = std::max(top, bottom - blockHeight);
        b.top = std::clamp(b.sum / static_cast<double>(b.count), top, lowest);
    };
    std::vector<Block> blocks;
    for (std::size_t j = 0; j < order.size(); ++j) {
        Block b{j, 1, wish(order[j]) - height / 2.0, 0.0};
        place(b);
        blocks.push_back(b);
        while (blocks.size() >= 2) {
            Block& above = blocks[blocks.size() - 2];
            const Block& below = blocks.back();
            if (above.top + static_cast<double>(above.count) * pitch <= below.top)
                break;
            above.sum += below.sum - static_cast<double>(below.count * (below.first - above.first)) * pitch;
            above.count += below.count;
            blocks.pop_back();
            place(blocks.back());
        }
    }
    for (const Block& b : blocks) {
        for (std::size_t k = 0; k < b.count; ++k)
            at(order[b.first + k]).y = b.top + static_cast<double>(k) * pitch + height / 2.0;
    }
    // A merged tag sits where the tag that speaks for it sits.
    for (TagPlacement& p : out) {
        if (!p.shown)
            p.y = at(p.mergedInto).y;
    }
    return out;
}

}  // namespace levlab::ui
