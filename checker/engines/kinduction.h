// k-induction with ONE incremental Z3 solver (Pono's KInduction, adapted).
//
// Call order and the run() contract: engines/engine.h (stop() may be called
// from any other thread at any time: run() then stops at the next solver call
// and returns what it has).
//
// Encoding. There is one unrolling s_0 .. s_k (Unroller/Encoder times 0..k),
// shared by the base case and the step case; they differ only in assumption
// literals, so nothing is rebuilt per k:
//
//   permanent     frame(0..k), T(0..k-1)                 (encoder.h)
//                 init -> I(0)                           (init: one literal)
//                 hyp_p -> ¬bad(p, j)   for j < k        (one literal per property p,
//                                                         a clause per depth its base case passed)
//                 ¬bad(q, j)            for j <= k       (q already PROVED: strengthening)
//                 s_i != s_j            for recorded pairs (lazy simple-path constraints)
//   base(k)       assume init, hyp_p (open p), goal -> OR bad(p, k)
//   step(k, S)    assume hyp_p (p in S),        goal -> OR_{p in S} bad(p, k)
//
// Depth k: T(k-1) and frame(k) are added; the base case checks every open
// property at depth k (as BMC: shortest counterexample first, replayed on the
// simulator); then the step case is tried at k, and only then hyp_p -> ¬bad(p, k)
// is asserted (so the step at k cannot assume its own goal).
//
// Step case, Houdini style: S = the open properties of a tier (tier 0: the
// model's `lemma`s, tier 1: every other property). If step(k, S) is unsat, the
// conjunction of S is k-inductive relative to the proved properties: S is
// proved at k (base 0..k is unsat for all of S). If it is sat, the model is
// inspected: if two step states are equal (s_i == s_j, i < j) the disequality
// is asserted and the step retried (a shortest counterexample is a simple
// path, so this is sound for base and step alike); otherwise the properties
// bad at k in the model are dropped from S for this k and the rest retried.
// Lemmas are settled first at each k, so a proved lemma strengthens the other
// properties at the same k. Invariants of the model strengthen each other
// through the joint step (mutual induction) and, once proved, everything.
// Unproved properties are never assumed anywhere except as the inductive
// hypothesis of their own joint step.
//
// Every proof is re-checked in a FRESH context before it is reported
// (recheck()): base 0..k unsat from I, and step(k) unsat with exactly the
// strengthening and simple-path pairs the proof used. A disagreement is
// Unknown "internal error: proof did not re-check".
//
// Verdicts: Violated (base case, replayed trace), Proved (depth = k), Bounded
// (depth = deepest base case passed; `reason` says why no proof: max k, or
// timeout, or interrupted), Unknown only when not even depth 0 was checked or
// on internal errors. Properties may be restricted with Options::properties;
// the model's lemmas are then still proved (not reported) to strengthen them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "engines/engine.h"

namespace ctcheck::engines {

class KInduction : public Engine {
 public:
  // What a proof claims: the properties `props` are jointly k-inductive with
  // `k`, assuming the already proved `strengthen` at every step position and
  // the step states at each of `distinct` pairwise different.
  struct Proof {
    std::vector<std::uint32_t> props;
    int k = 0;
    std::vector<std::uint32_t> strengthen;
    std::vector<std::pair<int, int>> distinct;
  };
  enum class Recheck { Agrees, Disagrees, Unknown };

  // max_depth is the largest k (base depths and step k: 0..max_depth).
  struct Options : EngineOptions {
    // Test hook: called with every proof before its re-check (may alter it).
    std::function<void(Proof &)> before_recheck;
  };

  // Throws std::invalid_argument for a negative max k or timeout, or an
  // unknown property name. The model's lemmas are always proved (to strengthen
  // the others) but reported only when selected.
  KInduction(const ir::TransitionSystem &ts, Options options);
  EngineKind kind() const override { return EngineKind::Kind; }

  // The independent re-check of a proof in a fresh Z3 context (its own
  // solvers), stopped by `stop` when given. `timeout_ms` 0 = none; `why` gets
  // the reason for Unknown.
  static Recheck recheck(const ir::TransitionSystem &ts, const Proof &proof, unsigned timeout_ms,
                         std::string *why = nullptr, StopSource *stop = nullptr);

 private:
  std::vector<PropertyResult> solve() override;
  friend class KindSession;
  std::function<void(Proof &)> before_recheck_;
};

}  // namespace ctcheck::engines
