#include "core/verdict.h"

namespace ctcheck::core {

const char *to_string(Verdict v) {
  switch (v) {
    case Verdict::Proved:
      return "proved";
    case Verdict::Bounded:
      return "bounded";
    case Verdict::Violated:
      return "violated";
    case Verdict::Unknown:
      return "unknown";
  }
  return "unknown";
}

const char *to_string(EngineKind e) {
  switch (e) {
    case EngineKind::None:
      return "";
    case EngineKind::Explicit:
      return "explicit";
    case EngineKind::Bmc:
      return "bmc";
    case EngineKind::Kind:
      return "kind";
  }
  return "";
}

const char *to_string(UnknownCause c) {
  switch (c) {
    case UnknownCause::None:
      return "none";
    case UnknownCause::Timeout:
      return "timeout";
    case UnknownCause::StateLimit:
      return "state limit";
    case UnknownCause::InputLimit:
      return "input limit";
    case UnknownCause::InitLimit:
      return "initial-state limit";
    case UnknownCause::SolverUnknown:
      return "solver unknown";
    case UnknownCause::SolverError:
      return "solver error";
    case UnknownCause::Interrupted:
      return "interrupted";
    case UnknownCause::InternalError:
      return "internal error";
    case UnknownCause::Undecided:
      return "undecided";
  }
  return "none";
}

std::optional<Verdict> parse_verdict(const std::string &s) {
  for (Verdict v : {Verdict::Proved, Verdict::Bounded, Verdict::Violated, Verdict::Unknown})
    if (s == to_string(v)) return v;
  return std::nullopt;
}

std::optional<EngineKind> parse_engine(const std::string &s) {
  for (EngineKind e : {EngineKind::None, EngineKind::Explicit, EngineKind::Bmc, EngineKind::Kind})
    if (s == to_string(e)) return e;
  return std::nullopt;
}

int strength(Verdict v) {
  switch (v) {
    case Verdict::Violated:
    case Verdict::Proved:
      return 3;
    case Verdict::Bounded:
      return 2;
    case Verdict::Unknown:
      return 1;
  }
  return 0;
}

}  // namespace ctcheck::core
