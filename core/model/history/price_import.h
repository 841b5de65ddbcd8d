#pragma once

#include "core/engine/history/price_history.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace levlab::model {

/// Reads a price file's bytes: CSV (any layout readCsvBars knows), or the JSON that the
/// BitMEX (`/trade/bucketed`), Binance (`/klines`) and Hyperliquid (`candleSnapshot`) REST
/// candle endpoints return — one document, or one response per line (JSON Lines, where
/// lines that hold no candle, such as an echoed request, are skipped and counted).
/// `skippedLines` (optional) receives that count.
engine::PriceHistory importPrices(const QByteArray& bytes, std::size_t* skippedLines = nullptr);

/// The same from a file; a file that cannot be read is refused at 1:1 with the system's reason.
engine::PriceHistory importPriceFile(const QString& path, std::size_t* skippedLines = nullptr);

/// "name:LINE:COL: reason", one per refused row.
QStringList refusalLines(const QString& fileName, const engine::ImportReport& report);

/// The report as sentences for a person (what was kept, found and repaired).
QStringList reportSentences(const engine::ImportReport& report, std::size_t skippedLines = 0);

/// The report as JSON: rows, first, last (ISO-8601 UTC bar open times, null without
/// bars), interval_s, duplicates, duplicates_disagreeing, gaps, missing_bars,
/// longest_gap_bars, zero_volume, swapped_volume, open_outside_range, refused
/// ([{line, column, reason}]), and notes (the sentences).
QJsonObject reportJson(const engine::ImportReport& report, std::size_t skippedLines = 0);

/// "2020-03-12 00:00" → "2020-03-12T00:00:00Z" style ISO-8601 for JSON.
QString isoTime(qint64 seconds);

}  // namespace levlab::model
