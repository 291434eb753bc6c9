// engines/result.h is declared by the engines but defined here, so printers
// and the CLI can use verdicts without linking Z3.
#include "engines/result.h"

namespace ctcheck::engines {

const char *to_string(Verdict v) {
  switch (v) {
    case Verdict::Proved: return "proved";
    case Verdict::Bounded: return "bounded";
    case Verdict::Violated: return "violated";
    case Verdict::Unknown: return "unknown";
  }
  return "unknown";
}

int exit_code(const std::vector<PropertyResult> &results) {
  bool unknown = false;
  for (const PropertyResult &r : results) {
    if (r.verdict == Verdict::Violated) return 1;
    if (r.verdict == Verdict::Unknown) unknown = true;
  }
  return unknown ? 3 : 0;
}

}  // namespace ctcheck::engines
