// Known counterexamples of the toy model (toy_system.h), built by firing
// actions on the simulator; the replay tests check their states by hand.
#pragma once

#include <utility>
#include <vector>

#include "core/trace.h"
#include "sim/simulator.h"
#include "sim/toy_system.h"

namespace ctcheck::testing {

using Step = std::pair<int, sim::Values>;  // action, inputs

inline core::Trace build_trace(const Toy &toy, const std::vector<Step> &steps, std::uint32_t property,
                               int violating_action = -1, sim::Values violating_inputs = {}) {
  sim::Simulator sim(toy.ts);
  core::Trace t;
  t.property = property;
  t.initial = *sim.initial_state();
  sim::Values s = t.initial;
  for (const auto &[a, in] : steps) {
    s = sim.fire(a, s, in);
    t.steps.push_back({a, in, s});
  }
  t.violating_action = violating_action;
  t.violating_inputs = std::move(violating_inputs);
  return t;
}

// count += 1, then timer_irq arrives and its assertion fails (depth 2).
inline core::Trace balanced_trace(const Toy &toy) {
  const ToyCpu &k = toy.cpu[0];
  return build_trace(toy, {{k.task[1], {1}}, {k.deliver[1][0], {0}}}, toy.balanced, k.handler[1][1], {0});
}

// count += 2, irq off, count++ -> count == 3 (depth 3).
inline core::Trace below3_trace(const Toy &toy) {
  const ToyCpu &k = toy.cpu[0];
  return build_trace(toy, {{k.task[1], {2}}, {k.task[2], {0}}, {k.task[3], {0}}}, toy.below3);
}

// An NMI comes and goes, IRQs are re-enabled, then the IRQ finds count == 1.
inline core::Trace long_trace(const Toy &toy) {
  const ToyCpu &k = toy.cpu[0];
  return build_trace(toy,
                     {{k.task[1], {0}},
                      {k.task[2], {0}},
                      {k.deliver[1][1], {0}},
                      {k.handler[1][10], {0}},
                      {k.ret[1], {0}},
                      {k.task[3], {0}},
                      {k.task[4], {0}},
                      {k.task[1], {1}},
                      {k.deliver[1][0], {0}}},
                     toy.balanced, k.handler[1][1], {0});
}

}  // namespace ctcheck::testing
