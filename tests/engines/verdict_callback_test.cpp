// EngineOptions::on_verdict / CheckRequest::on_verdict: every engine tells a
// violation or a proof the moment it settles it, once, with the verdict the
// final result will carry; bounds and unknowns are not told.
#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "engines/bmc.h"
#include "engines/explicit.h"
#include "engines/kinduction.h"
#include "engines/portfolio.h"
#include "fixture.h"

namespace ctcheck::engines {
namespace {

using testing::SystemBuilder;

// u8 counter: "not5" fails at depth 5, "safe" always holds.
struct Counter {
  SystemBuilder b;
  std::uint32_t c = b.u8("c", 0);
  Counter() {
    b.action("inc", {b.incr(c)});
    b.invariant("not5", b.ne(b.v(c), b.c(8, 5)));
    b.invariant("safe", b.tru());
  }
};

struct Told {
  std::mutex m;
  std::multimap<std::string, PropertyResult> seen;
  VerdictFn fn() {
    return [this](const PropertyResult &r) {
      std::lock_guard<std::mutex> lock(m);
      seen.emplace(r.property, r);
    };
  }
};

void expect_told_as_returned(const Told &told, const std::vector<PropertyResult> &results) {
  for (const PropertyResult &r : results) {
    const bool settled = r.verdict == Verdict::Violated || r.verdict == Verdict::Proved;
    ASSERT_EQ(told.seen.count(r.property), settled ? 1u : 0u) << r.property << " " << core::describe(r);
    if (!settled) continue;
    const PropertyResult &t = told.seen.find(r.property)->second;
    EXPECT_EQ(core::describe(t), core::describe(r));
    EXPECT_EQ(t.engine, r.engine);
  }
}

TEST(OnVerdict, Bmc) {
  Counter k;
  Told told;
  Bmc::Options o;
  o.max_depth = 8;
  o.on_verdict = told.fn();
  const auto res = Bmc(k.b.ts, o).run();
  ASSERT_EQ(res[0].verdict, Verdict::Violated);
  ASSERT_EQ(res[1].verdict, Verdict::Bounded);  // BMC proves nothing: not told
  expect_told_as_returned(told, res);
  EXPECT_EQ(told.seen.find("not5")->second.trace_length, 5);
}

// Runs engine E on the counter with the callback and returns its results.
template <class E>
std::vector<PropertyResult> run_told(Told &told, typename E::Options o) {
  Counter k;
  o.on_verdict = told.fn();
  return E(k.b.ts, o).run();
}

TEST(OnVerdict, KInduction) {
  Told told;
  KInduction::Options o;
  o.max_depth = 8;
  const auto res = run_told<KInduction>(told, o);
  ASSERT_EQ(res[0].verdict, Verdict::Violated);
  ASSERT_EQ(res[1].verdict, Verdict::Proved);
  expect_told_as_returned(told, res);
}

TEST(OnVerdict, Explicit) {
  Told told;
  const auto res = run_told<Explicit>(told, {});
  ASSERT_EQ(res[0].verdict, Verdict::Violated);
  ASSERT_EQ(res[1].verdict, Verdict::Proved);
  expect_told_as_returned(told, res);
}

TEST(OnVerdict, ExplicitStateLimitIsNotTold) {
  Told told;
  Explicit::Options o;
  o.max_states = 3;
  const auto res = run_told<Explicit>(told, o);
  ASSERT_EQ(res[1].verdict, Verdict::Unknown);
  expect_told_as_returned(told, res);
}

TEST(OnVerdict, PortfolioWithoutReduction) {
  Counter k;
  Told told;
  CheckRequest req;
  req.reduce = false;  // the hand-built system has no CPU layout to reduce
  req.on_verdict = told.fn();
  const auto res = check(k.b.ts, req);
  ASSERT_EQ(res[0].verdict, Verdict::Violated);
  expect_told_as_returned(told, res);
}

}  // namespace
}  // namespace ctcheck::engines
