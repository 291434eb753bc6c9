// A set of states as a formula over the state variables: a decision diagram
// in a fixed variable order, each level an if-then-else chain over the values
// that occur there, identical sub-diagrams shared (the pool hash-conses them).
// (A diagram over single bits was measured 10x larger and 7x slower to check.)
// This is how the explicit engine's reachable set becomes a candidate
// invariant that Z3 can check (engines/certificate.h).
//
// `bits[v]` says how many low bits of variable v the formula constrains: its
// full width normally, fewer for a counter kept modulo 2^bits by an
// abstraction (the formula then reads the real variable's low bits). A pair of
// `ts.relations` (ir/relative.h) is constrained by class: the snap's low bits,
// and the counter's level tests the class of counter - snap.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/transition_system.h"

namespace ctcheck::ir {

class StateSetBuilder {
 public:
  StateSetBuilder(const TransitionSystem &ts, std::vector<std::uint32_t> order, std::vector<unsigned> bits);
  void add(const std::vector<std::uint64_t> &state);
  std::size_t size() const { return count_; }
  // The formula "the state is one of those added", in `pool` (the system's
  // pool or a copy of it): its variables are the system's.
  ExprId build(ExprPool &pool);

 private:
  bool bit(std::size_t state, unsigned pos) const {
    return keys_[state * words_ + pos / 64] >> (63 - pos % 64) & 1;
  }
  std::uint64_t field(std::size_t state, std::size_t position) const;  // variable order_[position]
  // The key of variable order_[position] in `state`, and the formula "the
  // variable's key is `key`".
  std::uint64_t key_of(const std::vector<std::uint64_t> &state, std::size_t position) const;
  ExprId has_key(ExprPool &pool, std::size_t position, std::uint64_t key) const;
  ExprId build_range(ExprPool &pool, std::size_t lo, std::size_t hi, std::size_t position);

  const TransitionSystem &ts_;
  std::vector<std::uint32_t> order_;
  std::vector<unsigned> width_;   // per position in order_: the bits kept
  std::vector<unsigned> offset_;  // per position: first bit of the key (0 = most significant)
  std::vector<const RelativeAbstraction *> relative_;  // per position: the pair whose counter is there
  std::size_t words_ = 1;
  std::vector<std::uint64_t> keys_;  // count_ * words_
  std::vector<std::size_t> sorted_;
  std::size_t count_ = 0;
  unsigned bits_ = 0;
};

// Depth and each CPU's IF and mode first; then level by level the level's
// source, pc, saved frame and locals; then the model variables. Control stays
// above the data, so specialising to one statement's position prunes the
// diagram at the top, and a level's locals sit next to the pc that decides
// which of them are live. Measured against control first and all locals last:
// linux-4.2's invariant 41,073 -> 11,281 nodes (certificate 12.5 -> 5.0 s), the B2
// mutant's 165,977 -> 26,156 (343 -> 27 s).
std::vector<std::uint32_t> level_major_order(const TransitionSystem &ts);

}  // namespace ctcheck::ir
