// The table `ctcheck cases` (and `merge`) prints: one row per property of
// every case (and LOAD ERROR rows), then "N case(s), M mismatch(es), L load error(s)".
#pragma once

#include <string>
#include <vector>

#include "trace/model_report.h"

namespace ctcheck::cli {

std::string cases_table(const std::vector<trace::ModelReport> &models, bool times);

}  // namespace ctcheck::cli
