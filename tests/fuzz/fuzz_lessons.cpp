// A lesson file → parse.
#include "core/model/lessons/lesson.h"
#include "tests/fuzz/invariants.h"

#include <QByteArray>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    auto l = levlab::model::parseLesson(bytes);
    if (!l)
        levlab::fuzz::namesAField(l.error(), true);
    return 0;
}
