#include "sim/expand.h"

#include <algorithm>

namespace ctcheck::sim {
namespace {

// The inputs an action reads, the others 0 (as engines record them).
Values inputs_for(const ir::Action &a, const Values &all) {
  Values in(all.size(), 0);
  for (std::uint32_t i : a.inputs)
    if (i < all.size()) in[i] = all[i];
  return in;
}

}  // namespace

bool expand_trace(const Simulator &sim, const ir::Reduction &r, const core::Trace &reduced, core::Trace &out,
                  std::string &why) {
  const ir::TransitionSystem &ts = sim.system();
  out = core::Trace{};
  out.property = reduced.property;
  out.initial.assign(ts.vars.size(), 0);
  for (std::size_t v = 0; v < ts.vars.size(); ++v)
    if (ts.vars[v].init) out.initial[v] = *ts.vars[v].init & ir::mask_of(ts.vars[v].sort.width);
  for (std::size_t v = 0; v < r.var_origin.size() && v < reduced.initial.size(); ++v)
    if (r.var_origin[v] >= 0) out.initial[static_cast<std::size_t>(r.var_origin[v])] = reduced.initial[v];

  Values state = out.initial;
  // Fires `action`, then every absorbed step control reaches, as group `g`.
  auto run_step = [&](int action, const Values &inputs, int g) {
    for (;;) {
      const ir::Action &a = ts.actions.at(action);
      const Values in = inputs_for(a, inputs);
      if (!sim.can_fire(action, state, in)) {
        why =
            "step " + std::to_string(g + 1) + ": original action #" + std::to_string(action) + " cannot fire";
        return false;
      }
      state = sim.fire(action, state, in);
      out.steps.push_back({action, in, state, g});
      const std::uint64_t pc = state.at(ts.cpus.at(a.cpu).pc.at(a.level));
      const std::vector<bool> &abs = r.absorbed.at(a.cpu).at(a.level);
      if (a.kind != ir::ActionKind::Exec || pc >= abs.size() || !abs[pc]) return true;
      action = ts.exec_at[a.cpu][a.level][pc];
    }
  };
  for (std::size_t k = 0; k < reduced.steps.size(); ++k) {
    const int ra = reduced.steps[k].action;
    if (ra < 0 || static_cast<std::size_t>(ra) >= r.action_origin.size()) {
      why = "step " + std::to_string(k + 1) + ": no reduced action #" + std::to_string(ra);
      return false;
    }
    if (!run_step(r.action_origin[ra], reduced.steps[k].inputs, static_cast<int>(k))) return false;
  }
  out.length = static_cast<int>(reduced.steps.size());
  if (reduced.violating_action < 0) return true;

  // The failing check is in the first action of the reduced step or in one of
  // the local steps after it: run them until one fails.
  const int ra = reduced.violating_action;
  if (static_cast<std::size_t>(ra) >= r.action_origin.size()) {
    why = "no reduced violating action #" + std::to_string(ra);
    return false;
  }
  int action = r.action_origin[ra];
  const int g = out.length;
  for (;;) {
    const ir::Action &a = ts.actions.at(action);
    const Values in = inputs_for(a, reduced.violating_inputs);
    const std::vector<std::uint32_t> failed = sim.failed_checks(action, state, in);
    if (std::find(failed.begin(), failed.end(), reduced.property) != failed.end()) {
      out.violating_action = action;
      out.violating_inputs = in;
      return true;
    }
    if (!sim.can_fire(action, state, in)) break;
    state = sim.fire(action, state, in);
    out.steps.push_back({action, in, state, g});
    const std::uint64_t pc = state.at(ts.cpus.at(a.cpu).pc.at(a.level));
    const std::vector<bool> &abs = r.absorbed.at(a.cpu).at(a.level);
    if (a.kind != ir::ActionKind::Exec || pc >= abs.size() || !abs[pc]) break;
    action = ts.exec_at[a.cpu][a.level][pc];
  }
  why = "the failing step does not fail the property in the original system";
  return false;
}

}  // namespace ctcheck::sim
