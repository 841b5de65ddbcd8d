#pragma once

// The recorded venue responses the tier importers are tested on (fixtures/, each
// with its source in fixtures/README.md).

#include <gtest/gtest.h>

#include <QByteArray>
#include <QFile>
#include <QString>

namespace levlab::test {

/// The bytes of the recorded response `name`.
inline QByteArray tierFixture(const char* name)
{
    QFile f(QStringLiteral(LEVLAB_TIER_FIXTURES_DIR "/") + QLatin1String(name));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << name;
    return f.readAll();
}

}  // namespace levlab::test
