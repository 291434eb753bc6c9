// `ctcheck cost CASE [--base CASE]`: what each entry path costs (cost/analysis.h),
// one variant or two side by side.
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/model_io.h"
#include "cost/printers.h"

namespace ctcheck::cli {

std::optional<cost::CostReport> cost_report_or_report(const std::string &model, std::uint64_t max_states) {
  auto lm = load_or_report(model);
  if (!lm) return std::nullopt;
  cost::CostOptions co;
  co.max_states = max_states;
  return cost::analyse_costs(lm->ts, model, co);
}

int run_cost(const CostCommandOptions &opt) {
  if (opt.max_states == 0) {
    std::cerr << "ctcheck: error: --max-states must be at least 1\n";
    return kExitUsage;
  }
  std::optional<cost::CostReport> base;
  if (!opt.base.empty()) {
    base = cost_report_or_report(opt.base, opt.max_states);
    if (!base) return kExitUsage;
  }
  std::optional<cost::CostReport> head = cost_report_or_report(opt.model, opt.max_states);
  if (!head) return kExitUsage;
  std::ostringstream out;
  cost::print_cost(opt.format, base ? &*base : nullptr, *head, out);
  if (!opt.output.empty()) {
    if (!write_whole_file(opt.output, out.str())) return kExitUsage;
  } else {
    std::cout << out.str();
  }
  for (const cost::CostReport *r : {base ? &*base : nullptr, &*head})
    if (r && !r->complete) {
      std::cerr << "ctcheck: warning: " << r->model
                << ": the state search hit --max-states; the counts cover the " << r->states
                << " states found\n";
      return kExitUnknown;
    }
  return kExitOk;
}

}  // namespace ctcheck::cli
