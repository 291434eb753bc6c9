#include "frontend/lowering_budget.h"

namespace ctcheck::frontend {

void LoweringBudget::fail(const Loc &at, const std::string &message) {
  diags_.error(at, message);
  throw FatalError{};
}

int LoweringBudget::context_levels(const Model &m) {
  int levels = 1;
  for (const InterruptSource &s : m.sources) {
    levels += s.nest;
    if (levels > limits_.max_context_levels)
      fail(s.loc, std::to_string(levels) +
                      " context levels per CPU, one for the task and one per nest bound of each interrupt "
                      "source, are too many " +
                      limit_hint(limits_.max_context_levels, kMaxContextLevelsFlag));
  }
  return levels;
}

void LoweringBudget::check_state_bits(std::size_t bits, const ProcDecl &part, std::size_t part_bits) {
  if (bits <= limits_.max_state_bits) return;
  fail(part.loc, "the state needs " + std::to_string(bits) + " bits, " + std::to_string(part_bits) +
                     " of them for the locals of '" + part.name +
                     "' on every CPU and context level that runs it, which is too many " +
                     limit_hint(limits_.max_state_bits, kMaxStateBitsFlag));
}

void LoweringBudget::reserve(std::size_t steps, const Loc &at) {
  total_size_ = steps;
  check_total(at);
}

void LoweringBudget::begin(std::string what, std::size_t size) {
  unit_ = std::move(what);
  unit_size_ = size;
}

void LoweringBudget::enter(const Expr &e) {
  if (++depth_ > limits_.max_nesting)
    fail(e.loc, "nesting too deep " + limit_hint(limits_.max_nesting, kMaxNestingFlag));
  if (++unit_size_ > limits_.max_inline_nodes)
    fail(e.loc,
         unit_ + " is too large after inlining " + limit_hint(limits_.max_inline_nodes, kMaxInlineNodesFlag));
  ++total_size_;
  check_total(e.loc);
}

void LoweringBudget::check_total(const Loc &at) {
  if (total_size_ > limits_.max_total_nodes)
    fail(at, "the model is too large after inlining, counted over every CPU and context level " +
                 limit_hint(limits_.max_total_nodes, kMaxTotalNodesFlag));
}

}  // namespace ctcheck::frontend
