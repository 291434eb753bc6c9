// The cost side of `ctcheck gate`: per (base, head) pair, the paths whose
// cost events changed, and the changes over a `--max-cost-increase` limit.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cost/compare.h"

namespace ctcheck::cli {

struct GateCost {
  std::string text;  // appended to the gate's table
  nlohmann::json changes = nlohmann::json::array();
  int regressions = 0;
  bool load_error = false;  // a side did not load (diagnostics on stderr)
};

GateCost gate_costs(const std::vector<std::pair<std::string, std::string>> &pairs,
                    const std::vector<cost::CostLimit> &limits);

// "full_barrier=0" -> {FullBarrier, 0}; nullopt (message on stderr) otherwise.
std::optional<cost::CostLimit> parse_cost_limit(const std::string &text);

}  // namespace ctcheck::cli
