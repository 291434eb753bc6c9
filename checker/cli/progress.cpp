#include "cli/progress.h"

#include <cstdio>

namespace ctcheck::cli {

namespace {

std::string count(double n) {
  char buf[32];
  if (n >= 1e6)
    std::snprintf(buf, sizeof buf, "%.1fM", n / 1e6);
  else if (n >= 1e4)
    std::snprintf(buf, sizeof buf, "%.0fk", n / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.0f", n);
  return buf;
}

}  // namespace

ProgressPrinter::ProgressPrinter(std::ostream &out, Options opt)
    : out_(out), opt_(opt), start_(std::chrono::steady_clock::now()) {
  ticker_ = std::thread([this] { tick(); });
}

ProgressPrinter::~ProgressPrinter() { finish(); }

double ProgressPrinter::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

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

std::string ProgressPrinter::verdict_line(const core::PropertyResult &r) {
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", r.seconds);
  return r.property + ": " + core::describe(r) + " [" + core::to_string(r.engine) + ", " + secs + " s]";
}

void ProgressPrinter::report(const engines::Progress &p, const std::string &prefix) {
  status(prefix + line(p));
}

void ProgressPrinter::status(const std::string &text) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (done_) return;
  text_ = text;
  if (opt_.live) draw_locked();
}

void ProgressPrinter::verdict(const core::PropertyResult &r, const std::string &prefix) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (done_) return;
  const std::string text = prefix + verdict_line(r);
  if (elapsed() < opt_.settle_delay) {
    held_.push_back(text);
    return;
  }
  print_locked(text);
}

void ProgressPrinter::note(const std::string &line) {
  std::lock_guard<std::mutex> lock(mutex_);
  print_locked(line);
}

void ProgressPrinter::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (done_) return;
    done_ = true;
    held_.clear();
    if (opt_.live && shown_ > 0) out_ << "\r" << std::string(shown_, ' ') << "\r" << std::flush;
    shown_ = 0;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

engines::ProgressFn ProgressPrinter::progress_callback(std::string prefix) {
  return [this, prefix](const engines::Progress &p) { report(p, prefix); };
}

engines::VerdictFn ProgressPrinter::verdict_callback(std::string prefix) {
  return [this, prefix](const core::PropertyResult &r) { verdict(r, prefix); };
}

void ProgressPrinter::draw_locked() {
  if (text_.empty()) return;
  out_ << "\r" << text_;
  if (text_.size() < shown_) out_ << std::string(shown_ - text_.size(), ' ') << "\r" << text_;
  out_ << std::flush;
  shown_ = text_.size();
}

void ProgressPrinter::print_locked(const std::string &line) {
  if (opt_.live && shown_ > 0) out_ << "\r" << std::string(shown_, ' ') << "\r";
  out_ << line << "\n";
  shown_ = 0;
  if (opt_.live) draw_locked();
  out_ << std::flush;
}

// Every quarter second: show held-back lines once the delay is over, and in a
// log the latest live text every `log_every` seconds.
void ProgressPrinter::tick() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!done_) {
    wake_.wait_for(lock, std::chrono::milliseconds(250));
    if (done_) break;
    const double now = elapsed();
    if (now >= opt_.settle_delay && !held_.empty()) {
      for (const std::string &l : held_) print_locked(l);
      held_.clear();
    }
    if (!opt_.live && !text_.empty() && now - last_log_ >= opt_.log_every) {
      last_log_ = now;
      out_ << text_ << "\n" << std::flush;
    }
  }
}

}  // namespace ctcheck::cli
