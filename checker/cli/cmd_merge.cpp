// `ctcheck merge F1 F2 ...`: the JSON reports of `ctcheck cases --shard I/N
// --format json` (or of any cases/gate run) as one report. Every shard of a
// sharded run must be there exactly once, so a CI job that lost a shard
// cannot pass. Exit 1 if any shard had a mismatch, 2 for unreadable input
// or load errors in a shard.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/cases_table.h"
#include "cli/commands.h"
#include "cli/model_io.h"
#include "cli/output.h"

namespace ctcheck::cli {

int run_merge(const MergeOptions &opt) {
  std::vector<trace::ModelReport> models;
  std::map<std::string, std::map<int, std::vector<int>>> shards;  // dir -> count -> indices seen
  for (const std::string &file : opt.inputs) {
    std::ifstream in(file);
    if (!in) {
      std::cerr << "ctcheck: error: cannot read '" << file << "'\n";
      return kExitUsage;
    }
    std::stringstream text;
    text << in.rdbuf();
    try {
      const nlohmann::json j = nlohmann::json::parse(text.str());
      for (trace::ModelReport &m : trace::reports_from_json(j)) models.push_back(std::move(m));
      if (j.contains("shard"))
        shards[j.value("dir", "")][j["shard"].at("count").get<int>()].push_back(
            j["shard"].at("index").get<int>());
    } catch (const std::exception &e) {
      std::cerr << "ctcheck: error: " << file << ": " << e.what() << "\n";
      return kExitUsage;
    }
  }
  for (auto &[dir, counts] : shards) {
    if (counts.size() > 1) {
      std::cerr << "ctcheck: error: the reports of '" << dir
                << "' come from runs with different shard counts\n";
      return kExitUsage;
    }
    auto &[count, seen] = *counts.begin();
    for (int i = 0; i < count; ++i) {
      const auto n = std::count(seen.begin(), seen.end(), i);
      if (n != 1) {
        std::cerr << "ctcheck: error: shard " << i << "/" << count << " of '" << dir << "'"
                  << (n ? " is given more than once" : " is missing") << "\n";
        return kExitUsage;
      }
    }
  }
  // Shards are index % N slices of one sorted list: sorting restores its order.
  std::stable_sort(
      models.begin(), models.end(),
      [](const trace::ModelReport &a, const trace::ModelReport &b) { return a.model < b.model; });
  for (const trace::ModelReport &m : models) std::cerr << m.error;

  const std::string table = cases_table(models, true);
  if (opt.format == OutputFormat::Text) {
    if (!emit(opt.output, table)) return kExitUsage;
  } else {
    if (!opt.output.empty()) std::cout << table;
    nlohmann::json extra{{"inputs", opt.inputs}};
    if (!emit(opt.output, render_reports(opt.format, "merge", models, extra))) return kExitUsage;
  }
  const trace::ReportSummary s = trace::summarize(models);
  if (s.load_errors) return kExitUsage;
  return s.mismatches ? kExitViolated : kExitOk;
}

}  // namespace ctcheck::cli
