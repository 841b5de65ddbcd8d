#pragma once

#include "core/model/tiers/tier_import.h"

#include <QJsonValue>

#include <optional>
#include <string>
#include <vector>

namespace levlab::model::detail {

/// One row as the venue gave it, before the table is built.
struct RawTier {
    double floor = 0.0;
    double cap = 0.0;
    double mmRate = 0.0;
    double maxLeverage = 0.0;
    std::optional<double> deduction;
};

std::string rowName(std::size_t i);
/// A number sent as a JSON number or a decimal string.
std::optional<double> num(const QJsonValue& v);
engine::Error missing(std::size_t row, const char* field);
/// Builds the table and checks it (see importTierResponse).
engine::Result<TierTable> finish(const TierImportRequest& req, std::vector<RawTier> rows, engine::BracketStyle style,
                                 engine::BracketUnit unit, engine::ContractKind kind, const QString& source);

engine::Result<TierTable> importHyperliquidMeta(const TierImportRequest& req, const QJsonValue& root);
engine::Result<TierTable> importBitmexInstrument(const TierImportRequest& req, const QJsonValue& root);

}  // namespace levlab::model::detail
