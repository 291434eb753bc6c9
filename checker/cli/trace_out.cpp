#include "cli/trace_out.h"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/model_io.h"
#include "trace/itf_printer.h"
#include "trace/svg_printer.h"
#include "trace/vcd_printer.h"

namespace ctcheck::cli {
namespace {

// Extension (lower case, with the dot) after the last '/', or "";
// ".itf.json" counts as one.
std::string extension(const std::string &file) {
  const std::string itf = ".itf.json";
  if (file.size() > itf.size() && file.compare(file.size() - itf.size(), itf.size(), itf) == 0) return itf;
  const std::size_t slash = file.find_last_of('/');
  const std::size_t dot = file.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = file.substr(dot);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

}  // namespace

TraceOut parse_trace_out(const std::string &arg) {
  const std::size_t eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) return {"", arg};
  const std::string name = arg.substr(0, eq);
  const bool ident =
      std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; }) &&
      !std::isdigit(static_cast<unsigned char>(name[0]));
  if (!ident) return {"", arg};
  return {name, arg.substr(eq + 1)};
}

std::string check_trace_out(const std::vector<std::string> &args) {
  std::set<std::string> seen;
  for (const std::string &a : args) {
    const std::string f = parse_trace_out(a).file;
    const std::string ext = extension(f);
    if (ext != ".vcd" && ext != ".svg" && ext != ".html" && ext != ".htm" && ext != ".itf.json")
      return "--trace-out '" + f + "': unknown extension (.vcd, .svg, .html or .itf.json)";
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

int first_trace(const ir::TransitionSystem &ts, const std::vector<core::PropertyResult> &results) {
  int any = -1;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const core::PropertyResult &r = results[i];
    if (!r.trace) continue;
    if (r.trace->violating_action >= 0 && r.trace->property < ts.properties.size())
      return static_cast<int>(i);
    if (any < 0) any = static_cast<int>(i);
  }
  return any;
}

namespace {

bool draw(const ir::TransitionSystem &ts, const core::Trace &t, const std::string &path) {
  const std::string ext = extension(path);
  std::ostringstream out;
  if (ext == ".itf.json")
    out << trace::trace_to_itf(ts, t, ts.model_file).dump(2) << "\n";
  else if (ext == ".vcd")
    trace::print_vcd(ts, t, out);
  else if (ext == ".svg")
    trace::print_svg(ts, t, out);
  else
    trace::print_html(ts, t, out);
  return write_whole_file(path, out.str());
}

}  // namespace

bool write_trace_out(const ir::TransitionSystem &ts, const std::vector<core::PropertyResult> &results,
                     const std::vector<std::string> &args, bool quiet) {
  for (const std::string &arg : args) {
    const TraceOut to = parse_trace_out(arg);
    if (!to.property.empty()) {
      bool written = false;
      for (const core::PropertyResult &r : results)
        if (r.property == to.property && r.trace) {
          if (!draw(ts, *r.trace, to.file)) return false;
          written = true;
        }
      if (!written && !quiet)
        std::cerr << "ctcheck: " << to.property << " is not violated, so '" << to.file
                  << "' was not written\n";
      continue;
    }
    const int first = first_trace(ts, results);
    if (first < 0) {
      if (!quiet) std::cerr << "ctcheck: no counterexample, so '" << to.file << "' was not written\n";
      continue;
    }
    if (!draw(ts, *results[first].trace, to.file)) return false;
    for (std::size_t i = 0; i < results.size(); ++i)
      if (static_cast<int>(i) != first && results[i].trace &&
          !draw(ts, *results[i].trace, trace_out_path(to.file, results[i].property, false)))
        return false;
  }
  return true;
}

}  // namespace ctcheck::cli
