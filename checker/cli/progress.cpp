#include "cli/progress.h"

#include <cstdio>

namespace ctcheck::cli {

namespace {

std::string count(double n) {
  char buf[32];
  if (n >= 1e6) std::snprintf(buf, sizeof buf, "%.1fM", n / 1e6);
  else if (n >= 1e4) std::snprintf(buf, sizeof buf, "%.0fk", n / 1e3);
  else std::snprintf(buf, sizeof buf, "%.0f", n);
  return buf;
}

}  // namespace

std::string ProgressPrinter::line(const engines::Progress &p) {
  std::string s = std::string("[") + core::to_string(p.engine) + "] ";
  s += p.engine == core::EngineKind::Kind ? "k " : "depth ";
  s += std::to_string(p.depth);
  if (p.engine == core::EngineKind::Explicit) {
    s += ", " + count(static_cast<double>(p.states)) + " states";
    if (p.seconds > 0) s += " (" + count(static_cast<double>(p.states) / p.seconds) + "/s)";
    s += ", " + std::to_string(p.bytes >> 20) + " MB";
  }
  s += ", " + std::to_string(p.open) + " open, " + std::to_string(static_cast<long>(p.seconds)) + " s";
  return s;
}

void ProgressPrinter::report(const engines::Progress &p) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string text = line(p);
  if (live_) {
    out_ << "\r" << text;
    if (text.size() < shown_) out_ << std::string(shown_ - text.size(), ' ');
    out_ << std::flush;
    shown_ = text.size();
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (last_ != std::chrono::steady_clock::time_point{} && now - last_ < std::chrono::seconds(10)) return;
  last_ = now;
  out_ << text << "\n" << std::flush;
}

void ProgressPrinter::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!live_ || shown_ == 0) return;
  out_ << "\r" << std::string(shown_, ' ') << "\r" << std::flush;
  shown_ = 0;
}

}  // namespace ctcheck::cli
