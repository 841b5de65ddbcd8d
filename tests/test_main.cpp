#include <gtest/gtest.h>

#include <cstdlib>

// Test binaries default to the offscreen platform so that test discovery and
// GUI tests work without a display.
int main(int argc, char** argv)
{
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
