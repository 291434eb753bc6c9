#include "cli/cases_table.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ctcheck::cli {

namespace {

// The engine that settled a property (its depth or k is in `got`), and its time.
std::string settled_by(core::EngineKind engine, double seconds, bool times) {
  if (engine == core::EngineKind::None) return "";
  std::ostringstream s;
  s << "  " << core::to_string(engine);
  if (times) s << " " << std::fixed << std::setprecision(2) << seconds << " s";
  return s.str();
}

std::string expected_text(const trace::PropertyReport &p) {
  return p.expected.empty() ? "(none)" : p.expected;
}

// Column widths: at least the classic 44/36/18/36, wider when a path, a
// property or a verdict needs it (two blanks between columns always).
struct Widths {
  std::size_t model = 44, property = 36, expected = 18, got = 36;
  explicit Widths(const std::vector<trace::ModelReport> &models) {
    for (const trace::ModelReport &m : models) {
      model = std::max(model, m.model.size() + 2);
      for (const trace::PropertyReport &p : m.properties) {
        property = std::max(property, p.property.size() + 2);
        expected = std::max(expected, expected_text(p).size() + 2);
        got = std::max(got, p.got.size() + 2);
      }
    }
  }
};

}  // namespace

std::string cases_table(const std::vector<trace::ModelReport> &models, bool times) {
  const Widths w(models);
  auto col = [](std::ostream &o, std::size_t width) -> std::ostream & {
    return o << std::left << std::setw(static_cast<int>(width));
  };
  std::ostringstream out;
  col(out, w.model) << "case";
  col(out, w.property) << "property";
  col(out, w.expected) << "expected";
  col(out, w.got) << "got"
                  << "\n";
  const trace::ReportSummary s = trace::summarize(models);
  for (const trace::ModelReport &m : models) {
    if (!m.error.empty()) {
      col(out, w.model) << m.model << "LOAD ERROR (see stderr)\n";
      continue;
    }
    if (!m.is_case) continue;
    if (m.incomplete && m.properties.empty()) {
      col(out, w.model) << m.model << "NOT CHECKED (interrupted)\n";
      continue;
    }
    for (const trace::PropertyReport &p : m.properties) {
      col(out, w.model) << m.model;
      col(out, w.property) << p.property;
      col(out, w.expected) << expected_text(p);
      col(out, w.got) << p.got;
      col(out, 8) << (p.ok ? "ok" : "MISMATCH") << settled_by(p.engine, p.seconds, times) << "\n";
    }
    if (times)
      col(out, w.model) << m.model << "(" << std::fixed << std::setprecision(2) << m.seconds << " s"
                        << (m.cached ? ", cached" : "") << ")\n";
  }
  out << s.cases << " case(s), " << s.mismatches << " mismatch(es), " << s.load_errors << " load error(s)\n";
  return out.str();
}

}  // namespace ctcheck::cli
