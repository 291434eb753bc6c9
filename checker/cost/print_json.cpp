#include <nlohmann/json.hpp>

#include "cost/compare.h"
#include "cost/printers.h"

namespace ctcheck::cost {
namespace {

nlohmann::ordered_json range_json(const EventRange &r, bool unbounded) {
  nlohmann::ordered_json j;
  j["min"] = r.min;
  if (unbounded && r.max > 0)
    j["max"] = nullptr;  // no bound
  else
    j["max"] = r.max;
  return j;
}

nlohmann::ordered_json report_json(const CostReport &r) {
  nlohmann::ordered_json j;
  j["model"] = r.model;
  j["states"] = r.states;
  j["complete"] = r.complete;
  j["paths"] = nlohmann::ordered_json::array();
  for (const PathCost &p : r.paths) {
    nlohmann::ordered_json pj;
    pj["path"] = std::string(path_kind_id(p.kind));
    pj["starts"] = p.starts;
    pj["unbounded"] = p.unbounded;
    for (ir::CostKind k : ir::kAllCostKinds)
      pj["events"][std::string(ir::cost_kind_name(k))] = range_json(p[k], p.unbounded);
    pj["heaviest"] = nlohmann::ordered_json::array();
    for (const CostedStep &s : p.heaviest)
      pj["heaviest"].push_back({{"event", std::string(ir::cost_kind_name(s.kind))},
                                {"name", s.name},
                                {"count", s.count},
                                {"procedure", s.procedure},
                                {"file", s.file},
                                {"line", s.line}});
    j["paths"].push_back(pj);
  }
  return j;
}

}  // namespace

void print_cost_json(const CostReport *base, const CostReport &head, std::ostream &os) {
  if (!base) {
    os << report_json(head).dump(2) << "\n";
    return;
  }
  nlohmann::ordered_json j;
  j["base"] = report_json(*base);
  j["head"] = report_json(head);
  j["changes"] = nlohmann::ordered_json::array();
  for (const CostDelta &d : compare(*base, head)) {
    if (!d.changed()) continue;
    nlohmann::ordered_json c;
    c["path"] = std::string(path_kind_id(d.path));
    c["event"] = std::string(ir::cost_kind_name(d.event));
    c["base"] = d.base ? range_json(*d.base, d.base_unbounded) : nlohmann::ordered_json();
    c["head"] = d.head ? range_json(*d.head, d.head_unbounded) : nlohmann::ordered_json();
    c["max_increase"] = d.increase();
    j["changes"].push_back(c);
  }
  os << j.dump(2) << "\n";
}

}  // namespace ctcheck::cost
