// Runs BMC, k-induction and the explicit engine on the reduced system of one
// model (ir/reduce.h), and the explicit engine on the model as written, and
// lists every way their verdicts contradict each other:
//
//  * reduced vs as written (explicit, both exhaustive): the same verdict; a
//    violation at most as deep reduced as written; every counterexample of a
//    reduced engine expands into a trace of the model as written that replays;
//  * explicit violated at d (a shortest counterexample): BMC must be violated
//    at exactly d when d <= its depth, else not violated; k-induction must not
//    prove it, and must find the same d when d <= its max k;
//  * explicit proved (state space exhausted): nobody may report a violation;
//  * explicit stopped by a limit after checking depths 0..e: a violation found
//    by BMC or kind must be deeper than e;
//  * BMC violated at d vs kind: kind violated at d (d <= its k) or bounded
//    below d, never proved; kind violated at d: BMC the same (d <= its depth);
//  * as written, BMC against the explicit engine: the same rules as reduced
//    (both engines on the unreduced semantics of docs/semantics.md);
//  * Unknown from BMC or kind (no timeouts here) is an internal error.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "frontend/lower.h"

namespace ctcheck::crosscheck {

struct Config {
  int bmc_depth = 10;
  int kind_k = 6;  // the step cases from arbitrary states cost more than BMC: a smaller k keeps the test fast
  std::uint64_t max_states = 50'000;
};

struct Outcome {
  std::vector<core::PropertyResult> expl, bmc, kind;  // on the reduced system
  std::vector<core::PropertyResult> plain;            // explicit, on the model as written
  std::vector<core::PropertyResult> plain_bmc;        // BMC, on the model as written
  std::vector<std::string> problems;                  // empty: the engines agree
  double expl_secs = 0, bmc_secs = 0, kind_secs = 0, plain_secs = 0;
  std::string table() const;  // one line per property, for failure messages
};

// nullptr (and *errors) when the text does not load.
std::unique_ptr<frontend::LoadedModel> load_text(const std::string &text, std::string *errors);

Outcome run_engines(const frontend::LoadedModel &lm, const Config &cfg);

}  // namespace ctcheck::crosscheck
