#pragma once

#include <QString>

namespace levlab::model {

/// The label a person sees for a field named as the model or a scenario names it:
/// "stop_loss" → "Stop-loss", "positions[1].leverage" → "Position 2, leverage".
[[nodiscard]] QString fieldLabel(const QString& field);

/// A number as the fields show it: thousands separators and `decimals` decimals.
[[nodiscard]] QString formatNumber(double value, int decimals = 2);

/// An engine's reason in the user's words: raw doubles become formatted numbers
/// ("325.5464939" → "325.55", "50000000" → "50,000,000") and "bracket" reads
/// "risk-limit row".
[[nodiscard]] QString readableReason(const QString& reason);

}  // namespace levlab::model
