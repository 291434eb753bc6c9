#include "engines/explicit.h"

#include <chrono>
#include <stdexcept>

#include "sim/simulator.h"
#include "sim/state_store.h"

namespace ctcheck::engines {
namespace {

using Clock = std::chrono::steady_clock;
using sim::Values;

// How each state was first reached, to rebuild the shortest path.
struct Origin {
  std::uint32_t parent;
  std::int32_t action;  // -1 for initial states
  std::uint32_t inputs;  // index into the input-vector pool
  std::int32_t depth;
};

}  // namespace

Explicit::Explicit(const ir::TransitionSystem &ts, Options options) : ts_(ts), opt_(std::move(options)) {}

std::vector<PropertyResult> Explicit::run() {
  if (ran_) throw std::logic_error("Explicit::run() called twice");
  ran_ = true;
  const auto start = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };

  std::vector<PropertyResult> results;
  std::vector<int> result_of(ts_.properties.size(), -1);
  for (std::size_t p = 0; p < ts_.properties.size(); ++p) {
    bool wanted = opt_.properties.empty();
    for (const std::string &n : opt_.properties) wanted |= n == ts_.properties[p].name;
    if (!wanted) continue;
    result_of[p] = static_cast<int>(results.size());
    PropertyResult r;
    r.property = ts_.properties[p].name;
    r.engine = "explicit";
    results.push_back(r);
  }
  std::size_t open = results.size();
  auto all_unknown = [&](const std::string &why) {
    for (PropertyResult &r : results)
      if (r.verdict == Verdict::Unknown && r.reason.empty()) {
        r.reason = why;
        r.seconds = elapsed();
      }
    return results;
  };

  sim::Simulator sim(ts_);
  sim::StateStore store(ts_);
  stats_.state_bytes = store.words() * 8;
  std::vector<Origin> origin;
  std::vector<Values> input_pool{Values(ts_.inputs.size(), 0)};

  std::vector<Values> initial;
  if (!sim::all_initial_states(sim, initial)) return all_unknown("explicit: too many nondeterministic initial states");
  for (const Values &s : initial) {
    auto [idx, fresh] = store.insert(s);
    if (fresh) origin.push_back({idx, -1, 0, 0});
  }

  auto path_to = [&](std::uint32_t idx) {
    trace::Trace t;
    std::vector<std::uint32_t> chain;
    for (std::uint32_t i = idx; origin[i].action >= 0; i = origin[i].parent) chain.push_back(i);
    std::uint32_t root = idx;
    while (origin[root].action >= 0) root = origin[root].parent;
    t.initial = store.get(root);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
      t.steps.push_back({origin[*it].action, input_pool[origin[*it].inputs], store.get(*it)});
    return t;
  };
  auto report = [&](std::uint32_t prop, std::uint32_t idx, int action, const Values &inputs) {
    int r = result_of[prop];
    if (r < 0 || results[r].verdict != Verdict::Unknown || !results[r].reason.empty()) return;
    trace::Trace t = path_to(idx);
    t.property = prop;
    t.violating_action = action;
    if (action >= 0) t.violating_inputs = inputs;
    std::string why = sim.replay(t);
    results[r].seconds = elapsed();
    if (!why.empty()) {
      results[r].reason = "internal error: counterexample did not replay: " + why;
      --open;
      return;
    }
    results[r].verdict = Verdict::Violated;
    results[r].depth = t.depth();
    results[r].trace = std::move(t);
    --open;
  };

  std::vector<Values> inputs;
  std::size_t next = 0;
  bool limited = false;
  std::string limit_reason;
  while (next < origin.size() && open > 0) {
    const std::uint32_t idx = static_cast<std::uint32_t>(next++);
    const int depth = origin[idx].depth;
    stats_.depth = std::max(stats_.depth, depth);
    const Values s = store.get(idx);
    for (std::uint32_t p : sim.violated_invariants(s)) report(p, idx, -1, {});
    // At the depth limit a state's assertions are still checked (a violation
    // at depth N is within the bound); only its successors are not explored.
    const bool expand = !(opt_.max_depth >= 0 && depth >= opt_.max_depth);
    for (int a : sim.enabled_actions(s)) {
      if (!sim::all_input_vectors(ts_, ts_.actions[a], inputs)) {
        limited = true;
        limit_reason = "explicit: action at " + ts_.actions[a].loc.file + ":" + std::to_string(ts_.actions[a].loc.line) +
                       " has too many input values to enumerate";
        continue;
      }
      for (const Values &in : inputs) {
        for (std::uint32_t p : sim.failed_checks(a, s, in)) report(p, idx, a, in);
        if (!expand || !sim.can_fire(a, s, in)) continue;
        Values n = sim.fire(a, s, in);
        ++stats_.transitions;
        auto [nidx, fresh] = store.insert(n);
        if (!fresh) continue;
        std::uint32_t in_index = 0;
        if (!ts_.actions[a].inputs.empty()) {
          input_pool.push_back(in);
          in_index = static_cast<std::uint32_t>(input_pool.size() - 1);
        }
        origin.push_back({idx, a, in_index, depth + 1});
      }
    }
    if (origin.size() > opt_.max_states) {
      limited = true;
      limit_reason = "explicit: state limit of " + std::to_string(opt_.max_states) + " states reached at depth " +
                     std::to_string(depth);
      break;
    }
    if ((next & 1023) == 0 && opt_.timeout_seconds > 0 && elapsed() > opt_.timeout_seconds) {
      limited = true;
      limit_reason = "explicit: timeout after " + std::to_string(origin.size()) + " states at depth " + std::to_string(depth);
      break;
    }
  }
  stats_.states = origin.size();
  const bool depth_cut = opt_.max_depth >= 0 && stats_.depth >= opt_.max_depth;
  for (PropertyResult &r : results) {
    if (r.verdict != Verdict::Unknown || !r.reason.empty()) continue;
    r.seconds = elapsed();
    if (limited) {
      // Every state up to the last fully expanded level was checked.
      r.depth = std::max(0, stats_.depth - 1);
      r.reason = limit_reason + "; no violation up to depth " + std::to_string(r.depth);
    } else if (depth_cut) {
      r.verdict = Verdict::Bounded;
      r.depth = opt_.max_depth;
      r.reason = "no violation in the " + std::to_string(stats_.states) + " states up to depth " + std::to_string(opt_.max_depth);
    } else {
      r.verdict = Verdict::Proved;
      r.depth = stats_.depth;
      r.reason = "state space exhausted: " + std::to_string(stats_.states) + " reachable states, diameter " +
                 std::to_string(stats_.depth);
    }
  }
  return results;
}

}  // namespace ctcheck::engines
