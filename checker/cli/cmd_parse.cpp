// `ctcheck parse MODEL`: check the model and summarise what it declares.
#include <cstdio>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/model_io.h"
#include "engines/explore.h"
#include "ir/abstraction.h"
#include "ir/reduce.h"

namespace ctcheck::cli {

namespace {

// What sizes a CI runner: memory per explicit state of the reduced system,
// and at the default --max-states of `check`. States are stored as tuples of
// component indices (sim/state_store.h); the component tables add a little
// that depends on the model (`check --verbose` reports the measured figure).
void print_memory(const ir::TransitionSystem &reduced) {
  const engines::Explorer x(reduced, {});
  const std::uint64_t per_state = x.bytes_per_state();
  const std::uint64_t limit = CheckOptions{}.max_states;
  char gb[32];
  std::snprintf(gb, sizeof gb, "%.1f", static_cast<double>(per_state * limit) / 1e9);
  std::cout << "  memory:      about " << per_state << " bytes per explicit state, " << gb
            << " GB at --max-states " << limit << " (docs/ci.md)\n";
}

}  // namespace

// The counters the explicit engine explores modulo 2^b or relative to
// another: declared in the model, or found by the same demand analysis.
void print_abstractions(const ir::TransitionSystem &ts) {
  const std::vector<ir::Abstraction> inferred = ir::inferred_abstractions(ts);
  if (ts.abstractions.empty() && ts.relations.empty() && inferred.empty()) return;
  std::cout << "  abstractions:\n";
  for (const ir::Abstraction &a : ts.abstractions)
    std::cout << "    " << ts.vars[a.var].name << " modulo 2^" << a.bits << " (declared)\n";
  for (const ir::RelativeAbstraction &r : ts.relations)
    std::cout << "    " << ts.vars[r.snap].name << " relative to " << ts.vars[r.counter].name
              << " (declared)\n";
  for (const ir::Abstraction &a : inferred)
    std::cout << "    " << ts.vars[a.var].name << " modulo 2^" << a.bits << " (only its low "
              << (a.bits == 1 ? std::string("bit is") : std::to_string(a.bits) + " bits are") << " read)\n";
}

int run_parse(const std::string &model) {
  auto lm = load_or_report(model);
  if (!lm) return kExitUsage;
  const ir::TransitionSystem &ts = lm->ts;
  std::cout << model << ": ok\n";
  std::cout << "  cpus:        " << ts.cpus.size() << "\n";
  for (std::size_t c = 0; c < ts.cpus.size(); ++c)
    std::cout << "    cpu" << c << " runs task " << ts.cpus[c].task << "\n";
  std::cout << "  contexts:    " << ts.levels << " level(s) per CPU (task + nested handlers)\n";
  std::cout << "  interrupts:  " << ts.sources.size() << "\n";
  static const char *kinds[] = {"irq", "nmi", "exception"};
  for (const ir::InterruptSource &s : ts.sources)
    std::cout << "    " << kinds[static_cast<int>(s.kind)] << " " << s.name << " nest " << s.nesting << "\n";
  std::cout << "  properties:  " << ts.properties.size() << "\n";
  for (const ir::Property &p : ts.properties)
    std::cout << "    " << (p.kind == ir::PropertyKind::Invariant ? "invariant " : "assertion ") << p.name
              << "\n";
  std::size_t model_bits = 0;
  for (const ir::StateVar &v : ts.vars)
    if (v.role == ir::VarRole::Model) model_bits += v.sort.width;
  std::cout << "  state:       " << ir::state_bits(ts) << " bits (" << model_bits << " in model variables), "
            << ts.vars.size() << " variables\n";
  std::cout << "  actions:     " << ts.actions.size() << ", inputs: " << ts.inputs.size() << "\n";
  print_abstractions(ts);
  const ir::Reduction red = ir::reduce(ts);
  std::cout << "  reduced:     " << red.ts.actions.size() << " actions, " << ir::state_bits(red.ts)
            << " state bits, " << red.ts.vars.size()
            << " variables (local steps merged, locals sharing slots: docs/semantics.md)\n";
  print_memory(red.ts);
  std::cout << "  bound:       " << ts.default_depth << "\n";
  return kExitOk;
}

}  // namespace ctcheck::cli
