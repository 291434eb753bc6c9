// Two variants side by side: per path and event, the base's and the head's
// range and the change of the maximum (`ctcheck cost --base`, `ctcheck gate`).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "cost/analysis.h"

namespace ctcheck::cost {

struct CostDelta {
  PathKind path = PathKind::Syscall;
  ir::CostKind event = ir::CostKind::FullBarrier;
  std::optional<EventRange> base, head;  // nullopt: the variant has no such path
  bool base_unbounded = false, head_unbounded = false;
  // head max - base max; 0 when a side lacks the path.
  std::int64_t increase() const;
  bool changed() const;
};

// Every (path, event) with a non-zero count on either side, in path order.
std::vector<CostDelta> compare(const CostReport &base, const CostReport &head);

// A limit of `gate --max-cost-increase EVENT=N`.
struct CostLimit {
  ir::CostKind event;
  std::int64_t max_increase = 0;
};
// The deltas that break a limit: a maximum grown by more than N, or a bounded
// maximum become unbounded.
std::vector<CostDelta> over_limits(const std::vector<CostDelta> &deltas,
                                   const std::vector<CostLimit> &limits);

}  // namespace ctcheck::cost
