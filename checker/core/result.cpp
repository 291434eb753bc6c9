#include "core/result.h"

namespace ctcheck::core {

int PropertyResult::depth() const {
  switch (verdict) {
    case Verdict::Violated:
      return trace_length;
    case Verdict::Bounded:
      return bound;
    case Verdict::Proved:
      return engine == EngineKind::Explicit ? diameter : k;
    case Verdict::Unknown:
      return bound < 0 ? 0 : bound;
  }
  return 0;
}

std::string describe(const PropertyResult &r) {
  std::string s = to_string(r.verdict);
  switch (r.verdict) {
    case Verdict::Violated:
      return s + " at " + std::to_string(r.trace_length);
    case Verdict::Bounded:
      return s + " to " + std::to_string(r.bound);
    case Verdict::Proved:
      if (r.engine == EngineKind::Explicit)
        return s + " (all states, diameter " + std::to_string(r.diameter) +
               (r.certified ? ", Z3-checked" : ", not re-checked") + ")";
      return s + " (k=" + std::to_string(r.k) + ")";
    case Verdict::Unknown:
      return s + " (" + r.reason + ")";
  }
  return s;
}

int exit_code(const std::vector<PropertyResult> &results) {
  bool unknown = false;
  for (const PropertyResult &r : results) {
    if (r.verdict == Verdict::Violated) return 1;
    if (r.verdict == Verdict::Unknown) unknown = true;
  }
  return unknown ? 3 : 0;
}

}  // namespace ctcheck::core
