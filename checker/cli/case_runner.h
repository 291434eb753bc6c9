// Runs a model's engines and compares the verdicts with its `expect` lines.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engines/result.h"
#include "frontend/lower.h"

namespace ctcheck::cli {

struct EngineOptions {
  std::string engine = "auto";  // bmc, kind, explicit, auto (explicit, then bmc + kind for what it leaves open)
  int depth = -1;  // -1: the model's `bound`
  std::uint64_t max_states = 4'000'000;
  double timeout = 0;
  std::vector<std::string> properties;
  bool progress = false;  // progress lines on stderr
  int jobs = 1;  // > 1: BMC checks the properties in that many threads, one solver each (cli/batch.h)
};

std::vector<engines::PropertyResult> check_model(const frontend::LoadedModel &lm, const EngineOptions &opt);

struct Expectation {
  std::string property;
  std::string expected;  // "violated at 7", "holds", "proved", "(none)"
  std::string got;       // "violated at 7", "bounded 40", ...
  bool ok = true;
};

// One row per property (and per expect line naming an unknown property).
std::vector<Expectation> compare(const frontend::LoadedModel &lm, const std::vector<engines::PropertyResult> &results);

std::string describe(const engines::PropertyResult &r);

}  // namespace ctcheck::cli
