#include "cost/compare.h"

namespace ctcheck::cost {

std::int64_t CostDelta::increase() const {
  if (!base || !head) return 0;
  return static_cast<std::int64_t>(head->max) - static_cast<std::int64_t>(base->max);
}

bool CostDelta::changed() const {
  if (base.has_value() != head.has_value()) return true;
  return base->min != head->min || base->max != head->max || base_unbounded != head_unbounded;
}

std::vector<CostDelta> compare(const CostReport &base, const CostReport &head) {
  std::vector<CostDelta> out;
  for (PathKind p : kAllPathKinds) {
    const PathCost *b = base.find(p), *h = head.find(p);
    if (!b && !h) continue;
    for (ir::CostKind k : ir::kAllCostKinds) {
      CostDelta d;
      d.path = p;
      d.event = k;
      if (b) d.base = (*b)[k], d.base_unbounded = b->unbounded;
      if (h) d.head = (*h)[k], d.head_unbounded = h->unbounded;
      const bool zero = (!d.base || d.base->max == 0) && (!d.head || d.head->max == 0);
      if (!zero) out.push_back(d);
    }
  }
  return out;
}

std::vector<CostDelta> over_limits(const std::vector<CostDelta> &deltas,
                                   const std::vector<CostLimit> &limits) {
  std::vector<CostDelta> out;
  for (const CostDelta &d : deltas)
    for (const CostLimit &l : limits) {
      if (l.event != d.event || !d.base || !d.head) continue;
      const bool newly_unbounded = d.head_unbounded && !d.base_unbounded && d.head->max > 0;
      if (d.increase() > l.max_increase || newly_unbounded) {
        out.push_back(d);
        break;
      }
    }
  return out;
}

}  // namespace ctcheck::cost
