#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace levlab::test {

/// A file of the real market data (shared/data): the directory named by the environment
/// variable LEVLAB_MARKET_DATA, else the one given at configure time. None when absent.
inline std::optional<std::string> marketDataFile(const std::string& relative)
{
    std::string dir;
    if (const char* env = std::getenv("LEVLAB_MARKET_DATA"); env && *env)
        dir = env;
#ifdef LEVLAB_MARKET_DATA_DIR
    else
        dir = LEVLAB_MARKET_DATA_DIR;
#endif
    if (dir.empty())
        return std::nullopt;
    const std::filesystem::path p = std::filesystem::path(dir) / relative;
    if (!std::filesystem::is_regular_file(p))
        return std::nullopt;
    return p.string();
}

inline std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace levlab::test

/// Skips the test cleanly when the data file is not there.
#define LEVLAB_REQUIRE_DATA(var, relative)                                                      \
    const auto var##_path = ::levlab::test::marketDataFile(relative);                          \
    if (!var##_path)                                                                           \
        GTEST_SKIP() << "market data not found: " << (relative) << " (set LEVLAB_MARKET_DATA)"; \
    const std::string var = *var##_path
