#include "engines/explore.h"

#include <algorithm>

#include "ir/relative.h"

namespace ctcheck::engines {

using sim::Values;

Explorer::Explorer(const ir::TransitionSystem &ts, Limits limits)
    : ts_(ts), limits_(std::move(limits)), sim_(ts), store_(ts), input_pool_{Values(ts.inputs.size(), 0)} {}

Explorer::End Explorer::run(Visitor &v) {
  std::vector<Values> initial;
  if (!sim::all_initial_states(sim_, initial)) return End::InitLimit;
  const bool relative = !ts_.relations.empty();
  for (const Values &s : initial) {
    Values r = s;
    if (relative) ir::to_representative(ts_, r);
    auto [idx, fresh] = store_.insert(r);
    if (!fresh) continue;
    origin_.push_back({idx, -1, 0, 0});
    real_initial_.push_back(s);
  }
  auto last_report = Clock::now();
  for (std::size_t next = 0; next < origin_.size(); ++next) {
    if (v.satisfied()) return End::Satisfied;
    const auto idx = static_cast<std::uint32_t>(next);
    const int depth = origin_[idx].depth;
    depth_ = std::max(depth_, depth);
    const Values stored = store_.get(idx);
    v.state(idx, stored, depth);
    const bool expand = !(limits_.max_depth >= 0 && depth >= limits_.max_depth);
    // A stored representative stands for its class: expand the members that
    // behave differently too (ir/relative.h); the visitor checks the stored one.
    if (!relative) {
      expand_state(v, idx, stored, depth, expand, true);
    } else {
      const std::vector<Values> members = ir::class_witnesses(ts_, stored);
      for (std::size_t m = 0; m < members.size(); ++m)
        expand_state(v, idx, members[m], depth, expand, m == 0);
    }
    if (origin_.size() > limits_.max_states) return End::StateLimit;
    if ((next & 1023) == 0) {
      if (limits_.stop && limits_.stop->stop_requested()) return End::Interrupted;
      if (limits_.deadline.passed()) return End::Timeout;
      if (Clock::now() - last_report >= std::chrono::seconds(1)) {
        last_report = Clock::now();
        v.progress(depth_, origin_.size());
      }
    }
  }
  if (v.satisfied()) return End::Satisfied;
  return limits_.max_depth >= 0 && depth_ >= limits_.max_depth ? End::DepthLimit : End::Exhausted;
}

// The successors of `s` (stored as `idx`, or a member of its class when not
// `visit`), stored unless known; the visitor sees every step of a visited state.
void Explorer::expand_state(Visitor &v, std::uint32_t idx, const Values &s, int depth, bool expand,
                            bool visit) {
  std::vector<Values> &inputs = inputs_;
  for (int a : sim_.enabled_actions(s)) {
    if (!sim::all_input_vectors(ts_, ts_.actions[a], inputs)) {
      input_limit_ = "action at " + ts_.actions[a].loc.file + ":" + std::to_string(ts_.actions[a].loc.line) +
                     " has too many input values to enumerate";
      continue;
    }
    for (const Values &in : inputs) {
      if (visit) v.step(idx, s, a, in);
      if (!expand || !sim_.can_fire(a, s, in)) continue;
      Values n = sim_.fire(a, s, in);
      if (!ts_.relations.empty()) ir::to_representative(ts_, n);
      ++transitions_;
      v.edge(s, a, in, n);
      auto [nidx, fresh] = store_.insert(n);
      if (!fresh) continue;
      std::uint32_t in_index = 0;
      if (!ts_.actions[a].inputs.empty()) {
        input_pool_.push_back(in);
        in_index = static_cast<std::uint32_t>(input_pool_.size() - 1);
      }
      origin_.push_back({idx, a, in_index, depth + 1});
    }
  }
}

core::Trace Explorer::path_to(std::uint32_t idx) const {
  core::Trace t;
  std::vector<std::uint32_t> chain;
  for (std::uint32_t i = idx; origin_[i].action >= 0; i = origin_[i].parent) chain.push_back(i);
  std::uint32_t root = idx;
  while (origin_[root].action >= 0) root = origin_[root].parent;
  t.initial = store_.get(root);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    t.steps.push_back({origin_[*it].action, input_pool_[origin_[*it].inputs], store_.get(*it)});
  if (ts_.relations.empty()) return t;
  // Stored states are representatives (ir/relative.h): the path's real
  // states are recomputed from the real initial state, as far as its steps
  // fire there (the replay then says where they stop).
  t.initial = real_initial_.at(root);
  Values s = t.initial;
  for (core::TraceStep &st : t.steps) {
    if (!sim_.can_fire(st.action, s, st.inputs)) break;
    s = sim_.fire(st.action, s, st.inputs);
    st.state = s;
  }
  return t;
}

}  // namespace ctcheck::engines
