// Rewriting expressions of the IR: replace state variables by expressions
// (sequential composition of steps, renaming variables onto shared slots).
// Iterative, memoised per Substitution object, so deep and shared DAGs cost
// one visit per node.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

#include "ir/expr.h"

namespace ctcheck::ir {

class Substitution {
 public:
  // `replace(v)`: the expression that takes the place of state variable v, or
  // nullopt to keep it. Must return expressions of v's sort.
  Substitution(ExprPool &pool, std::function<std::optional<ExprId>(std::uint32_t var)> replace)
      : pool_(pool), replace_(std::move(replace)) {}
  ExprId apply(ExprId e);

 private:
  ExprPool &pool_;
  std::function<std::optional<ExprId>(std::uint32_t)> replace_;
  std::unordered_map<ExprId, ExprId> memo_;
};

// The state variables an expression reads (each once, in no particular order).
void collect_vars(const ExprPool &pool, ExprId e, std::vector<std::uint32_t> &out);

// When e is a constant or an if-then-else tree whose leaves are constants:
// the leaf values (each once). Otherwise nullopt.
std::optional<std::vector<std::uint64_t>> constant_leaves(const ExprPool &pool, ExprId e);

}  // namespace ctcheck::ir
