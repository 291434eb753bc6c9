#include "cli/gate_cost.h"

#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/suggest.h"
#include "cost/printers.h"

namespace ctcheck::cli {

std::optional<cost::CostLimit> parse_cost_limit(const std::string &text) {
  const std::size_t eq = text.find('=');
  std::vector<std::string> names;
  for (ir::CostKind k : ir::kAllCostKinds) names.emplace_back(ir::cost_kind_name(k));
  const std::string event = text.substr(0, eq);
  const std::optional<ir::CostKind> kind = ir::cost_kind_by_name(event);
  if (eq == std::string::npos || !kind) {
    std::cerr << "ctcheck: error: --max-cost-increase wants EVENT=N with EVENT one of full_barrier, atomic, "
                 "ct_state, "
                 "rcu_eqs, vtime, irq_save_restore, hook, schedule, not '"
              << text << "'" << (kind || eq == std::string::npos ? "" : did_you_mean(event, names)) << "\n";
    return std::nullopt;
  }
  const std::string n = text.substr(eq + 1);
  std::size_t used = 0;
  long long value = -1;
  try {
    value = std::stoll(n, &used);
  } catch (const std::exception &) {
    used = 0;
  }
  if (n.empty() || used != n.size() || value < 0) {
    std::cerr << "ctcheck: error: --max-cost-increase " << text << ": N must be a whole number >= 0\n";
    return std::nullopt;
  }
  return cost::CostLimit{*kind, value};
}

GateCost gate_costs(const std::vector<std::pair<std::string, std::string>> &pairs,
                    const std::vector<cost::CostLimit> &limits) {
  GateCost out;
  std::ostringstream text;
  std::size_t changed = 0;
  for (const auto &[base_file, head_file] : pairs) {
    std::optional<cost::CostReport> base = cost_report_or_report(base_file, 2'000'000);
    std::optional<cost::CostReport> head = cost_report_or_report(head_file, 2'000'000);
    if (!base || !head) {
      out.load_error = true;
      continue;
    }
    const std::vector<cost::CostDelta> deltas = cost::compare(*base, *head);
    const std::vector<cost::CostDelta> over = cost::over_limits(deltas, limits);
    for (const cost::CostDelta &d : deltas) {
      if (!d.changed()) continue;
      bool regression = false;
      for (const cost::CostDelta &o : over)
        regression = regression || (o.path == d.path && o.event == d.event);
      out.regressions += regression;
      ++changed;
      const std::string b = d.base ? cost::range_text(*d.base, d.base_unbounded) : "-";
      const std::string h = d.head ? cost::range_text(*d.head, d.head_unbounded) : "-";
      text << "  " << head_file << "  " << cost::path_kind_title(d.path) << "  "
           << ir::cost_kind_name(d.event) << "  " << b << " -> " << h
           << (regression ? "  COST REGRESSION (over --max-cost-increase)" : "") << "\n";
      out.changes.push_back({{"model", head_file},
                             {"path", std::string(cost::path_kind_id(d.path))},
                             {"event", std::string(ir::cost_kind_name(d.event))},
                             {"base", b},
                             {"head", h},
                             {"max_increase", d.increase()},
                             {"regression", regression}});
    }
  }
  std::ostringstream head;
  head << "\ncost: " << changed << " change(s) of cost events per path, " << out.regressions
       << " over a --max-cost-increase limit\n";
  out.text = head.str() + text.str();
  return out;
}

}  // namespace ctcheck::cli
