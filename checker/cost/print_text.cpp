#include <iomanip>
#include <sstream>

#include "cost/compare.h"
#include "cost/printers.h"

namespace ctcheck::cost {

std::string range_text(const EventRange &r, bool unbounded) {
  const std::string hi = unbounded && r.max > 0 ? "inf" : std::to_string(r.max);
  if (r.min == r.max && hi != "inf") return hi;
  return std::to_string(r.min) + ".." + hi;
}

namespace {

std::string pad(const std::string &s, std::size_t w) {
  return s.size() >= w ? s + " " : s + std::string(w - s.size(), ' ');
}

void one_variant(const CostReport &r, std::ostream &os) {
  os << "cost: " << r.model << " (" << r.states << " states" << (r.complete ? "" : ", search incomplete")
     << ")\n\n";
  os << pad("path", 24);
  for (ir::CostKind k : ir::kAllCostKinds) os << pad(std::string(ir::cost_kind_name(k)), 17);
  os << "starts\n";
  for (const PathCost &p : r.paths) {
    os << pad(std::string(path_kind_title(p.kind)), 24);
    for (ir::CostKind k : ir::kAllCostKinds) os << pad(range_text(p[k], p.unbounded), 17);
    os << p.starts << "\n";
  }
  for (const PathCost &p : r.paths) {
    os << "\n" << path_kind_title(p.kind) << ": the path with the most events";
    if (p.unbounded) os << " (loops without a bound: shown once round)";
    os << "\n";
    if (p.heaviest.empty()) os << "  (no cost events)\n";
    for (const CostedStep &s : p.heaviest) {
      std::string what =
          std::string(ir::cost_kind_name(s.kind)) + (s.count > 1 ? " x" + std::to_string(s.count) : "");
      os << "  " << pad(what, 20) << pad(s.name, 24) << pad(s.procedure, 30) << s.file << ":" << s.line
         << "\n";
    }
  }
}

void two_variants(const CostReport &base, const CostReport &head, std::ostream &os) {
  os << "cost: base " << base.model << " (" << base.states << " states), head " << head.model << " ("
     << head.states << " states)\n\n";
  os << pad("path", 24) << pad("event", 18) << pad("base", 10) << pad("head", 10) << "change of max\n";
  for (const CostDelta &d : compare(base, head)) {
    os << pad(std::string(path_kind_title(d.path)), 24) << pad(std::string(ir::cost_kind_name(d.event)), 18)
       << pad(d.base ? range_text(*d.base, d.base_unbounded) : "-", 10)
       << pad(d.head ? range_text(*d.head, d.head_unbounded) : "-", 10);
    if (d.base && d.head) {
      const std::int64_t up = d.increase();
      os << (up > 0 ? "+" : "") << up;
    } else {
      os << (d.head ? "new path" : "path gone");
    }
    os << "\n";
  }
}

}  // namespace

void print_cost_text(const CostReport *base, const CostReport &head, std::ostream &os) {
  if (base)
    two_variants(*base, head, os);
  else
    one_variant(head, os);
}

void print_cost(CostFormat f, const CostReport *base, const CostReport &head, std::ostream &os) {
  switch (f) {
    case CostFormat::Text:
      print_cost_text(base, head, os);
      return;
    case CostFormat::Json:
      print_cost_json(base, head, os);
      return;
    case CostFormat::Csv:
      print_cost_csv(base, head, os);
      return;
    case CostFormat::Svg:
      print_cost_svg(base, head, os);
      return;
  }
}

}  // namespace ctcheck::cost
