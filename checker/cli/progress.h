// What a long command shows on stderr while it runs:
//
// * progress: on a terminal one live line rewritten in place (and erased at
//   the end); in a log (not a terminal) the latest line at most every
//   `log_every` seconds, the first after that long, so short runs log nothing.
//   Each engine reports its own measure (engines::Progress): explicit depth,
//   states, states/s and memory; BMC depth; k-induction k. `cases` and `gate`
//   put "case 3/43: NAME" in front.
// * settled verdicts: a permanent line per violation or proof as soon as an
//   engine settles it (engines::VerdictFn), so a violation found in the first
//   second does not wait for the rest of the run. Lines settled within
//   `settle_delay` of the start are held back and dropped if the command ends
//   before then: a short run prints only its report.
//
// Thread-safe: engines report from their own threads. A ticker thread flushes
// held lines and writes the log line when no engine reports for a while.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "engines/engine.h"

namespace ctcheck::cli {

class ProgressPrinter {
 public:
  struct Options {
    bool live = false;        // a terminal: one line rewritten in place
    double settle_delay = 1;  // seconds before settled lines are shown
    double log_every = 10;    // seconds between lines in a log
  };
  ProgressPrinter(std::ostream &out, Options opt);
  ~ProgressPrinter();
  ProgressPrinter(const ProgressPrinter &) = delete;
  ProgressPrinter &operator=(const ProgressPrinter &) = delete;

  // The live text becomes `prefix` + line(p).
  void report(const engines::Progress &p, const std::string &prefix = "");
  // The live text without an engine measure ("case 3/43: NAME: loading").
  void status(const std::string &text);
  // A settled verdict: `prefix` + verdict_line(r), as a permanent line.
  void verdict(const core::PropertyResult &r, const std::string &prefix = "");
  // A permanent line now (not held back).
  void note(const std::string &line);
  // Stops the ticker and erases the live line; held-back lines are dropped.
  void finish();

  engines::ProgressFn progress_callback(std::string prefix = "");
  engines::VerdictFn verdict_callback(std::string prefix = "");

  // "[explicit] depth 57, 1.2M states (230k/s), 150 MB, 3 open, 12 s"
  static std::string line(const engines::Progress &p);
  // "irq_not_in_user: violated at 5 [explicit, 0.01 s]"
  static std::string verdict_line(const core::PropertyResult &r);

 private:
  void tick();
  void draw_locked();                          // the live line, now
  void print_locked(const std::string &line);  // a permanent line above the live one
  double elapsed() const;

  std::ostream &out_;
  Options opt_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::string text_;               // latest live text
  std::size_t shown_ = 0;          // width of the live line on screen
  double last_log_ = 0;            // elapsed seconds of the last log line
  std::vector<std::string> held_;  // settled lines not shown yet
  std::thread ticker_;
};

}  // namespace ctcheck::cli
