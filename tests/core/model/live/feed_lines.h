#pragma once

#include "tests/core/market_data.h"

#include <QByteArray>
#include <QList>

#include <string>

namespace levlab::test {

/// The lines of a recorded feed file (shared/data/feeds/NAME), or none when absent.
inline std::optional<QList<QByteArray>> feedLines(const std::string& name)
{
    const auto path = marketDataFile("feeds/" + name);
    if (!path)
        return std::nullopt;
    QList<QByteArray> lines = QByteArray::fromStdString(readAll(*path)).split('\n');
    while (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();
    return lines;
}

}  // namespace levlab::test

/// The recorded lines of feeds/NAME as `var` (1-based: var[0] is line 1); skips when absent.
#define LEVLAB_REQUIRE_FEED(var, name)                                                   \
    const auto var##_opt = ::levlab::test::feedLines(name);                               \
    if (!var##_opt)                                                                       \
        GTEST_SKIP() << "recorded feed not found: " << (name) << " (set LEVLAB_MARKET_DATA)"; \
    const QList<QByteArray>& var = *var##_opt
