#pragma once

#include <functional>

namespace levlab::app {

/// SIGTERM, SIGINT and SIGHUP (log out, shutdown, Ctrl+C in a terminal) quit the
/// application cleanly through the event loop instead of killing it: `beforeQuit`
/// runs first (it keeps the session, without asking anything). Call once, after
/// the QApplication exists.
void quitOnTerminationSignals(std::function<void()> beforeQuit);

} // namespace levlab::app
