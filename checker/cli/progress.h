// Progress of a long check on stderr: on a terminal one live line that is
// rewritten in place (and erased at the end), in a log a plain line at most
// every 10 seconds. Each engine reports its own measure (engines::Progress).
#pragma once

#include <chrono>
#include <mutex>
#include <ostream>
#include <string>

#include "engines/engine.h"

namespace ctcheck::cli {

class ProgressPrinter {
 public:
  ProgressPrinter(std::ostream &out, bool live) : out_(out), live_(live) {}
  ~ProgressPrinter() { finish(); }
  // Thread-safe: engines of the portfolio report from their own threads.
  void report(const engines::Progress &p);
  // Erases the live line (nothing in a log).
  void finish();
  engines::ProgressFn callback() {
    return [this](const engines::Progress &p) { report(p); };
  }

  // "[explicit] depth 57, 1.2M states (230k/s), 150 MB, 3 open, 12 s"
  static std::string line(const engines::Progress &p);

 private:
  std::ostream &out_;
  bool live_;
  std::mutex mutex_;
  std::size_t shown_ = 0;  // width of the live line on screen
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace ctcheck::cli
