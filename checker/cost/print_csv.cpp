#include "cost/compare.h"
#include "cost/printers.h"

namespace ctcheck::cost {
namespace {

std::string max_text(const EventRange &r, bool unbounded) {
  return unbounded && r.max > 0 ? "inf" : std::to_string(r.max);
}

}  // namespace

// One row per (path, event); a path's events are all listed, zeros included,
// so a spreadsheet can pivot without gaps.
void print_cost_csv(const CostReport *base, const CostReport &head, std::ostream &os) {
  if (!base) {
    os << "path,event,min,max\n";
    for (const PathCost &p : head.paths)
      for (ir::CostKind k : ir::kAllCostKinds)
        os << path_kind_id(p.kind) << "," << ir::cost_kind_name(k) << "," << p[k].min << ","
           << max_text(p[k], p.unbounded) << "\n";
    return;
  }
  os << "path,event,base_min,base_max,head_min,head_max,max_increase\n";
  for (const CostDelta &d : compare(*base, head)) {
    os << path_kind_id(d.path) << "," << ir::cost_kind_name(d.event) << ",";
    os << (d.base ? std::to_string(d.base->min) + "," + max_text(*d.base, d.base_unbounded) : ",") << ",";
    os << (d.head ? std::to_string(d.head->min) + "," + max_text(*d.head, d.head_unbounded) : ",") << ",";
    os << d.increase() << "\n";
  }
}

}  // namespace ctcheck::cost
