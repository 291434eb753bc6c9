// Simulator::replay: the independent check of every counterexample before it
// is shown. Each failure names the first step and variable that disagree.
#include <algorithm>
#include <sstream>

#include "sim/simulator.h"

namespace ctcheck::sim {

std::string Simulator::describe_action(int action) const {
  const ir::Action &a = ts_.actions.at(action);
  std::ostringstream out;
  out << "action #" << action << " (cpu" << a.cpu;
  if (!a.procedure.empty()) out << " " << a.procedure;
  if (!a.text.empty()) out << ": " << a.text;
  if (!a.loc.file.empty()) out << " at " << a.loc.file << ":" << a.loc.line;
  out << ")";
  return out.str();
}

namespace {

// Values that fit each variable's sort; `what` names the state in messages.
std::string check_state_shape(const ir::TransitionSystem &ts, const Values &s, const std::string &what) {
  std::ostringstream why;
  if (s.size() != ts.vars.size()) {
    why << what << " has " << s.size() << " values but the model has " << ts.vars.size()
        << " state variables";
    return why.str();
  }
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] & ~ir::mask_of(ts.vars[i].sort.width)) {
      why << what << ": " << ts.vars[i].name << " = " << s[i] << " does not fit in " << ts.vars[i].sort.width
          << " bits";
      return why.str();
    }
  return {};
}

}  // namespace

std::string Simulator::replay(const core::Trace &t, int *failed_check) const {
  std::ostringstream why;
  if (t.property >= ts_.properties.size()) {
    why << "trace names property #" << t.property << " but the model has " << ts_.properties.size()
        << " properties";
    return why.str();
  }
  const ir::Property &prop = ts_.properties[t.property];

  // Initial state.
  if (std::string e = check_state_shape(ts_, t.initial, "initial state"); !e.empty()) return e;
  for (std::size_t i = 0; i < ts_.vars.size(); ++i) {
    const ir::StateVar &v = ts_.vars[i];
    if (v.init && t.initial[i] != (*v.init & ir::mask_of(v.sort.width))) {
      why << "initial state: " << v.name << " is " << t.initial[i] << " but the model initialises it to "
          << *v.init;
      return why.str();
    }
  }
  if (ts_.init_constraint != 0 && !eval(ts_.init_constraint, t.initial, {}))
    return "initial state violates the model's initial constraint";

  // Steps.
  const Values *pre = &t.initial;
  for (std::size_t k = 0; k < t.steps.size(); ++k) {
    const core::TraceStep &st = t.steps[k];
    const std::string at = "step " + std::to_string(k + 1);
    if (st.action < 0 || static_cast<std::size_t>(st.action) >= ts_.actions.size()) {
      why << at << ": action #" << st.action << " does not exist (the model has " << ts_.actions.size()
          << " actions)";
      return why.str();
    }
    if (std::string e = check_inputs(st.inputs); !e.empty()) return at + ": " + e;
    if (std::string e = check_state_shape(ts_, st.state, at + " state"); !e.empty()) return e;
    const ir::Action &a = ts_.actions[st.action];
    if (!eval(a.enabled, *pre, st.inputs)) return at + ": " + describe_action(st.action) + " is not enabled";
    if (!eval(a.guard, *pre, st.inputs))
      return at + ": the guard of " + describe_action(st.action) + " is false with the recorded inputs";
    const Values next = fire(st.action, *pre, st.inputs);
    for (std::size_t i = 0; i < next.size(); ++i)
      if (next[i] != st.state[i]) {
        why << at << ": after " << describe_action(st.action) << ", " << ts_.vars[i].name
            << " is recorded as " << st.state[i] << " but the action yields " << next[i];
        return why.str();
      }
    pre = &st.state;
  }

  // The claimed violation.
  const Values &last = t.final_state();
  if (prop.kind == ir::PropertyKind::Invariant) {
    if (t.violating_action != -1)
      return "property " + prop.name + " is an invariant but the trace names a violating action";
    if (!prop.holds) return "invariant " + prop.name + " has no condition";
    if (eval(*prop.holds, last, {})) return "invariant " + prop.name + " holds in the final state";
    if (failed_check) *failed_check = -1;
    return {};
  }
  if (t.violating_action < 0 || static_cast<std::size_t>(t.violating_action) >= ts_.actions.size())
    return "assertion " + prop.name + " needs a violating action, the trace has #" +
           std::to_string(t.violating_action);
  if (std::string e = check_inputs(t.violating_inputs); !e.empty()) return "violating step: " + e;
  if (!eval(ts_.actions[t.violating_action].enabled, last, t.violating_inputs))
    return "violating " + describe_action(t.violating_action) + " is not enabled in the final state";
  const ir::Action &va = ts_.actions[t.violating_action];
  begin_generation();
  for (std::size_t i = 0; i < va.checks.size(); ++i) {
    const ir::Check &c = va.checks[i];
    if (c.property != t.property || !eval_in_generation(c.reach, last, t.violating_inputs) ||
        eval_in_generation(c.cond, last, t.violating_inputs))
      continue;
    if (failed_check) *failed_check = static_cast<int>(i);
    return {};
  }
  return "violating " + describe_action(t.violating_action) + " does not fail assertion " + prop.name +
         " in the final state";
}

}  // namespace ctcheck::sim
