#pragma once

#include "core/engine/history/funding_series.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace levlab::model {

/// Reads a funding history: CSV with a time column (Date, timestamp, fundingTime…) and a
/// rate column (Funding Rate, fundingRate…), optionally BitMEX's fundingInterval (a span
/// written as a date after 2000-01-01); or JSON — an array of objects with time and
/// fundingRate (Hyperliquid `fundingHistory`, Binance `/fapi/v1/fundingRate`, BitMEX
/// `/funding`). Files from the supervik funding-rates fetcher (header "Symbol,Date,Funding
/// Rate") write Moscow time, UTC+03:00; their times are moved to UTC.
/// Refuses rows whose time or rate cannot be read, with line and column.
engine::FundingHistory importFunding(const QByteArray& bytes);
engine::FundingHistory importFundingFile(const QString& path);

/// The report as sentences for a person.
QStringList fundingSentences(const engine::FundingReport& report);

}  // namespace levlab::model
