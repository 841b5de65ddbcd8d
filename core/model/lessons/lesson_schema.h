#pragma once

#include "core/engine/result.h"

#include <optional>

namespace levlab::model {

class JsonFields;

/// What a lesson file may say about what it loads, checked when the lesson is read so
/// that nothing unknown or misspelt is quietly taken for a default when it plays. Each
/// returns the first thing wrong, naming the field ("questions[2].scenario.plan.side").

/// A plan: an example's `inputs`, a question's `scenario.plan`.
std::optional<engine::Error> checkLessonPlan(const JsonFields& f);
/// A seeded market: `seed`, `start`, `scenario`, `minutes`.
std::optional<engine::Error> checkLessonMarket(const JsonFields& f);
/// A question's scenario: its `market`, and a `plan`, a `portfolio` (with a `shock`), or both.
std::optional<engine::Error> checkLessonScenario(const JsonFields& f);
/// A numeric question's `generator`: the quantity asked and the ranges it draws from.
std::optional<engine::Error> checkLessonGenerator(const JsonFields& f);
/// An action question's `action`: its `type` and, to survive a move, the `move`.
std::optional<engine::Error> checkLessonAction(const JsonFields& f);

}  // namespace levlab::model
