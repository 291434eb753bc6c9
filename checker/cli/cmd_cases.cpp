// `ctcheck cases [DIR]`: run every case, compare with its expectations, print a table.
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "cli/case_runner.h"
#include "cli/commands.h"
#include "cli/model_io.h"

namespace ctcheck::cli {
namespace {

// Case files: every .ct below DIR that states at least one expectation.
std::vector<std::string> case_files(const std::string &dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".ct") out.push_back(it->path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int run_cases(const CasesOptions &opt) {
  // Parallel, sharded or machine-readable runs: cmd_cases_batch.cpp (the loop below streams, one case at a time).
  if (opt.jobs != 1 || opt.format != "text" || !opt.shard.empty() || !opt.output.empty()) return run_cases_batch(opt);
  if (!std::filesystem::is_directory(opt.dir)) {
    std::cerr << "ctcheck: error: cases directory '" << opt.dir << "' does not exist\n";
    return kExitUsage;
  }
  int mismatches = 0, cases = 0, errors = 0;
  std::cout << std::left << std::setw(44) << "case" << std::setw(28) << "property" << std::setw(18) << "expected"
            << std::setw(22) << "got" << "\n";
  for (const std::string &file : case_files(opt.dir)) {
    auto lm = load_or_report(file);
    if (!lm) {
      ++errors;
      std::cout << std::setw(44) << file << "LOAD ERROR (see stderr)\n";
      continue;
    }
    if (lm->model.expects.empty()) continue;  // a shared file, not a case
    ++cases;
    auto start = std::chrono::steady_clock::now();
    std::vector<engines::PropertyResult> results = check_model(*lm, EngineOptions{});
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const Expectation &e : compare(*lm, results)) {
      if (!e.ok) ++mismatches;
      std::cout << std::setw(44) << file << std::setw(28) << e.property << std::setw(18) << e.expected
                << std::setw(22) << e.got << std::setw(8) << (e.ok ? "ok" : "MISMATCH");
      for (const engines::PropertyResult &r : results)  // which engine settled it, and how long it took
        if (r.property == e.property && !r.engine.empty()) {
          std::cout << "  " << r.engine << " " << std::fixed << std::setprecision(2) << r.seconds << " s";
          break;
        }
      std::cout << "\n";
    }
    std::cout << std::setw(44) << file << "(" << std::fixed << std::setprecision(2) << secs << " s)\n";
  }
  std::cout << cases << " case(s), " << mismatches << " mismatch(es), " << errors << " load error(s)\n";
  if (errors) return kExitUsage;
  return mismatches ? kExitViolated : kExitOk;
}

}  // namespace ctcheck::cli
