// Bounds on what one model may ask of the front end, so that no input makes
// loading crash (deep recursion) or run for long (exponential inlining, huge
// products of CPUs, context levels and steps). The defaults are far above what
// the kernel models need; an error that hits a limit names it and the
// command-line flag that raises it.
#pragma once

#include <cstddef>
#include <string>

namespace ctcheck::frontend {

struct Limits {
  // Nesting of statements, expressions and imports in the source; when
  // building a CFG or lowering, inlined calls and substituted expression
  // procedures nest too. Bounds the stack the front end uses.
  int max_nesting = 256;
  // Size of one task or handler after inlining, for one CPU and context level:
  // its steps (CFG nodes, each counted as long as its call stack, which every
  // action keeps for traces), inlined calls, and expression nodes once
  // expression procedures are substituted.
  std::size_t max_inline_nodes = 100000;
  // The same size summed over every CPU and context level that runs each task
  // and handler, plus the invariants on every CPU: the work of lowering.
  std::size_t max_total_nodes = 1000000;
  // Context levels per CPU: 1 + the sum of the nest bounds of the interrupt sources.
  int max_context_levels = 16;
  // Bits of the state: model variables, machine state, and the locals of
  // every procedure instance at every context level of every CPU.
  std::size_t max_state_bits = 1000000;
};

// The end of every limit's error message: "(limit 256; raise it with --max-nesting)".
inline std::string limit_hint(std::size_t limit, const char *flag) {
  return "(limit " + std::to_string(limit) + "; raise it with " + flag + ")";
}

// The command-line flags that set each limit (checker/cli exposes them).
constexpr const char *kMaxNestingFlag = "--max-nesting";
constexpr const char *kMaxInlineNodesFlag = "--max-inline-nodes";
constexpr const char *kMaxTotalNodesFlag = "--max-total-nodes";
constexpr const char *kMaxContextLevelsFlag = "--max-context-levels";
constexpr const char *kMaxStateBitsFlag = "--max-state-bits";

}  // namespace ctcheck::frontend
