#pragma once

#include "ui/chart/level_line.h"

#include <QRectF>

#include <span>
#include <vector>

namespace levlab::ui {

/// Places the tags of the plan's levels and of the portfolio's so that none hides
/// another (see layoutTags): on the axis for levels in view, and inside the plot at
/// the top or bottom edge for pinned ones, each column in price order. When a
/// column is short of room, liquidation speaks for bankruptcy, then stop and
/// target, entry, the portfolio's levels, mark and last. Returns the boxes of the
/// tags shown on the axis (the price labels under them are left out).
std::vector<QRectF> arrangeLevelTags(const QRectF& plot, std::span<LevelLine* const> plan,
                                     std::span<LevelLine* const> portfolio);

}  // namespace levlab::ui
