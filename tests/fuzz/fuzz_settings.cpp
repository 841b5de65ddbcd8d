// A settings file → open: only known keys with values in range survive, and a
// second opening finds nothing to fix.
#include "core/model/settings/app_settings.h"
#include "tests/fuzz/invariants.h"

#include <QFile>
#include <QTemporaryDir>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("levlab.ini"));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        f.write(reinterpret_cast<const char*>(data), static_cast<qint64>(size));
    }
    {
        levlab::model::AppSettings s(path);
        const auto theme = static_cast<int>(s.theme());
        levlab::fuzz::check(theme >= 0 && theme <= 2, "theme out of range");
        levlab::fuzz::check(levlab::model::AppSettings::isMarketSpeed(s.marketSpeed()), "market speed out of range");
    }
    levlab::model::AppSettings again(path);
    levlab::fuzz::check(again.notice().isEmpty(), "the settings were not clean after sanitising: " + again.notice().toStdString());
    return 0;
}
