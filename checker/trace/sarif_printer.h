// Check reports as SARIF 2.1.0 for code scanning (GitHub upload-sarif):
// one result per violated property (ruleId = the property name) at the
// failing assertion, with a codeFlow whose single threadFlow walks the
// counterexample step by step; unknown verdicts as notes; broken
// expectations and gate regressions that are not violations as errors at the
// property's declaration. A violation a case expects is reported with an
// inSource suppression; a gate run sets baselineState.
// No dates, no timings, no absolute paths: golden-testable.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "trace/model_report.h"

namespace ctcheck::trace {

struct SarifOptions {
  std::string root;  // artifact URIs are relative to it (default: the current directory)
};

nlohmann::json to_sarif(const std::vector<ModelReport> &models, const SarifOptions &opts = {});

}  // namespace ctcheck::trace
