#pragma once

#include "core/engine/account/account.h"
#include "core/engine/result.h"

#include <QByteArray>
#include <QJsonObject>

namespace levlab::model {

class TierLibrary;

/// Reads a scenario (the `levlab-cli evaluate` format) into an account.
/// Positions without mm_rate or brackets take the venue's shipped table for
/// their symbol. Errors name the field ("positions[1].side").
engine::Result<engine::AccountInput> parseScenario(const QByteArray& bytes, const TierLibrary& tiers);

/// The account's results in the documented output shape, as indented JSON text
/// written in one pass (keys in alphabetical order; an unknown figure is null).
QByteArray accountResultToJsonText(const engine::AccountResult& result);
/// The same, as an object.
QJsonObject accountResultToJson(const engine::AccountResult& result);

/// A number as JSON, or null when it is absent or not finite.
QJsonValue jsonNumber(std::optional<double> v);

}  // namespace levlab::model
