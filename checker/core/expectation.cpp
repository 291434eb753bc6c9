#include "core/expectation.h"

namespace ctcheck::core {

const char *to_string(Expect e) {
  switch (e) {
    case Expect::Violated:
      return "violated";
    case Expect::Holds:
      return "holds";
    case Expect::Proved:
      return "proved";
    case Expect::Undecided:
      return "undecided";
  }
  return "holds";
}

std::optional<Expect> parse_expect(const std::string &s) {
  for (Expect e : {Expect::Violated, Expect::Holds, Expect::Proved, Expect::Undecided})
    if (s == to_string(e)) return e;
  return std::nullopt;
}

std::string describe(const Expectation &e) {
  std::string s = to_string(e.kind);
  if (e.depth) s += " at " + std::to_string(*e.depth);
  return s;
}

bool met(const Expectation &e, const PropertyResult &r) {
  switch (e.kind) {
    case Expect::Violated:
      return r.verdict == Verdict::Violated && (!e.depth || *e.depth == r.trace_length);
    case Expect::Holds:
      return r.verdict == Verdict::Bounded || r.verdict == Verdict::Proved;
    case Expect::Proved:
      return r.verdict == Verdict::Proved;
    case Expect::Undecided:
      return r.verdict == Verdict::Bounded ||
             (r.verdict == Verdict::Unknown && r.cause != UnknownCause::InternalError &&
              r.cause != UnknownCause::SolverError && r.cause != UnknownCause::Interrupted);
  }
  return false;
}

}  // namespace ctcheck::core
