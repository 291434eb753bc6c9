// SIGINT and SIGTERM stop the engines instead of killing the process, so a
// long run interrupted by Ctrl-C (or by a CI job's timeout) still prints and
// writes what it decided: undecided properties are `unknown` (interrupted),
// the reports are marked incomplete, and the exit status is 128 + the signal
// (130 for SIGINT, 143 for SIGTERM). A second signal exits at once.
//
// install() blocks both signals in the calling thread before any other thread
// exists (threads inherit the mask) and waits for them on a thread of its
// own (sigwait), which requests the stop: nothing runs in a signal handler.
#pragma once

#include <memory>
#include <string>

#include "engines/engine.h"

namespace ctcheck::cli::interrupt {

// Once, in main() before any thread starts. Until a command calls
// stop_gracefully(), a signal ends the process at once (128 + signal), as if
// ctcheck had not caught it: only commands that pass stop_source() to their
// engines and report what they have can stop gracefully.
void install();
// The running command stops its engines through stop_source() and reports.
void stop_gracefully();
// The stop every engine of this process listens to.
std::shared_ptr<engines::StopSource> stop_source();
// The signal that stopped the run (0: none).
int signal_received();
// 128 + signal_received().
int exit_code();
// The line reports end with when interrupted: "INCOMPLETE: interrupted by
// SIGINT; properties not decided are unknown (interrupted)".
std::string incomplete_note();

}  // namespace ctcheck::cli::interrupt
