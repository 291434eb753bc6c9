// Visited states of the engines that enumerate states (explicit search, the
// state graph), insertion order kept (so BFS can use the store as its queue).
//
// Collapse compression, as in Spin's COLLAPSE: the variables are split into
// components (the globals, each CPU's per-CPU variables, each context level's
// pc, frame and locals), each component's distinct values are interned once
// in its own table, and a state is stored as the tuple of its components'
// indices (32 bits each). Context levels change one at a time and most of
// them sit idle, so the tables stay small and a state costs a few words
// instead of its bit-packed image (linux-4.3-patch-2015: 24 bytes of tuple
// against 168 bytes packed). Interning is injective, so two states are equal
// iff their tuples are: deduplication is exactly as before.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "ir/transition_system.h"
#include "sim/key_table.h"
#include "sim/simulator.h"

namespace ctcheck::sim {

class StateStore {
 public:
  explicit StateStore(const ir::TransitionSystem &ts);
  std::size_t size() const { return states_.size(); }
  // Returns the index of the state and whether it is new.
  std::pair<std::uint32_t, bool> insert(const Values &s);
  Values get(std::uint32_t index) const;

  std::size_t components() const { return parts_.size(); }
  // Memory of everything stored, and of one more state's tuple and index
  // before any is stored (what `ctcheck parse` can say in advance).
  std::size_t bytes() const;
  std::size_t tuple_bytes() const { return states_.words() * 8; }

 private:
  struct Component {
    std::vector<std::uint32_t> vars;
    std::vector<unsigned> offset, width;  // per var, within the component's key
    KeyTable table;
    explicit Component(std::size_t words) : table(words) {}
  };
  std::vector<Component> parts_;
  KeyTable states_;  // tuples of component indices, two per word
  std::size_t vars_ = 0;
  std::vector<std::uint64_t> key_, tuple_;  // scratch of insert()
};

}  // namespace ctcheck::sim
