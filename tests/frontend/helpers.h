// Shared helpers of the front-end tests: load models from strings, and drive
// the lowered transition system on the concrete simulator one action at a time.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "frontend/lower.h"
#include "sim/simulator.h"

namespace ctcheck::fetest {

using Files = std::map<std::string, std::string>;

inline frontend::FileReader map_reader(Files files) {
  return [files = std::move(files)](const std::string &path) -> std::optional<std::string> {
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
}

// Loads the model `root` from in-memory files; `errors` receives the printed
// diagnostics (empty on success).
struct Loaded {
  std::unique_ptr<frontend::LoadedModel> lm = std::make_unique<frontend::LoadedModel>();
  bool ok = false;
  std::string errors;
};

inline Loaded load_files(const Files &files, const std::string &root = "m.ct") {
  Loaded out;
  frontend::Diagnostics diags(out.lm->sources);
  out.ok = frontend::load_model(root, map_reader(files), *out.lm, diags);
  std::ostringstream s;
  diags.print(s);
  out.errors = s.str();
  return out;
}

inline Loaded load_text(const std::string &text) { return load_files({{"m.ct", text}}); }

// The first line of every error message ("m.ct:3:5: error: ..."), for compact assertions.
inline std::vector<std::string> error_lines(const std::string &printed) {
  std::vector<std::string> out;
  std::istringstream in(printed);
  std::string line;
  while (std::getline(in, line))
    if (line.find(": error: ") != std::string::npos) out.push_back(line);
  return out;
}

// The first line of each error of loading `text`.
inline std::vector<std::string> errors_of(const std::string &text) {
  return error_lines(load_text(text).errors);
}

// Drives a transition system by hand: every call names the action to take and
// fails the test when it is not enabled or its guard blocks it.
class Driver {
 public:
  explicit Driver(const ir::TransitionSystem &ts) : ts_(ts), sim_(ts) {
    std::optional<sim::Values> s = sim_.initial_state();
    if (!s)
      ADD_FAILURE() << "no initial state";
    else
      state_ = *s;
    inputs_.assign(ts.inputs.size(), 0);
  }

  const sim::Values &state() const { return state_; }
  void set_state(const sim::Values &s) { state_ = s; }
  void set_input(std::size_t i, std::uint64_t v) { inputs_.at(i) = v; }

  std::uint32_t var(const std::string &name) const {
    for (std::size_t i = 0; i < ts_.vars.size(); ++i)
      if (ts_.vars[i].name == name) return static_cast<std::uint32_t>(i);
    std::string all;
    for (const ir::StateVar &v : ts_.vars) all += " " + v.name;
    ADD_FAILURE() << "no state variable '" << name << "'; have:" << all;
    return 0;
  }
  std::uint64_t get(const std::string &name) const { return state_.at(var(name)); }
  std::int64_t sget(const std::string &name) const {
    std::uint32_t v = var(name);
    unsigned w = ts_.vars[v].sort.width;
    std::uint64_t x = state_.at(v);
    if (w < 64 && (x >> (w - 1)) & 1) x |= ~ir::mask_of(w);
    return static_cast<std::int64_t>(x);
  }
  void set(const std::string &name, std::uint64_t value) {
    std::uint32_t v = var(name);
    state_.at(v) = value & ir::mask_of(ts_.vars[v].sort.width);
  }

  // The enabled action of `kind` on `cpu` (and source name for Deliver); -1 if none.
  int find(ir::ActionKind kind, int cpu, const std::string &source = "") const {
    int found = -1;
    for (int a : sim_.enabled_actions(state_)) {
      const ir::Action &act = ts_.actions[a];
      if (act.kind != kind || act.cpu != cpu) continue;
      if (kind == ir::ActionKind::Deliver && ts_.sources.at(act.source - 1).name != source) continue;
      if (found >= 0) ADD_FAILURE() << "two enabled actions of the same kind on cpu " << cpu;
      found = a;
    }
    return found;
  }
  bool can_step(int cpu) const {
    int a = find(ir::ActionKind::Exec, cpu);
    return a >= 0 && sim_.can_fire(a, state_, inputs_);
  }
  bool can_deliver(int cpu, const std::string &source) const {
    return find(ir::ActionKind::Deliver, cpu, source) >= 0;
  }
  bool can_iret(int cpu) const { return find(ir::ActionKind::Return, cpu) >= 0; }

  // Fires the action; returns its text (for messages). Fails the test when impossible.
  std::string fire(int a) {
    if (a < 0) {
      ADD_FAILURE() << "action not enabled";
      return "";
    }
    if (!sim_.can_fire(a, state_, inputs_)) {
      ADD_FAILURE() << "action '" << ts_.actions[a].text << "' is blocked by its guard";
      return "";
    }
    last_failed_ = sim_.failed_checks(a, state_, inputs_);
    state_ = sim_.fire(a, state_, inputs_);
    return ts_.actions[a].text;
  }
  std::string step(int cpu = 0) { return fire(find(ir::ActionKind::Exec, cpu)); }
  void steps(int n, int cpu = 0) {
    for (int i = 0; i < n; ++i) step(cpu);
  }
  std::string deliver(const std::string &source, int cpu = 0) {
    return fire(find(ir::ActionKind::Deliver, cpu, source));
  }
  std::string iret(int cpu = 0) { return fire(find(ir::ActionKind::Return, cpu)); }

  // Names of properties whose checks failed in the last fired action.
  std::vector<std::string> last_failed() const {
    std::vector<std::string> out;
    for (std::uint32_t p : last_failed_) out.push_back(ts_.properties[p].name);
    return out;
  }
  // Names of the properties of every enabled action that fail now, and of violated invariants.
  std::vector<std::string> violated_now() const {
    std::vector<std::string> out;
    for (std::uint32_t p : sim_.violated_invariants(state_)) out.push_back(ts_.properties[p].name);
    for (int a : sim_.enabled_actions(state_))
      for (std::uint32_t p : sim_.failed_checks(a, state_, inputs_)) out.push_back(ts_.properties[p].name);
    return out;
  }
  const sim::Simulator &sim() const { return sim_; }

 private:
  const ir::TransitionSystem &ts_;
  sim::Simulator sim_;
  sim::Values state_;
  sim::Values inputs_;
  std::vector<std::uint32_t> last_failed_;
};

}  // namespace ctcheck::fetest
