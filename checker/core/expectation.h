// A case's expected verdict for one property (`expect P violated at 7;`,
// `expect P holds;`, `expect P proved;`, `expect P undecided;`) and the rule that decides whether a
// result meets it: the one place `cases`, the gate and the main job ask.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"

namespace ctcheck::core {

enum class Expect {
  Violated,  // a counterexample (of exactly `depth` steps when given)
  Holds,     // no violation found: bounded or proved
  Proved,    // proved for every depth
  // Neither proved nor violated: bounded, or stopped at a limit of the method
  // (for a property whose answer lies beyond any search: a violation after
  // 2^63 interrupts; the case says why). Not met by an internal error.
  Undecided,
};

struct Expectation {
  std::string property;
  Expect kind = Expect::Holds;
  std::optional<int> depth;  // Violated only
};

const char *to_string(Expect e);
std::optional<Expect> parse_expect(const std::string &s);
// "violated at 7", "violated", "holds", "proved".
std::string describe(const Expectation &e);
bool met(const Expectation &e, const PropertyResult &r);

}  // namespace ctcheck::core
