#include "ir/transition_system.h"

namespace ctcheck::ir {

std::uint64_t state_bits(const TransitionSystem &ts) {
  std::uint64_t bits = 0;
  for (const StateVar &v : ts.vars) bits += v.sort.width;
  return bits;
}

}  // namespace ctcheck::ir
