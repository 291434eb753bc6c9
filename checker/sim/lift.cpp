#include "sim/lift.h"

namespace ctcheck::sim {

bool lift_trace(const Simulator &real, const core::Trace &abstract, core::Trace &out, std::string &why) {
  out = abstract;
  // The real initial value where the model gives one (the abstraction keeps
  // only its low bits), else the explored one.
  const ir::TransitionSystem &ts = real.system();
  for (std::size_t v = 0; v < ts.vars.size() && v < out.initial.size(); ++v)
    if (ts.vars[v].init) out.initial[v] = *ts.vars[v].init & ir::mask_of(ts.vars[v].sort.width);
  Values state = out.initial;
  for (std::size_t k = 0; k < out.steps.size(); ++k) {
    core::TraceStep &st = out.steps[k];
    if (!real.can_fire(st.action, state, st.inputs)) {
      why = "step " + std::to_string(k + 1) + " cannot fire at the real widths";
      return false;
    }
    state = real.fire(st.action, state, st.inputs);
    st.state = state;
  }
  return true;
}

}  // namespace ctcheck::sim
