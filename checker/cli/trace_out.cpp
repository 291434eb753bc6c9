#include "cli/trace_out.h"

#include <algorithm>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/model_io.h"
#include "trace/svg_printer.h"
#include "trace/vcd_printer.h"

namespace ctcheck::cli {
namespace {

// Extension (lower case, with the dot) after the last '/', or "".
std::string extension(const std::string &file) {
  const std::size_t slash = file.find_last_of('/');
  const std::size_t dot = file.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = file.substr(dot);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

}  // namespace

std::string check_trace_out(const std::vector<std::string> &files) {
  std::set<std::string> seen;
  for (const std::string &f : files) {
    const std::string ext = extension(f);
    if (ext != ".vcd" && ext != ".svg" && ext != ".html" && ext != ".htm")
      return "--trace-out '" + f + "': unknown extension (.vcd, .svg or .html)";
    if (!seen.insert(f).second) return "--trace-out '" + f + "' given twice";
  }
  return "";
}

std::string trace_out_path(const std::string &file, const std::string &property, bool first) {
  if (first) return file;
  std::string safe;
  for (char c : property) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '.';
    safe += ok ? c : '_';
  }
  const std::size_t dot = file.size() - extension(file).size();
  return file.substr(0, dot) + "-" + safe + file.substr(dot);
}

bool write_trace_out(const ir::TransitionSystem &ts, const std::vector<core::PropertyResult> &results,
                     const std::vector<std::string> &files, bool quiet) {
  for (const std::string &file : files) {
    const std::string ext = extension(file);
    bool first = true;
    for (const core::PropertyResult &r : results) {
      if (!r.trace) continue;
      std::ostringstream out;
      if (ext == ".vcd")
        trace::print_vcd(ts, *r.trace, out);
      else if (ext == ".svg")
        trace::print_svg(ts, *r.trace, out);
      else
        trace::print_html(ts, *r.trace, out);
      if (!write_whole_file(trace_out_path(file, r.property, first), out.str())) return false;
      first = false;
    }
    if (first && !quiet) std::cerr << "ctcheck: no counterexample, so '" << file << "' was not written\n";
  }
  return true;
}

}  // namespace ctcheck::cli
