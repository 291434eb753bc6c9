#include "trace/junit_printer.h"

#include <sstream>

#include "trace/xml.h"

namespace ctcheck::trace {

namespace {

// Element text: newlines stay literal there.
std::string xml_text(const std::string &s) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1)
    out += xml_escape(s.substr(start, nl - start)) + "\n";
  return out + xml_escape(s.substr(start));
}

enum class Outcome { Pass, Failure, Error };

Outcome outcome(const PropertyReport &p) {
  if (p.verdict == core::Verdict::Unknown) return Outcome::Error;
  return p.ok ? Outcome::Pass : Outcome::Failure;
}

std::string headline(const PropertyReport &p) {
  std::string h = p.property + ": " + (p.problem.empty() ? p.got : p.problem);
  if (!p.message.empty()) h += " (" + p.message + ")";
  return h;
}

}  // namespace

std::string to_junit(const std::vector<ModelReport> &models) {
  int tests = 0, failures = 0, errors = 0;
  std::ostringstream suites;
  for (const ModelReport &m : models) {
    const std::string name = xml_escape(m.model);
    if (!m.error.empty()) {
      ++tests;
      ++errors;
      suites << "  <testsuite name=\"" << name
             << "\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
             << "    <testcase classname=\"" << name << "\" name=\"load\">\n"
             << "      <error type=\"load error\" message=\"" << xml_escape(m.error) << "\">"
             << xml_text(m.error) << "</error>\n"
             << "    </testcase>\n  </testsuite>\n";
      continue;
    }
    int f = 0, e = 0;
    for (const PropertyReport &p : m.properties) {
      const Outcome o = outcome(p);
      f += o == Outcome::Failure;
      e += o == Outcome::Error;
    }
    const int n = static_cast<int>(m.properties.size()) + (m.incomplete ? 1 : 0);
    e += m.incomplete ? 1 : 0;
    tests += n;
    failures += f;
    errors += e;
    suites << "  <testsuite name=\"" << name << "\" tests=\"" << n << "\" failures=\"" << f << "\" errors=\""
           << e << "\" skipped=\"0\">\n";
    for (const PropertyReport &p : m.properties) {
      suites << "    <testcase classname=\"" << name << "\" name=\"" << xml_escape(p.property) << "\"";
      const Outcome o = outcome(p);
      if (o == Outcome::Pass && p.text.empty()) {
        suites << "/>\n";
        continue;
      }
      suites << ">\n";
      if (o == Outcome::Failure) {
        const std::string msg = p.text.empty() ? headline(p) : headline(p) + "\n\n" + p.text;
        suites << "      <failure type=\"" << xml_escape(verdict_name(p)) << "\" message=\""
               << xml_escape(msg) << "\">" << xml_text(msg) << "</failure>\n";
      } else if (o == Outcome::Error) {
        suites << "      <error type=\"unknown\" message=\"" << xml_escape(headline(p)) << "\">"
               << xml_text(headline(p)) << "</error>\n";
      } else {
        suites << "      <system-out>" << xml_text(headline(p) + "\n\n" + p.text) << "</system-out>\n";
      }
      suites << "    </testcase>\n";
    }
    if (m.incomplete)
      suites
          << "    <testcase classname=\"" << name << "\" name=\"(interrupted)\">\n"
          << "      <error type=\"interrupted\" message=\"the run was interrupted; undecided properties are "
             "unknown\"/>\n    </testcase>\n";
    suites << "  </testsuite>\n";
  }
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"ctcheck\" tests=\"" << tests << "\" failures=\"" << failures << "\" errors=\""
      << errors << "\">\n"
      << suites.str() << "</testsuites>\n";
  return out.str();
}

}  // namespace ctcheck::trace
