#include "core/model/session/session_files.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

namespace levlab::model {
namespace {

void touch(const QString& path, const QDateTime& when)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadWrite));
    ASSERT_TRUE(f.setFileTime(when, QFileDevice::FileModificationTime));
}

TEST(SessionFiles, AnAutosaveNewerThanTheSessionIsOffered)
{
    QTemporaryDir dir;
    SessionFiles files(dir.filePath(QStringLiteral("data")));
    EXPECT_FALSE(files.autosaveOffered()) << "nothing there";
    ASSERT_EQ(files.writeSession("{}"), QString());
    EXPECT_FALSE(files.autosaveOffered()) << "a clean quit leaves no autosave";
    ASSERT_EQ(files.writeAutosave("{}"), QString());
    const QDateTime t = QDateTime::currentDateTimeUtc();
    touch(files.sessionPath(), t.addSecs(-60));
    touch(files.autosavePath(), t);
    EXPECT_TRUE(files.autosaveOffered());
    touch(files.sessionPath(), t.addSecs(60));
    EXPECT_FALSE(files.autosaveOffered()) << "a session written after the autosave is the newer work";
    files.removeAutosave();
    EXPECT_FALSE(QFile::exists(files.autosavePath()));
}

TEST(SessionFiles, WithoutADirectoryNothingIsKept)
{
    SessionFiles files { QString() };
    EXPECT_FALSE(files.enabled());
    EXPECT_EQ(files.writeSession("{}"), QString());
    EXPECT_FALSE(files.autosaveOffered());
}

TEST(SessionFiles, AFailedWriteSaysWhy)
{
    QTemporaryDir dir;
    const QString notADirectory = dir.filePath(QStringLiteral("file"));
    ASSERT_EQ(SessionFiles::writeAtomically(notADirectory, "a file where a folder should be"), QString());
    const QString error = SessionFiles::writeAtomically(notADirectory + QStringLiteral("/plan.levlab"), "new");
    EXPECT_TRUE(error.startsWith(QStringLiteral("plan.levlab: could not be written ("))) << error.toStdString();
    EXPECT_TRUE(error.endsWith(QStringLiteral(")."))) << error.toStdString();
    EXPECT_EQ(SessionFiles::read(notADirectory).bytes, QByteArray("a file where a folder should be"));
}

} // namespace
} // namespace levlab::model
