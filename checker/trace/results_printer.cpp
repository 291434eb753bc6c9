#include "trace/results_printer.h"

#include <algorithm>
#include <cstdio>

#include "trace/json_printer.h"

namespace ctcheck::trace {

using nlohmann::json;

#ifndef CTCHECK_VERSION
#define CTCHECK_VERSION "unknown"
#endif

const char *tool_version() { return CTCHECK_VERSION; }

json results_to_json(const ir::TransitionSystem &ts, const std::string &model,
                     const std::vector<core::PropertyResult> &results) {
  json j;
  j["tool"] = "ctcheck";
  j["version"] = tool_version();
  j["format_version"] = kTraceFormatVersion;
  j["model"] = model;
  json rs = json::array();
  for (const core::PropertyResult &r : results) {
    json e;
    e["property"] = r.property;
    e["verdict"] = core::to_string(r.verdict);
    e["depth"] = r.depth();
    e["engine"] = core::to_string(r.engine);
    e["seconds"] = r.seconds;
    e["reason"] = r.reason;
    if (r.trace) e["trace"] = trace_to_json(ts, *r.trace);
    rs.push_back(e);
  }
  j["results"] = rs;
  return j;
}

namespace {

std::string pad(const std::string &s, std::size_t w) {
  return s.size() >= w ? s : s + std::string(w - s.size(), ' ');
}

// No trailing blanks: golden files and diffs stay clean.
std::string rtrim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace

void print_results_text(const ir::TransitionSystem &ts, const std::string &model,
                        const std::vector<core::PropertyResult> &results, std::ostream &out,
                        const ResultsTextOptions &opts) {
  out << "ctcheck " << tool_version() << ": " << model << "\n\n";
  std::size_t wp = 8, we = 6;  // widths of "property" and "engine"
  for (const core::PropertyResult &r : results) {
    wp = std::max(wp, r.property.size());
    we = std::max(we, std::string(core::to_string(r.engine)).size());
  }
  std::string head = pad("property", wp) + "  " + pad("verdict", 8) + "  depth  " + pad("engine", we);
  if (opts.show_times) head += "  seconds";
  out << head << "  note\n";
  for (const core::PropertyResult &r : results) {
    char depth[16];
    std::snprintf(depth, sizeof depth, "%5d", r.depth());
    std::string row = pad(r.property, wp) + "  " + pad(core::to_string(r.verdict), 8) + "  " + depth + "  " +
                      pad(core::to_string(r.engine), we);
    if (opts.show_times) {
      char secs[32];
      std::snprintf(secs, sizeof secs, "  %7.2f", r.seconds);
      row += secs;
    }
    out << rtrim(row + "  " + r.reason) << "\n";
  }
  for (const core::PropertyResult &r : results) {
    if (r.verdict != core::Verdict::Violated || !r.trace) continue;
    out << "\n==== " << r.property << " ====\n";
    print_text(ts, *r.trace, out, opts.trace);
  }
}

}  // namespace ctcheck::trace
