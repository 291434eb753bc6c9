// One function per subcommand; main.cpp only parses arguments and dispatches.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ctcheck::cli {

int run_parse(const std::string &model);
int run_simulate(const std::string &model, int steps, std::uint64_t seed);

struct CheckOptions {
  std::string model;
  std::string engine = "auto";
  std::uint64_t max_states = 4'000'000;
  int depth = -1;  // -1: the model's `bound`
  std::vector<std::string> properties;
  double timeout = 0;
  std::string format = "text";
  std::string output;
  std::string trace_dir;
  bool quiet = false, verbose = false;
};
int run_check(const CheckOptions &opt);
int run_replay(const std::string &model, const std::string &trace_file);

struct CasesOptions {
  std::string dir = "cases";
  bool quiet = false;
};
int run_cases(const CasesOptions &opt);

// `ctcheck` with no arguments: the 2015 story on the embedded models.
int run_default();

}  // namespace ctcheck::cli
