// A .levlab file → read → written again → read and evaluated as the window would.
#include "core/model/file/document.h"
#include "core/model/file/document_binding.h"
#include "core/model/tiers/tier_library.h"
#include "tests/fuzz/invariants.h"

#include <QByteArray>
#include <QRegularExpression>

namespace {

/// Every refusal of a file says where: "LINE:COL: what".
void placed(const levlab::engine::Error& e)
{
    static const QRegularExpression where(QStringLiteral("^\\d+:\\d+: \\S"));
    levlab::fuzz::check(where.match(QString::fromStdString(e.message())).hasMatch(), "refusal without its place: " + e.message());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const levlab::model::TierLibrary tiers = levlab::model::TierLibrary::loadShipped();
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    auto doc = levlab::model::readDocument(bytes);
    if (!doc) {
        placed(doc.error());
        return 0;
    }
    // What was read is written canonically, and that reads back to the same text.
    const QByteArray written = levlab::model::writeDocument(doc.value());
    auto again = levlab::model::readDocument(written);
    levlab::fuzz::check(again.ok(), "a written document does not read back: " + (again ? std::string() : again.error().message()));
    if (again)
        levlab::fuzz::check(levlab::model::writeDocument(again.value()) == written, "writing what was read changes the text");
    auto figures = levlab::model::evaluateDocument(doc.value(), tiers);
    if (!figures)
        placed(figures.error());
    return 0;
}
