#include "cli/cases_table.h"

#include <iomanip>
#include <sstream>

namespace ctcheck::cli {

// The engine that settled a property (its depth or k is in `got`), and its time.
static std::string settled_by(core::EngineKind engine, double seconds, bool times) {
  if (engine == core::EngineKind::None) return "";
  std::ostringstream s;
  s << "  " << core::to_string(engine);
  if (times) s << " " << std::fixed << std::setprecision(2) << seconds << " s";
  return s.str();
}

std::string cases_table(const std::vector<trace::ModelReport> &models, bool times) {
  std::ostringstream out;
  out << std::left << std::setw(44) << "case" << std::setw(36) << "property" << std::setw(18) << "expected"
      << std::setw(36) << "got" << "\n";
  const trace::ReportSummary s = trace::summarize(models);
  for (const trace::ModelReport &m : models) {
    if (!m.error.empty()) {
      out << std::setw(44) << m.model << "LOAD ERROR (see stderr)\n";
      continue;
    }
    if (!m.is_case) continue;
    if (m.incomplete && m.properties.empty()) {
      out << std::setw(44) << m.model << "NOT CHECKED (interrupted)\n";
      continue;
    }
    for (const trace::PropertyReport &p : m.properties)
      out << std::setw(44) << m.model << std::setw(36) << p.property << std::setw(18)
          << (p.expected.empty() ? "(none)" : p.expected) << std::setw(36) << p.got << std::setw(8)
          << (p.ok ? "ok" : "MISMATCH") << settled_by(p.engine, p.seconds, times) << "\n";
    if (times)
      out << std::setw(44) << m.model << "(" << std::fixed << std::setprecision(2) << m.seconds << " s"
          << (m.cached ? ", cached" : "") << ")\n";
  }
  out << s.cases << " case(s), " << s.mismatches << " mismatch(es), " << s.load_errors << " load error(s)\n";
  return out.str();
}

}  // namespace ctcheck::cli
