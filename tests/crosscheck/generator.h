// Random small models in the .ct language (CaDiCaL's mobical, for models):
// 1-2 CPUs, a task and 1-2 IRQ/NMI/exception sources (nest 1-3; handlers that
// enable IRQs nest), IF toggles, may_fault() points, small wrapping counters
// (u4, u8, s8) and bools with wrap-around arithmetic (+ - * unary - ~, casts),
// shifts by constants and by variables (the built-in shift_in_range),
// per_cpu() with constant, other-CPU and computed indices (the built-in
// per_cpu_index_in_range), branches, assume, nondet, atomic blocks, assertions
// (some with old()), invariants, and the noinstr discipline (noinstr handlers
// and helper, instrumentation_begin()/end() in any order, calls of an
// instrumentable helper, an `instrumentable requires` condition). A model is kept as a
// tree so the shrinker can delete statements and declarations one at a time;
// render() turns it into text, which goes through the whole front end.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ctcheck::crosscheck {

struct GStmt {
  std::string text;              // a simple statement, or the `if (...)` / `atomic` head
  std::vector<GStmt> then, els;  // children of if / atomic (then)
  enum Kind { Simple, If, Atomic } kind = Simple;
};

struct GProc {
  std::string name;
  std::string section;  // "", "noinstr " or "instrumentable "
  bool loop = false;    // the task: while (true) { body }
  std::vector<GStmt> body;
};

struct GModel {
  int cpus = 1;
  int bound = 12;
  std::vector<std::string> vars;        // whole declaration lines
  std::vector<GProc> procs;             // procs[0]: the task
  std::vector<GProc> helpers;           // called by the others (not deletable)
  std::vector<std::string> decls;       // other whole declaration lines (`instrumentable requires`)
  std::vector<std::string> sources;     // "irq h0 nest 1;" (index i: procs[i + 1])
  std::vector<std::string> invariants;  // whole declaration lines

  std::string render() const;
  // Number of deletable items (statements at any nesting, invariants, sources).
  int items() const;
  // A copy without item i (0 <= i < items()).
  GModel without(int i) const;
};

GModel generate(std::uint64_t seed);

}  // namespace ctcheck::crosscheck
