#include <gtest/gtest.h>

#include <cstdlib>

#ifdef LEVLAB_TEST_WIDGETS
#include <QApplication>
#endif

// Test binaries default to the offscreen platform so that test discovery and
// GUI tests work without a display. Widget tests get their QApplication here,
// on the stack, so it is gone before the libraries' own statics are.
int main(int argc, char** argv)
{
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
    ::testing::InitGoogleTest(&argc, argv);
#ifdef LEVLAB_TEST_WIDGETS
    QApplication app(argc, argv);
#endif
    return RUN_ALL_TESTS();
}
