#pragma once

#include "core/engine/history/csv_bars.h"

#include <QByteArray>

namespace levlab::model::detail {

/// The REST candle JSON (one document or JSON Lines) as raw rows, each with the line and
/// column where its element starts. Lines holding no candle are counted in `skipped`.
engine::RawBars readJsonBars(const QByteArray& bytes, std::size_t& skipped);

/// True when the first non-blank byte opens a JSON array or object.
bool looksLikeJson(const QByteArray& bytes);

}  // namespace levlab::model::detail
