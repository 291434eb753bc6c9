// Specialising an expression to known values of some state variables: the
// variables become constants and every if-then-else whose condition becomes
// constant keeps only the branch taken. Unlike a plain substitution it never
// visits the branches it drops, so specialising a large decision diagram to one
// control position costs only the part that position reaches.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "ir/expr.h"

namespace ctcheck::ir {

class Cofactor {
 public:
  Cofactor(ExprPool &pool, std::unordered_map<std::uint32_t, std::uint64_t> values)
      : pool_(pool), values_(std::move(values)) {}
  ExprId apply(ExprId e);

 private:
  ExprPool &pool_;
  std::unordered_map<std::uint32_t, std::uint64_t> values_;
  std::unordered_map<ExprId, ExprId> memo_;
};

// The (variable == constant) facts an expression asserts as top-level conjuncts.
std::unordered_map<std::uint32_t, std::uint64_t> implied_values(const ExprPool &pool, ExprId e);

}  // namespace ctcheck::ir
