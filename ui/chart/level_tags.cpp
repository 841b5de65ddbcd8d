#include "ui/chart/level_tags.h"

#include "ui/chart/tag_layout.h"

#include <algorithm>
#include <array>

namespace levlab::ui {

namespace {

/// Who speaks when tags must merge: liquidation, then bankruptcy, stop and target,
/// entry, another position's levels, and the market's mark and last.
int mergeRank(const LevelLine& line, bool portfolio)
{
    if (portfolio)
        return 4;
    switch (line.kind()) {
    case LevelLine::Kind::Liquidation: return 0;
    case LevelLine::Kind::Bankruptcy: return 1;
    case LevelLine::Kind::StopLoss:
    case LevelLine::Kind::TakeProfit: return 2;
    case LevelLine::Kind::Entry: return 3;
    case LevelLine::Kind::Mark:
    case LevelLine::Kind::Last: return 5;
    }
    return 5;
}

}  // namespace

std::vector<QRectF> arrangeLevelTags(const QRectF& plot, std::span<LevelLine* const> plan,
                                     std::span<LevelLine* const> portfolio)
{
    // Three columns: tags on the axis for levels in view, and the pinned tags at
    // the top and bottom edges inside the plot. Each column stacks in price order.
    enum Column { Axis, Top, Bottom };
    std::array<std::vector<LevelLine*>, 3> lines;
    std::array<std::vector<TagRequest>, 3> requests;
    auto add = [&](LevelLine* line, bool fromPortfolio) {
        if (!line->isVisible() || !line->level())
            return;
        const Column c = !line->pinned() ? Axis : line->outside() > 0 ? Top : Bottom;
        lines[c].push_back(line);
        requests[c].push_back({line->wantedTagY(), *line->level(), mergeRank(*line, fromPortfolio)});
    };
    for (LevelLine* line : plan)
        add(line, false);
    for (LevelLine* line : portfolio)
        add(line, true);
    const std::array<std::pair<double, double>, 3> bounds{
        std::pair{plot.top(), plot.bottom()}, std::pair{plot.top(), plot.center().y()},
        std::pair{plot.center().y(), plot.bottom()}};
    std::vector<QRectF> onAxis;
    for (std::size_t c = 0; c < lines.size(); ++c) {
        const auto placed = layoutTags(requests[c], bounds[c].first, bounds[c].second, LevelLine::kTagHeight, LevelLine::kTagGap);
        for (std::size_t i = 0; i < placed.size(); ++i) {
            QStringList merged;
            for (int j : placed[i].merged)
                merged << lines[c][static_cast<std::size_t>(j)]->displayName();
            lines[c][i]->setTag(placed[i].y, placed[i].shown, merged);
            if (c == Axis && placed[i].shown)
                onAxis.push_back(lines[c][i]->tagRect());
        }
        // A tag's text follows its price at most Theme::kReadoutHz times a second; where
        // that would show two neighbours' prices out of order, both catch up now.
        std::vector<LevelLine*> shown;
        for (std::size_t i = 0; i < placed.size(); ++i) {
            if (placed[i].shown)
                shown.push_back(lines[c][i]);
        }
        std::sort(shown.begin(), shown.end(), [](const LevelLine* a, const LevelLine* b) { return *a->level() > *b->level(); });
        for (std::size_t i = 0; i + 1 < shown.size(); ++i) {
            const auto upper = shown[i]->shownLevel();
            const auto lower = shown[i + 1]->shownLevel();
            if (upper && lower && *upper < *lower) {
                shown[i]->refreshText();
                shown[i + 1]->refreshText();
            }
        }
    }
    return onAxis;
}

}  // namespace levlab::ui
