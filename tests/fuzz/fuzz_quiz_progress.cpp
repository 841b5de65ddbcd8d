// A quiz progress file → load; what loads saves and loads back the same.
#include "core/model/lessons/quiz_progress.h"
#include "tests/fuzz/invariants.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.json"));
    const QString copy = dir.filePath(QStringLiteral("copy.json"));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        f.write(reinterpret_cast<const char*>(data), static_cast<qint64>(size));
    }
    auto p = levlab::model::QuizProgress::load(path);
    if (!p) {
        levlab::fuzz::namesAField(p.error());
        levlab::fuzz::check(!QFile::exists(path), "an unreadable progress file was left in place");
        for (const QString& f : QDir(dir.path()).entryList({QStringLiteral("p.json.unreadable*")}, QDir::Files))
            QFile::remove(dir.filePath(f));
        return 0;
    }
    levlab::fuzz::check(p->currentQuestion() >= 0 && p->currentQuestion() <= levlab::model::QuizProgress::kMaxQuestionIndex,
                        "current_question out of range");
    auto saved = p->save(copy);
    levlab::fuzz::check(saved.ok(), "a loaded progress does not save");
    auto back = levlab::model::QuizProgress::load(copy);
    levlab::fuzz::check(back.ok() && back.value() == p.value(), "a saved progress does not load back the same");
    return 0;
}
