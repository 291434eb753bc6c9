#include "engines/engine.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace ctcheck::engines {

Deadline Deadline::after(double seconds) {
  if (!(seconds > 0)) return Deadline();
  return Deadline(Clock::now() +
                  std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds)));
}

double Deadline::seconds_left() const {
  if (!at_) return std::numeric_limits<double>::infinity();
  return std::chrono::duration<double>(*at_ - Clock::now()).count();
}

Deadline Deadline::min(const Deadline &o) const {
  if (!at_) return o;
  if (!o.at_) return *this;
  return Deadline(std::min(*at_, *o.at_));
}

void StopSource::request_stop() {
  std::lock_guard<std::mutex> lock(mutex_);
  stopped_.store(true);
  for (auto &[id, fn] : callbacks_) fn();
}

std::unique_ptr<StopSource::Registration> StopSource::on_stop(std::function<void()> fn) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopped_.load()) fn();
  const std::uint64_t id = next_id_++;
  callbacks_.emplace_back(id, std::move(fn));
  return std::make_unique<Registration>(*this, id);
}

StopSource::Registration::~Registration() {
  std::lock_guard<std::mutex> lock(source_.mutex_);
  auto &cbs = source_.callbacks_;
  cbs.erase(std::remove_if(cbs.begin(), cbs.end(), [&](const auto &c) { return c.first == id_; }), cbs.end());
}

Engine::Engine(const ir::TransitionSystem &ts, EngineOptions options)
    : ts_(ts), opt_(std::move(options)), stop_(opt_.stop ? opt_.stop : std::make_shared<StopSource>()) {
  if (!(opt_.timeout_seconds >= 0)) throw std::invalid_argument("negative timeout");
  selected_ = select_properties(ts, opt_.properties, "engine");
}

std::vector<PropertyResult> Engine::run() {
  if (ran_) throw std::logic_error("Engine::run() called twice: construct a new engine to check again");
  ran_ = true;
  start_ = Clock::now();
  deadline_ = Deadline::after(opt_.timeout_seconds).min(opt_.deadline);
  try {
    return solve();
  } catch (const std::exception &e) {
    // Setting up (e.g. encoding the initial states) failed before any verdict,
    // or a solver call threw: never a verdict.
    const bool z3 = dynamic_cast<const std::logic_error *>(&e) == nullptr;
    std::vector<PropertyResult> results;
    for (std::uint32_t p : selected_) {
      PropertyResult r = fresh(p);
      r.cause = z3 ? UnknownCause::SolverError : UnknownCause::InternalError;
      r.reason = std::string(z3 ? "z3 error: " : "internal error: ") + e.what();
      r.seconds = elapsed();
      results.push_back(std::move(r));
    }
    return results;
  }
}

PropertyResult Engine::fresh(std::uint32_t p) const {
  PropertyResult r;
  r.property = ts_.properties.at(p).name;
  r.engine = kind();
  return r;
}

void Engine::report_progress(Progress p) const {
  if (!opt_.progress) return;
  p.engine = kind();
  p.seconds = elapsed();
  opt_.progress(p);
}

void Engine::report_verdict(const PropertyResult &r) const {
  if (opt_.on_verdict && (r.verdict == Verdict::Violated || r.verdict == Verdict::Proved)) opt_.on_verdict(r);
}

std::vector<std::uint32_t> select_properties(const ir::TransitionSystem &ts,
                                             const std::vector<std::string> &names, const std::string &who) {
  for (const std::string &name : names) {
    auto it = std::find_if(ts.properties.begin(), ts.properties.end(),
                           [&](const ir::Property &p) { return p.name == name; });
    if (it == ts.properties.end()) throw std::invalid_argument(who + ": no property named '" + name + "'");
  }
  std::vector<std::uint32_t> out;
  for (std::uint32_t p = 0; p < ts.properties.size(); ++p)
    if (names.empty() || std::find(names.begin(), names.end(), ts.properties[p].name) != names.end())
      out.push_back(p);
  return out;
}

}  // namespace ctcheck::engines
